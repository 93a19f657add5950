#include "app.hpp"

#include <algorithm>

#include <imgui.h>

#include "core/front_matter.hpp"
#include "core/query_parser.hpp"
#include "core/url.hpp"
#include "accessibility.hpp"
#include "keyboard_nav.hpp"
#include "tag_view.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

constexpr const char* kThemeKey = "logbook.theme";

}  // namespace

App::App(Platform& platform) : platform_(platform), theme_(make_theme(ThemeKind::light)) {}
App::~App() = default;

std::string App::init(AppInit init) {
  font_bytes_ = std::move(init.fonts);
  std::string errors = type_.load(font_bytes_);
  const std::string saved = platform_.storage_get(kThemeKey);
  theme_choice_ = saved == "light" ? ThemeChoice::light : saved == "dark" ? ThemeChoice::dark : ThemeChoice::system;
  set_theme(saved == "dark" || (saved != "light" && platform_.system_prefers_dark()) ? ThemeKind::dark : ThemeKind::light, false);
  ImGui::GetIO().ConfigInputTrickleEventQueue = false;  // a fast tap is still a click
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab reaches every stop (keyboard_nav.hpp)
  manifest_error_ = read_manifest(init.manifest_json, site_);
  sidebar_.collapsed.assign(site_.sections.size(), 0);
  part_state_.assign(site_.parts.size(), 0);
  prefetched_url_ = parse_route(init.route).url;
  // The edge may have fetched the first page's part with the head (the static page names it).
  for (int k : site_.parts_for_url(prefetched_url_))
    if (!init.first_page_part.empty() && read_manifest_part(init.first_page_part, k, site_).empty()) part_state_[static_cast<std::size_t>(k)] = 2;
  prefetched_md_ = std::move(init.first_page_md);
  open(init.route, false);
  if (!init.position.empty() && parse_route(init.route).anchor.empty()) first_position_ = reading_position_from_json(init.position);
  platform_.history_replace(full_url(init.route.empty() ? "/" : init.route));
  if (!manifest_error_.empty()) errors += manifest_error_;
  return errors;
}

void App::set_theme(ThemeKind kind, bool remember) {
  theme_ = make_theme(kind);
  apply_imgui_style(theme_, ImGui::GetStyle());
  if (remember) {
    theme_choice_ = kind == ThemeKind::dark ? ThemeChoice::dark : ThemeChoice::light;
    platform_.storage_set(kThemeKey, kind == ThemeKind::dark ? "dark" : "light");
  }
}

void App::set_theme_choice(ThemeChoice choice) {
  if (choice != ThemeChoice::system) return set_theme(choice == ThemeChoice::dark ? ThemeKind::dark : ThemeKind::light);
  theme_choice_ = ThemeChoice::system;
  platform_.storage_set(kThemeKey, "system");
  set_theme(platform_.system_prefers_dark() ? ThemeKind::dark : ThemeKind::light, false);
}

void App::cycle_theme() {
  const ThemeKind system = platform_.system_prefers_dark() ? ThemeKind::dark : ThemeKind::light;
  const ThemeKind other = system == ThemeKind::dark ? ThemeKind::light : ThemeKind::dark;
  if (theme_choice_ == ThemeChoice::system) set_theme(other);
  else if (theme_.kind == other) set_theme(system);
  else set_theme_choice(ThemeChoice::system);
}

void App::on_system_theme(bool dark) {
  if (theme_choice_ == ThemeChoice::system) set_theme(dark ? ThemeKind::dark : ThemeKind::light, false);
}

void App::flash_status(const std::string& text) {
  status_line = text;
  status_until = platform_.now_ms() + 1800;
  platform_.request_frames(120);
}

void App::open(const std::string& site_path, bool push_history) {
  Route route = parse_route(site_path);
  const int index = site_.find_url(route.url);
  std::vector<std::string> words = parse_query(route.query).words();
  // The search words stay in the URL (?q=), so a shared link highlights them too.
  const auto q = site_path.find("?q=");
  const std::string query = q == std::string::npos ? std::string() : site_path.substr(q, site_path.find('#', q) - q);
  // The decision log's filters live in its address (shareable; back and forward restore them).
  std::string log_query;
  if (index >= 0 && index == decision_log_page(site_)) log_query = apply_decision_log_query(decision_log_, route.params);
  // "/?for=Ana": who the reader is (your_queue.hpp); the address then drops it.
  const std::optional<std::string> person = route.url == "/" ? person_in_query(route.params) : std::nullopt;
  if (person) choose_person(*this, *person);
  std::string shown = route.url + (query.empty() && !log_query.empty() ? "?" + log_query : query) + (route.anchor.empty() ? "" : "#" + route.anchor);
  if (person && !push_history) platform_.history_replace(full_url(shown));
  if (push_history) {
    platform_.history_push(full_url(shown));
    first_position_.reset();  // the reader went elsewhere before the first page was laid out
  }
  // "?graph": the whole site's graph over the page (a link or a bookmark can open it).
  if (route.params == "graph") open_graph(*this, GraphMode::site);
  else if (graph_.mode != GraphMode::closed) close_graph(*this);
  if (open_when_parts_arrive(shown)) return;
  if (index < 0 && open_tag_view(shown)) return;
  if (index >= 0 && index == page_.index && page_.status != CurrentPage::Status::failed) {
    page_.highlight_words = std::move(words);
    page_.relayout = true;  // recompute highlights
    if (!route.anchor.empty()) scroll_to_anchor(route.anchor, true);
    else if (push_history) doc_.target = 0;
    return;
  }
  load_page(index, route.anchor, words);
  if (index < 0) page_.url = route.url;
}

void App::on_popstate(const std::string& site_path) { open(site_path, false); }

// A page whose part is not read yet: the parts that may hold it are fetched, the page
// is drawn as loading, and open() runs again when they have all arrived.
bool App::open_when_parts_arrive(const std::string& site_path) {
  const std::string url = parse_route(site_path).url;
  std::vector<int> parts = site_.parts_for_url(url);
  std::erase_if(parts, [&](int k) { return part_state_[static_cast<std::size_t>(k)] == 2; });  // failed
  if (parts.empty()) {
    waiting_route_.clear();
    return false;
  }
  if (waiting_route_ != site_path || page_.status != CurrentPage::Status::loading || page_.index >= 0) {
    const Route route = parse_route(site_path);
    reset_page(-1, route.anchor, parse_query(route.query).words());
    page_.status = CurrentPage::Status::loading;
    page_.url = url;
    platform_.request_frames(30);
  }
  waiting_route_ = site_path;
  for (int k : parts) load_part(k);
  return true;
}

bool App::need_page(int page) {
  const int k = site_.part_of(page);
  if (k < 0 || site_.parts[static_cast<std::size_t>(k)].loaded) return true;
  load_part(k);
  return false;
}

bool App::need_owned_pages() {
  if (site_.owned_loaded || owned_asked_) return site_.owned_loaded;
  owned_asked_ = true;
  platform_.fetch(full_url("/" + site_.owned_list), [this](FetchResult r) {
    YourQueueState& st = notes_.yours;
    if (!r.ok) st.error = "Could not load your pages past review" + (r.status ? " (HTTP " + std::to_string(r.status) + ")" : std::string()) + ".";
    else if (std::string error = read_owned_pages(r.bytes, site_); !error.empty()) st.error = std::move(error);
    gather_queue(st, site_, notes_.seen, notes_.today);
    platform_.request_frames(4);
  });
  return false;
}

void App::load_part(int part) {
  char& state = part_state_[static_cast<std::size_t>(part)];
  if (state != 0 || site_.parts[static_cast<std::size_t>(part)].loaded) return;
  state = 1;
  platform_.fetch(full_url("/" + site_.parts[static_cast<std::size_t>(part)].name),
                  [this, part](FetchResult r) { part_arrived(part, std::move(r)); });
}

void App::part_arrived(int part, FetchResult result) {
  part_state_[static_cast<std::size_t>(part)] = 2;
  const std::string& name = site_.parts[static_cast<std::size_t>(part)].name;
  if (!result.ok)
    part_error_ = "Could not load " + name + (result.status ? " (HTTP " + std::to_string(result.status) + ")" : "") + ". " +
                  (result.error.empty() ? "Check the connection and reload the page." : result.error);
  else if (std::string error = read_manifest_part(result.bytes, part, site_); !error.empty())
    part_error_ = std::move(error);
  platform_.request_frames(4);
  if (waiting_route_.empty()) return;
  for (int k : site_.parts_for_url(parse_route(waiting_route_).url))
    if (part_state_[static_cast<std::size_t>(k)] == 1) return;  // more to come
  const std::string route = waiting_route_;
  waiting_route_.clear();
  open(route, false);
  // Not found, and a part could not be read: say why, rather than "no page here".
  if (page_.index < 0 && page_.status == CurrentPage::Status::failed && !part_error_.empty()) page_.error = part_error_;
}

// Search latency is measured to here: from the keystroke to its results on screen.
void App::fetch_late_faces() {
  for (const auto& wanted : type_.take_wanted()) {
    const Face face = wanted.first;
    platform_.fetch(wanted.second, [this, face](FetchResult r) { late_face_arrived(face, std::move(r)); });
  }
}

void App::late_face_arrived(Face face, FetchResult result) {
  if (!result.ok) return;  // the stand-in stays: a missing file degrades the look, never the function
  std::string& kept = font_bytes_.face(face);  // the atlas reads the bytes in place: they stay here
  kept = std::move(result.bytes);
  if (!type_.add_late(face, kept).empty()) return;
  page_.relayout = true;
  link_preview_.layout_width = -1;
  platform_.request_frames(2);
}

void App::presented() {
  if (!palette_.drawn_mark) return;
  palette_.drawn_mark = false;
  if (palette_.sent_at <= 0) return;
  palette_.latencies.push_back(platform_.now_ms() - palette_.sent_at);
  palette_.engine_millis.push_back(palette_.answer.millis);
}

void App::reset_page(int index, const std::string& anchor, const std::vector<std::string>& words) {
  page_ = CurrentPage{};
  page_.generation = ++page_generation_;
  page_.index = index;
  page_.anchor_to_show = anchor;
  page_.highlight_words = words;
  doc_.scroll = doc_.target = 0;
  doc_.velocity = 0;
  doc_.selection = {};
  doc_.pinned_heading = -1;
  doc_.hold_place = false;
  doc_.region_scroll.clear();
  find_.matches.clear();
  find_.searched.clear();
  sidebar_.drawer_open = false;
  outline_.menu_open = false;
  link_menu_.open = false;
  close_link_preview(*this);
}

void App::load_page(int index, const std::string& anchor, const std::vector<std::string>& words) {
  reset_page(index, anchor, words);
  if (index < 0) {
    page_.status = CurrentPage::Status::failed;
    page_.error = "There is no page at this address. It may have been moved or renamed.";
    platform_.set_title("Page not found · " + site_.title);
    return;
  }
  const PublishedPage& entry = site_.pages[static_cast<std::size_t>(index)];
  page_.url = entry.url;
  page_.status = CurrentPage::Status::loading;
  const int generation = page_.generation;
  if (!prefetched_md_.empty() && prefetched_url_ == entry.url) {
    FetchResult r{.ok = true, .status = 200, .bytes = std::move(prefetched_md_), .error = {}};
    prefetched_md_.clear();
    page_arrived(generation, std::move(r));
    return;
  }
  platform_.fetch(full_url(entry.url) + "index.md", [this, generation](FetchResult r) { page_arrived(generation, std::move(r)); });
  platform_.request_frames(30);
}

void App::page_arrived(int generation, FetchResult result) {
  if (generation != page_.generation) return;  // the reader has moved on
  if (page_.index < 0) return;
  const PublishedPage& entry = site_.pages[static_cast<std::size_t>(page_.index)];
  if (!result.ok) {
    page_.status = CurrentPage::Status::failed;
    page_.error = "Could not load " + entry.path + (result.status ? " (HTTP " + std::to_string(result.status) + ")" : "") +
                  ". " + (result.error.empty() ? "Check the connection and reload the page." : result.error);
    return;
  }
  page_.source = std::move(result.bytes);
  const FrontMatter fm = split_front_matter(page_.source);
  page_.markdown = std::make_unique<MarkdownDocument>(fm.body);
  page_.resolved_links = entry.links;
  show_parsed_page(entry.title, entry.url);
}

void App::show_parsed_page(const std::string& title, const std::string& url) {
  for (Heading& h : page_.markdown->summarize().headings) page_.slugs.push_back(std::move(h.slug));
  page_.status = CurrentPage::Status::ready;
  page_.relayout = true;
  page_.shown_at = platform_.now_ms();
  platform_.set_title(title + " · " + site_.title);
  platform_.set_accessible_page(full_url(url));
  platform_.request_frames(30);
}

void App::ensure_layout(float width) {
  if (page_.status != CurrentPage::Status::ready || !page_.markdown) return;
  if (!page_.relayout && page_.layout_width == width) return;
  // Keep the reader's place across a relayout (resize, image arrival): remember the
  // text at the top of the view and find it again.
  std::uint32_t top_offset = 0;
  bool keep_place = page_.layout_width > 0 && doc_.scroll > 0 && !page_.layout.chunks.empty();
  if (keep_place) {
    const std::size_t c = page_.layout.first_chunk_below(doc_.scroll);
    if (c < page_.layout.chunks.size() && page_.layout.chunks[c].frag_begin < page_.layout.fragments.size())
      top_offset = page_.layout.fragments[page_.layout.chunks[c].frag_begin].begin;
    else keep_place = false;
  }
  LayoutInput in;
  in.root = page_.markdown->root();
  in.width = width;
  in.type = &type_;
  in.image_sizes = page_.image_sizes;
  in.heading_slugs = page_.slugs;
  in.hrefs = &page_.resolved_links;
  page_.layout = layout_markdown(in);
  place_removed_text(changes_, page_.layout, type_, width);
  page_.layout.set_views_height(doc_.header_h);  // as last measured: the document view updates it
  page_.layout_width = width;
  page_.relayout = false;
  doc_.region_scroll.resize(page_.layout.regions.size(), 0.0f);
  page_.image_sizes.resize(page_.layout.images.size());
  page_.image_textures.resize(page_.layout.images.size(), 0);
  page_.image_requested.resize(page_.layout.images.size(), 0);
  if (keep_place) {
    const Fragment& f = page_.layout.fragments[page_.layout.fragment_at_offset(top_offset)];
    doc_.scroll = doc_.target = f.line_y;
  }
  // Highlights of the words a search result was opened for.
  doc_.highlights.clear();
  for (const std::string& w : page_.highlight_words) {
    if (w.size() < 2) continue;
    for (auto m : find_all(page_.layout.text, w)) {
      const bool word_start = m.first == 0 || !std::isalnum(static_cast<unsigned char>(page_.layout.text[m.first - 1]));
      if (word_start) doc_.highlights.push_back(m);
    }
  }
  std::sort(doc_.highlights.begin(), doc_.highlights.end());
  if (!find_.searched.empty()) find_.searched.clear();  // find again in the new layout
  if (!page_.anchor_to_show.empty()) {
    scroll_to_anchor(page_.anchor_to_show, false);
    page_.anchor_to_show.clear();
  } else if (first_position_) {
    if (const auto y = find_reading_position(page_.layout, *first_position_)) {
      doc_.scroll = doc_.target = *y + doc_.origin_y;
      doc_.hold_place = true;
    }
    first_position_.reset();
  } else if (!doc_.highlights.empty() && doc_.scroll == 0) {
    const Fragment& f = page_.layout.fragments[page_.layout.fragment_at_offset(doc_.highlights.front().first)];
    doc_.scroll = doc_.target = std::max(0.0f, f.line_y - 120);
    doc_.flash_until = platform_.now_ms() + 2500;
  }
  request_images();
}

void App::request_images() {
  for (std::size_t i = 0; i < page_.layout.images.size(); ++i) {
    if (page_.image_requested[i]) continue;
    page_.image_requested[i] = 1;
    const ImageSlot& slot = page_.layout.images[i];
    std::string href;
    if (slot.source_index >= 0 && slot.source_index < static_cast<int>(page_.resolved_links.size()))
      href = page_.resolved_links[static_cast<std::size_t>(slot.source_index)];
    if (href.empty() && has_scheme(slot.url) && slot.url.rfind("https:", 0) == 0) href = slot.url;
    if (href.empty()) continue;  // broken: the alt text stays
    const std::string url = has_scheme(href) ? href : full_url(href);
    const int generation = page_.generation;
    platform_.load_image(url, [this, generation, i](ImageResult r) {
      if (generation != page_.generation || !r.ok || i >= page_.image_sizes.size()) return;
      page_.image_sizes[i] = {r.width, r.height};
      page_.image_textures[i] = r.texture;
      page_.relayout = true;
      platform_.request_frames(4);
    });
  }
}

void App::scroll_to_anchor(const std::string& anchor, bool smooth) {
  if (page_.status != CurrentPage::Status::ready || page_.layout_width < 0) {
    page_.anchor_to_show = anchor;
    return;
  }
  const Anchor* a = page_.layout.find_anchor(anchor);
  if (!a) return;
  const float y = std::max(0.0f, a->y - 16 + doc_.origin_y);
  doc_.target = y;
  // The reader asked for this heading: it is the current one even when the page is too
  // short to bring it to the top.
  doc_.pinned_heading = static_cast<int>(a - page_.layout.anchors.data());
  if (!smooth) doc_.scroll = y;
  platform_.request_frames(60);
}

std::string App::link_href(int layout_link) const {
  const DocLayout& layout = page_.layout;
  if (layout_link < 0 || layout_link >= static_cast<int>(layout.links.size())) return {};
  const LinkInfo& link = layout.links[static_cast<std::size_t>(layout_link)];
  if (link.footnote_ref || link.footnote_back) return page_.url + "#" + link.anchor;
  if (link.source_index >= 0 && link.source_index < static_cast<int>(page_.resolved_links.size()))
    return page_.resolved_links[static_cast<std::size_t>(link.source_index)];
  if (has_scheme(link.destination) && link.destination.rfind("wikilink:", 0) != 0) return link.destination;
  if (!link.destination.empty() && link.destination.front() == '#') return page_.url + link.destination;
  return {};
}

std::string broken_link_message(const LinkInfo& link) {
  constexpr std::string_view kWiki = "wikilink:";
  std::string_view target(link.destination);
  if (target.rfind(kWiki, 0) == 0) target.remove_prefix(kWiki.size());
  // A tooltip of a few lines, however long the destination (cut after a whole character).
  constexpr std::size_t kLongest = 160;
  std::string shown(target.substr(0, kLongest));
  if (target.size() > kLongest) {
    while (!shown.empty() && (static_cast<unsigned char>(target[shown.size()]) & 0xC0) == 0x80) shown.pop_back();
    shown += "\xE2\x80\xA6";
  }
  return "Broken link: " + shown + " does not exist";
}

void App::follow_link(int layout_link, bool new_tab) {
  const DocLayout& layout = page_.layout;
  if (layout_link < 0 || layout_link >= static_cast<int>(layout.links.size())) return;
  const LinkInfo& link = layout.links[static_cast<std::size_t>(layout_link)];
  if (link.footnote_ref || link.footnote_back) {
    scroll_to_anchor(link.anchor, true);
    return;
  }
  const std::string href = link_href(layout_link);
  if (link.broken || href.empty()) {
    flash_status(broken_link_message(link));
    return;
  }
  follow_href(href, new_tab);
}

void App::follow_href(const std::string& href, bool new_tab) {
  if (has_scheme(href)) {  // another site: "https:", "mailto:", or "//host/x" (the site's own scheme)
    if (href.rfind("http:", 0) == 0 || href.rfind("https:", 0) == 0 || href.rfind("mailto:", 0) == 0 || href.rfind("//", 0) == 0)
      platform_.open_in_new_tab(href);
    return;
  }
  const Route route = parse_route(href);
  if (new_tab || (site_.find_url(route.url) < 0 && !is_tag_route(route.url))) {  // other tabs, and files that are not pages
    platform_.open_in_new_tab(full_url(href));
    return;
  }
  open(href);
}

void App::open_search(bool open) {
  palette_.open = open;
  palette_.focus_input = open;
  if (open) {
    palette_.selected = 0;
    find_.open = false;
    platform_.search_warm_up();
  }
  platform_.request_frames(10);
}

void App::open_find(bool open) {
  find_.open = open;
  find_.focus_input = open;
  if (!open) find_.matches.clear(), find_.searched.clear(), find_.current = -1;
  platform_.request_frames(10);
}

void App::copy_selection() {
  const Selection& s = doc_.selection;
  if (s.empty() || s.end() > page_.layout.text.size()) return;
  platform_.copy_to_clipboard(page_.layout.text.substr(s.begin(), s.end() - s.begin()));
  flash_status("Copied");
}

void App::copy_page_markdown() {
  if (page_.source.empty()) return;
  platform_.copy_to_clipboard(page_.source);
  flash_status("Copied the page as Markdown");
}

// The worker answers a word query in two steps: its hits (drawn at once), then the same
// hits with their snippets, made from their pages' text, which only fill in the snippets.
// Until they come, a hit keeps the snippet the previous answer had for its page, so that
// typing does not blank the lines under titles that stay.
void App::on_search_answer(SearchAnswer answer) {
  SearchAnswer& shown = palette_.answer;
  if (answer.id != 0 && answer.id == shown.id) {
    for (std::size_t i = 0; i < answer.hits.size() && i < shown.hits.size(); ++i)
      if (answer.hits[i].url == shown.hits[i].url) shown.hits[i].snippet = std::move(answer.hits[i].snippet);
    platform_.request_frames(2);
    return;
  }
  if (answer.id != palette_.awaited_id) return;  // an older keystroke's answer
  for (SearchHitView& hit : answer.hits)
    for (const SearchHitView& before : shown.hits)
      if (hit.snippet.empty() && hit.url == before.url) hit.snippet = before.snippet;
  palette_.answer = std::move(answer);
  palette_.answer_query = palette_.sent_query;
  palette_.selected = 0;
  palette_.pending_draw_mark = true;
  palette_.answer_received_at = platform_.now_ms();
  platform_.request_frames(2);
}

std::string App::reading_position() const {
  if (page_.status != CurrentPage::Status::ready) return to_json(ReadingPosition{});
  return to_json(reading_position_at(page_.layout, doc_.scroll - doc_.origin_y));
}

AppState App::state() const {
  AppState s;
  s.path = page_.index >= 0 ? site_.pages[static_cast<std::size_t>(page_.index)].url : page_.url;
  s.title = page_.index >= 0 ? site_.pages[static_cast<std::size_t>(page_.index)].title
            : !page_.title.empty() ? page_.title : "Page not found";
  if (outline_.active >= 0 && outline_.active < static_cast<int>(page_.layout.anchors.size()))
    s.heading = page_.layout.anchors[static_cast<std::size_t>(outline_.active)].slug;
  s.theme = theme_.kind == ThemeKind::dark ? "dark" : "light";
  s.theme_choice = theme_choice_ == ThemeChoice::system ? "system" : s.theme;
  s.search_open = palette_.open;
  // "Page not found" is drawn whole at once: ready too, so whoever waits for a page (a
  // test, a screen reader's mirror) is not left waiting on a missing one.
  s.ready = (page_.status == CurrentPage::Status::ready && page_.layout_width > 0) ||
            (page_.status == CurrentPage::Status::failed && page_.index < 0);
  s.find_open = find_.open;
  s.find_matches = static_cast<int>(find_.matches.size());
  s.search_results = static_cast<int>(palette_.answer.hits.size());
  s.search_error = platform_.search_status() == SearchStatus::failed ? platform_.search_error() : palette_.answer.error;
  if (link_preview_.open) s.preview = link_preview_.described;
  if (!doc_.selection.empty() && doc_.selection.end() <= page_.layout.text.size())
    s.selection = page_.layout.text.substr(doc_.selection.begin(), doc_.selection.end() - doc_.selection.begin());
  return s;
}

std::vector<VisibleLink> App::visible_links() const {
  std::vector<VisibleLink> out;
  const DocLayout& L = page_.layout;
  const float oy = doc_.area_y + doc_.origin_y - doc_.scroll;
  const bool page_shown = graph_.mode == GraphMode::closed;  // the graph is drawn in its place
  for (const Fragment& f : L.fragments) {
    if (f.link < 0 || !page_shown) continue;
    const float y = oy + f.line_y;
    if (y + f.line_h < doc_.area_y || y > doc_.area_y + doc_.view_h) continue;
    const float rs = f.region >= 0 && static_cast<std::size_t>(f.region) < doc_.region_scroll.size() ? doc_.region_scroll[static_cast<std::size_t>(f.region)] : 0;
    const LinkInfo& link = L.links[static_cast<std::size_t>(f.link)];
    VisibleLink v;
    v.text = L.text.substr(f.begin, f.end - f.begin);
    if (link.footnote_ref || link.footnote_back) v.href = "#" + link.anchor;
    else if (link.source_index >= 0 && link.source_index < static_cast<int>(page_.resolved_links.size()))
      v.href = page_.resolved_links[static_cast<std::size_t>(link.source_index)];
    else v.href = link.destination;
    v.x = doc_.content_x + f.x - rs;
    v.y = y;
    v.w = f.w;
    v.h = f.line_h;
    out.push_back(std::move(v));
  }
  out.insert(out.end(), view_links_.begin(), view_links_.end());
  return out;
}

void App::handle_shortcuts() {
  ImGuiIO& io = ImGui::GetIO();
  const bool typing = io.WantTextInput;
  const bool ctrl = io.KeyCtrl || io.KeySuper;
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    if (link_preview_.open) close_link_preview(*this);
    else if (palette_.open) open_search(false);
    else if (find_.open) open_find(false);
    else if (graph_.mode != GraphMode::closed) close_graph(*this);
    else if (sidebar_.drawer_open || outline_.menu_open) sidebar_.drawer_open = outline_.menu_open = false;
    else doc_.selection = {};
  }
  if (ctrl && ImGui::IsKeyPressed(ImGuiKey_K, false)) open_search(!palette_.open);
  if (!typing && !ctrl && ImGui::IsKeyPressed(ImGuiKey_Slash, false) && !palette_.open) open_search(true);
  if (ctrl && ImGui::IsKeyPressed(ImGuiKey_F, false) && !palette_.open) open_find(true);
  // G: this page's links as a graph, as the page's "Graph" link says.
  if (!typing && !ctrl && ImGui::IsKeyPressed(ImGuiKey_G, false) && !palette_.open && graph_.mode == GraphMode::closed)
    open_graph(*this, GraphMode::near);
  // O: the whole site for reading offline, as the top bar offers it (shown on its key cap).
  if (!typing && !ctrl && ImGui::IsKeyPressed(ImGuiKey_O, false) && platform_.offline_copy().state == OfflineCopy::State::partial)
    platform_.make_available_offline();
  if (!typing && ctrl && ImGui::IsKeyPressed(ImGuiKey_C, false)) copy_selection();
  if (!typing && ctrl && ImGui::IsKeyPressed(ImGuiKey_A, false) && !page_.layout.text.empty()) {
    doc_.selection.anchor = 0;
    doc_.selection.caret = static_cast<std::uint32_t>(page_.layout.text.size());
  }
}

// The heading whose section is at the top of the view (or the one the reader jumped to).
int App::active_heading() const {
  if (doc_.pinned_heading >= 0 && doc_.pinned_heading < static_cast<int>(page_.layout.anchors.size())) return doc_.pinned_heading;
  int active = -1;
  for (std::size_t i = 0; i < page_.layout.anchors.size(); ++i) {
    const Anchor& a = page_.layout.anchors[i];
    if (a.level < 1) continue;
    if (a.y + doc_.origin_y <= doc_.scroll + 80) active = static_cast<int>(i);
  }
  return active;
}

void App::frame(float width, float height) {
  ImGuiIO& io = ImGui::GetIO();
  outline_.active = active_heading();
  view_links_.clear();
  if (io.MouseSource == ImGuiMouseSource_TouchScreen && io.MouseDown[ImGuiMouseButton_Left]) {
    touch_seen_ = true;
    // A finger held still sends no events: frames keep coming until it counts as a long press.
    if (io.MouseDownDuration[ImGuiMouseButton_Left] < 0.6f) platform_.request_frames(2);
  }
  accessibility_.lists.clear();
  narrow_ = width < 1000;
  phone_ = width < 640;
  const float top_h = phone_ ? 52.0f : 60.0f;
  const float sidebar_w = narrow_ ? 0.0f : 280.0f;
  const float outline_w = width >= 1280 ? 250.0f : 0.0f;

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  // The page scrolls itself (scroll_physics.hpp); ImGui, bringing a focused stop into
  // view, would scroll the whole window instead.
  ImGui::SetNextWindowScroll(ImVec2(0, 0));
  ImGui::Begin("##logbook", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
  // No background: the frame is cleared to the page colour. Every full-screen layer
  // is a screenful of pixels to fill, which software renderers pay for in full.

  const Area doc_area{sidebar_w, top_h, width - sidebar_w - outline_w, height - top_h};
  const float margin = phone_ ? 20.0f : 48.0f;
  const float content_w = std::min(760.0f, doc_area.w - 2 * margin);
  ensure_layout(std::max(120.0f, content_w));
  // Drawn in reading order, which is the keyboard's order (keyboard_nav.hpp).
  own_reading_keys(*this);
  skip_link(*this);
  draw_top_bar(*this, {0, 0, width, top_h});
  if (graph_.mode != GraphMode::closed) {
    draw_graph(*this, {0, top_h, width, height - top_h});
  } else {
    if (sidebar_w > 0) draw_sidebar(*this, {0, top_h, sidebar_w, height - top_h});
    draw_document(*this, doc_area);
    if (outline_w > 0) draw_outline(*this, {width - outline_w, top_h, outline_w, height - top_h});
    if (find_.open) draw_find_bar(*this, doc_area);
  }
  ImGui::End();

  if (narrow_ && sidebar_.drawer_open) draw_sidebar_drawer(*this, {0, 0, width, height});
  if (outline_.menu_open) draw_outline_menu(*this, {0, 0, width, height});
  if (link_preview_.open && link_preview_.via != PreviewVia::menu) draw_link_preview(*this, {0, 0, width, height});
  if (link_menu_.open) draw_link_menu(*this, {0, 0, width, height});
  if (palette_.open) {
    draw_search_palette(*this, {0, 0, width, height});
    search_answer_drawn();
  }

  handle_shortcuts();
  sync_accessibility(*this);
  if (!status_line.empty() && platform_.now_ms() < status_until) {
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    ImFont* f = type_.font(Face::bold);
    const float size = type_.scale.ui;
    const ImVec2 ts = f->CalcTextSizeA(size, FLT_MAX, 0, status_line.c_str());
    const ImVec2 p((width - ts.x) * 0.5f - 16, height - 72);
    fg->AddRectFilled(p, ImVec2(p.x + ts.x + 32, p.y + 40), theme_[Ink::heading], 20);
    fg->AddText(f, size, ImVec2(p.x + 16, p.y + (40 - size) * 0.5f - 1), theme_[Ink::page_bg], status_line.c_str());
  }
  fetch_late_faces();
  // A page that does not exist is drawn too (as "not found"): the app is ready either way.
  if ((page_.status == CurrentPage::Status::ready && page_.layout_width > 0) || page_.status == CurrentPage::Status::failed)
    first_page_drawn_ = true;
  (void)io;
}

}  // namespace logbook::app
