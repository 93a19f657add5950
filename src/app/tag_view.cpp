#include "tag_view.hpp"

#include "app.hpp"
#include "views.hpp"
#include "core/markdown.hpp"
#include "core/tags.hpp"

namespace logbook::app {

namespace {

// Text as Markdown shows it literally: every ASCII punctuation escaped, one line.
std::string literal(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    if (c == '\n' || c == '\r') c = ' ';
    if (std::ispunct(static_cast<unsigned char>(c))) out += '\\';
    out += c;
  }
  return out;
}

std::string md_link(std::string_view text, const std::string& url) { return "[" + literal(text) + "](<" + url + ">)"; }

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// One entry: name (a record's status), section, date. The static tag page adds the
// description, which the tags file leaves out to stay small.
std::string entry(const PublishedSite& site, int p) {
  const PublishedPage& page = site.pages[static_cast<std::size_t>(p)];
  std::string out = "- " + md_link(site.nav_title(p), page.url);
  if (const PublishedDecision* d = site.decision_of(p)) out += " **" + literal(capitalized(d->status.empty() ? "no status" : d->status)) + "**";
  if (page.section > 0 && page.section < static_cast<int>(site.sections.size()))
    out += " · " + literal(site.sections[static_cast<std::size_t>(page.section)].title);
  if (const std::string& date = page.updated.empty() ? page.date : page.updated; !date.empty()) out += " · " + literal(date);
  return out + "\n";
}

GeneratedPage tag_index(const PublishedSite& site) {
  std::string md = "# Tags\n\n" + plural(site.tags.size(), "tag") + ", each with the number of pages that carry it\\.\n\n";
  for (const PublishedTag& t : site.tags) md += "- " + md_link(t.name, tag_url(t.slug)) + " " + std::to_string(t.pages.size()) + "\n";
  return {"Tags", std::move(md)};
}

GeneratedPage tag_page(const PublishedSite& site, const PublishedTag& t) {
  std::string md = "# Tag: " + literal(t.name) + "\n\n" + plural(t.pages.size(), "page") + " tagged “" + literal(t.name) + "”\\. " +
                   md_link("Follow this tag: Atom feed", "/" + tag_feed_path(t.slug)) + "\n";
  std::string decisions, pages;
  for (int p : t.pages) (site.pages[static_cast<std::size_t>(p)].decision >= 0 ? decisions : pages) += entry(site, p);
  if (!decisions.empty()) md += "\n## Decisions\n\n" + decisions;
  if (!pages.empty()) md += "\n## Pages\n\n" + pages;
  return {"Tag: " + t.name, std::move(md)};
}

}  // namespace

bool is_tag_route(std::string_view url) { return url.starts_with(kTagIndexUrl); }

std::optional<GeneratedPage> tag_view_page(const PublishedSite& site, std::string_view url) {
  if (!is_tag_route(url)) return std::nullopt;
  std::string_view slug = url.substr(kTagIndexUrl.size());
  if (slug.empty()) return site.tags.empty() ? std::nullopt : std::optional(tag_index(site));
  if (!slug.ends_with('/')) return std::nullopt;
  slug.remove_suffix(1);
  const int t = find_tag(site, slug);
  if (t < 0) return std::nullopt;
  return tag_page(site, site.tags[static_cast<std::size_t>(t)]);
}

std::vector<std::string> generated_links(const std::string& markdown) {
  std::vector<std::string> out;
  for (const Link& l : MarkdownDocument(markdown).summarize().links) out.push_back(l.destination);
  return out;
}

float tag_chips(App& app, ImVec2 pos, float left, float right, float line_h, const std::vector<std::string>& tags, bool draw) {
  const Theme& th = app.theme();
  ImFont* font = app.type().font(Face::regular);
  const float size = app.type().scale.small - 1;
  float x = pos.x, y = pos.y;
  for (std::size_t k = 0; k < tags.size(); ++k) {
    const std::string name = tag_name(tags[k]), url = tag_url(tag_slug(tags[k]));
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0, name.c_str()).x + 16;
    if (x + w > right && x > left) x = left, y += line_h + 4;
    const ImVec2 a(x, y - 1), b(x + w, y + line_h - 1);
    x += w + 6;
    if (!draw) continue;
    // A tag with no tag page (no letter or digit, or a site built before tag pages) is text.
    const bool linked = !app.site().tags_file.empty() && !tag_slug(tags[k]).empty();
    bool hover = false;
    if (linked) {
      ImGui::SetCursorScreenPos(a);
      ImGui::PushID("tag-chip");
      ImGui::PushID(static_cast<int>(k));
      const bool clicked = ImGui::InvisibleButton("chip", ImVec2(w, line_h), ImGuiButtonFlags_EnableNav);
      hover = ImGui::IsItemHovered();
      link_menu_on_item(app, url);
      ImGui::PopID();
      ImGui::PopID();
      if (hover) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      app.add_view_link({name, url, a.x, a.y, w, line_h});
      if (clicked && !long_pressed()) app.open(url);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, th[Ink::code_bg], 6);
    dl->AddRect(a, b, th[hover ? Ink::accent : Ink::code_border], 6);
    dl->AddText(font, size, ImVec2(a.x + 8, y + 2), th[linked ? Ink::link : Ink::muted], name.c_str());
  }
  return tags.empty() ? 0 : y + line_h - pos.y;
}

// ---- The App's side: the tags file is read when a tag view first opens ----------------

bool App::open_tag_view(const std::string& site_path) {
  const Route route = parse_route(site_path);
  if (!is_tag_route(route.url) || site_.tags_file.empty() || site_.find_url(route.url) >= 0) return false;
  if (tags_.file != TagFileState::read) {
    reset_page(-1, route.anchor, {});
    page_.url = route.url;
    page_.status = CurrentPage::Status::loading;
    tags_.waiting = site_path;
    tags_.waiting_generation = page_.generation;
    load_tags_file();
    if (tags_.file == TagFileState::failed) {
      page_.status = CurrentPage::Status::failed;
      page_.error = tags_.error;
    }
    return true;
  }
  std::optional<GeneratedPage> view = tag_view_page(site_, route.url);
  if (!view) return false;  // no such tag: "Page not found"
  reset_page(-1, route.anchor, {});
  page_.url = route.url;
  page_.title = view->title;
  page_.source = std::move(view->markdown);
  page_.markdown = std::make_unique<MarkdownDocument>(page_.source);
  page_.resolved_links = generated_links(page_.source);
  show_parsed_page(page_.title, route.url);
  return true;
}

void App::load_tags_file() {
  if (tags_.file != TagFileState::unread) return;
  tags_.file = TagFileState::loading;
  platform_.fetch(full_url("/" + site_.tags_file), [this](FetchResult r) {
    tags_.file = TagFileState::failed;
    if (!r.ok)
      tags_.error = "Could not load " + site_.tags_file + (r.status ? " (HTTP " + std::to_string(r.status) + ")" : "") + ". " +
                    (r.error.empty() ? "Check the connection and reload the page." : r.error);
    else if (std::string error = read_tags_file(r.bytes, site_); !error.empty()) tags_.error = std::move(error);
    else tags_.file = TagFileState::read;
    platform_.request_frames(4);
    if (tags_.waiting.empty() || tags_.waiting_generation != page_.generation) return;  // the reader moved on
    const std::string route = std::move(tags_.waiting);
    tags_.waiting.clear();
    open(route, false);
  });
}

}  // namespace logbook::app
