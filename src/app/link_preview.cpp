#include "link_preview.hpp"

#include <algorithm>
#include <cmath>

#include <cmark-gfm.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "app.hpp"
#include "core/front_matter.hpp"
#include "core/markdown.hpp"
#include "core/url.hpp"
#include "decision_views.hpp"
#include "document_paint.hpp"

namespace logbook::app {

namespace {

constexpr double kHoverDelayMs = 400;  // a pointer passing over a link opens nothing
constexpr double kGraceMs = 300;       // time to move the pointer from the link into the popover
constexpr float kPad = 14, kMaxTextH = 190, kWidest = 400;

cmark_node* heading_named(cmark_node* root, const std::vector<Heading>& headings, std::string_view anchor) {
  std::size_t k = 0;
  cmark_node* found = nullptr;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; !found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING) continue;
    if (k < headings.size() && headings[k].slug == anchor) found = n;
    ++k;  // summarize() lists the headings in this order
  }
  cmark_iter_free(it);
  return found;
}

// How many links and images come before node in document order.
int links_before(cmark_node* root, cmark_node* node) {
  int count = 0;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (n == node) break;
    const cmark_node_type t = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)) ++count;
  }
  cmark_iter_free(it);
  return count;
}

// The page's link l: the page it leads to (-1 for none: another site, a file, a footnote).
int target_of(App& app, int l, std::string& href) {
  const CurrentPage& page = app.page();
  if (page.index < 0 || l < 0 || l >= static_cast<int>(page.layout.links.size())) return -1;
  const LinkInfo& link = page.layout.links[static_cast<std::size_t>(l)];
  href = app.link_href(l);
  if (href.empty() || link.broken || link.footnote_ref || link.footnote_back || has_scheme(href)) return -1;
  const std::vector<int>& targets = app.site().pages[static_cast<std::size_t>(page.index)].targets;
  if (link.source_index >= 0 && link.source_index < static_cast<int>(targets.size()) && targets[static_cast<std::size_t>(link.source_index)] >= 0)
    return targets[static_cast<std::size_t>(link.source_index)];
  return parse_route(href).url == page.url ? page.index : -1;  // a heading of this page
}

void describe(App& app) {
  LinkPreviewState& st = app.link_preview();
  const PublishedSite& site = app.site();
  const PublishedPage& p = site.pages[static_cast<std::size_t>(st.page)];
  const std::string status = p.decision >= 0 ? site.decisions[static_cast<std::size_t>(p.decision)].status : "";
  const std::string text = st.excerpt.root ? plain_text_of(st.excerpt.root.get()) : "";
  st.described = preview_description(p.title, status, text);
  app.platform().set_accessible_description(app.full_url(st.href), st.described);
}

void source_ready(App& app) {
  LinkPreviewState& st = app.link_preview();
  const FrontMatter fm = split_front_matter(st.fetched_source);
  st.excerpt = preview_excerpt(fm.body, parse_route(st.href).anchor);
  const std::vector<std::string>& links = app.site().pages[static_cast<std::size_t>(st.page)].links;
  st.hrefs.assign(links.begin() + std::min<std::ptrdiff_t>(st.excerpt.first_link, static_cast<std::ptrdiff_t>(links.size())), links.end());
  st.status = LinkPreviewState::Status::ready;
  st.layout_width = -1;
  describe(app);
  app.request_frames(4);
}

// The target's Markdown, through the browser's cache like the page's own (its part first,
// which says where the page is, when it is not read yet).
void ensure_source(App& app) {
  LinkPreviewState& st = app.link_preview();
  if (st.status != LinkPreviewState::Status::loading || st.asked || !app.need_page(st.page)) return;
  const PublishedPage& p = app.site().pages[static_cast<std::size_t>(st.page)];
  const std::string url = app.full_url(p.url) + "index.md";
  if (url != st.fetched_url && st.page == app.page().index && !app.page().source.empty())
    st.fetched_url = url, st.fetched_source = app.page().source;
  if (url == st.fetched_url) return source_ready(app);
  st.asked = true;
  const int generation = st.generation;
  app.platform().fetch(url, [&app, generation, url](FetchResult r) {
    LinkPreviewState& s = app.link_preview();
    if (generation != s.generation) return;
    if (!r.ok) {
      s.status = LinkPreviewState::Status::failed;
      s.error = "Could not load the preview" + (r.status ? " (HTTP " + std::to_string(r.status) + ")" : std::string()) + ".";
      app.request_frames(2);
      return;
    }
    s.fetched_url = url;
    s.fetched_source = std::move(r.bytes);
    source_ready(app);
  });
  app.request_frames(30);
}

bool inside(ImVec2 p, ImVec2 min, ImVec2 max, float margin) {
  return p.x >= min.x - margin && p.y >= min.y - margin && p.x < max.x + margin && p.y < max.y + margin;
}

// The excerpt's links: a click, a tap or Enter (with the keyboard's focus in the
// popover) follows one; each is listed for automation.
void excerpt_links(App& app, ImVec2 o, const Area& clip) {
  LinkPreviewState& st = app.link_preview();
  const DocLayout& L = st.layout;
  const ImGuiIO& io = ImGui::GetIO();
  std::string go;
  int last = -1;
  for (const Fragment& f : L.fragments) {
    const float y = o.y + f.line_y;
    if (f.link < 0 || y + f.line_h > clip.y + clip.h + 1) continue;
    const LinkInfo& link = L.links[static_cast<std::size_t>(f.link)];
    const std::size_t si = static_cast<std::size_t>(link.source_index);
    const std::string href = link.source_index >= 0 && si < st.hrefs.size() ? st.hrefs[si] : link.destination;
    const ImRect bb(ImVec2(o.x + f.x, y), ImVec2(o.x + f.x + std::max(1.0f, f.w), y + f.line_h));
    app.add_view_link({L.text.substr(f.begin, f.end - f.begin), href, bb.Min.x, bb.Min.y, bb.GetWidth(), bb.GetHeight()});
    const bool hovered = bb.Contains(io.MousePos) && ImGui::IsWindowHovered();
    if (hovered) ImGui::SetMouseCursor(link.broken ? ImGuiMouseCursor_NotAllowed : ImGuiMouseCursor_Hand);
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !pointer_moved() && !long_pressed()) go = href;
    if (f.link == last) continue;  // one keyboard stop per link
    last = f.link;
    const ImGuiID id = ImGui::GetID(f.link);
    ImGui::ItemAdd(bb, id);
    ImGui::RenderNavCursor(bb, id);
    if (GImGui->NavActivateId == id) go = href;
  }
  if (go.empty()) return;
  if (go.rfind("wikilink:", 0) == 0) return app.flash_status("Broken link: " + go.substr(9) + " does not exist");
  close_link_preview(app);
  app.link_menu().open = false;
  app.follow_href(go, io.KeyCtrl || io.KeySuper);
}

// The title, a decision's status and the paragraph, at the cursor of the current window,
// w wide (with its padding); returns the height. With draw false, only measures.
float preview_body(App& app, float w, bool draw) {
  LinkPreviewState& st = app.link_preview();
  const Typography& T = app.type();
  const Theme& th = app.theme();
  const PublishedSite& site = app.site();
  const float inner = w - 2 * kPad;
  if (st.status == LinkPreviewState::Status::ready && st.excerpt.root && st.layout_width != inner) {
    LayoutInput in;
    in.root = st.excerpt.root.get();
    in.width = inner;
    in.type = &T;
    in.hrefs = &st.hrefs;
    st.layout = layout_markdown(in);
    st.layout_width = inner;
  }
  const bool known = st.page >= 0 && app.need_page(st.page);
  const PublishedPage* p = known ? &site.pages[static_cast<std::size_t>(st.page)] : nullptr;
  const std::string status = p && p->decision >= 0 ? site.decisions[static_cast<std::size_t>(p->decision)].status : "";
  const float title_h = std::round(T.scale.body * 1.5f), badge_h = status.empty() ? 0 : 30;
  const bool has_text = st.status == LinkPreviewState::Status::ready && st.excerpt.root;
  const float text_h = has_text ? std::min(kMaxTextH, st.layout.height) : std::round(T.scale.ui * 1.6f);
  const float h = kPad + title_h + badge_h + 6 + text_h + kPad;
  if (!draw) return h;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (p) {
    draw_elided(dl, T.font(Face::bold), T.scale.body, ImVec2(o.x + kPad, o.y + kPad), th[Ink::heading], p->title, inner, ImGui::IsWindowHovered());
    if (!status.empty()) status_badge(app, ImVec2(o.x + kPad, o.y + kPad + title_h), status);
  }
  const ImVec2 text_o(o.x + kPad, o.y + kPad + title_h + badge_h + 6);
  if (has_text) {
    const Area clip{text_o.x - 4, text_o.y, inner + 8, text_h};
    ImGui::PushClipRect(clip.min(), clip.max(), true);
    paint_other_layout(app, st.layout, text_o, clip);
    excerpt_links(app, text_o, clip);
    ImGui::PopClipRect();
  } else {
    const char* note = st.status == LinkPreviewState::Status::failed ? st.error.c_str()
                       : st.status == LinkPreviewState::Status::ready ? "This page has no paragraph to preview."
                                                                    : "Loading\xE2\x80\xA6";
    dl->AddText(T.font(Face::regular), T.scale.ui, text_o, th[Ink::muted], note);
  }
  ImGui::Dummy(ImVec2(w, h));
  return h;
}

// Closes a hover preview the pointer has left (after the grace period), any preview once
// the page scrolls or a press lands outside it.
void close_when_done(App& app, bool hovered_window) {
  LinkPreviewState& st = app.link_preview();
  const ImGuiIO& io = ImGui::GetIO();
  const double now = app.platform().now_ms();
  const bool over = hovered_window || inside(io.MousePos, st.link_min, st.link_max, 4) || inside(io.MousePos, st.box_min, st.box_max, 8);
  if (st.via == PreviewVia::hover && !over) {
    if (st.away_since == 0) st.away_since = now;
    if (now - st.away_since >= kGraceMs) return close_link_preview(app);
    app.request_frames(2);
  } else {
    st.away_since = 0;
  }
  const bool pressed_outside = (ImGui::IsMouseClicked(ImGuiMouseButton_Left) || ImGui::IsMouseClicked(ImGuiMouseButton_Right)) && !over;
  if (pressed_outside || std::fabs(app.doc_view().scroll - st.opened_scroll) > 2) close_link_preview(app);
}

}  // namespace

PreviewExcerpt preview_excerpt(std::string_view markdown, std::string_view anchor) {
  MarkdownDocument doc(markdown);
  cmark_node* root = doc.root();
  cmark_node* para = nullptr;
  cmark_node* from = cmark_node_first_child(root);
  if (!anchor.empty()) {
    cmark_node* heading = heading_named(root, doc.summarize().headings, anchor);
    from = heading ? cmark_node_next(heading) : nullptr;
  }
  for (cmark_node* c = from; c && !para; c = cmark_node_next(c)) {
    if (!anchor.empty() && cmark_node_get_type(c) == CMARK_NODE_HEADING) break;  // the section ended
    if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) para = c;
  }
  if (!para) return {};
  PreviewExcerpt out;
  out.first_link = links_before(root, para);
  cmark_node_unlink(para);
  cmark_node* own = cmark_node_new(CMARK_NODE_DOCUMENT);
  cmark_node_append_child(own, para);
  out.root = std::shared_ptr<cmark_node>(own, cmark_node_free);
  return out;
}

std::string preview_description(const std::string& title, const std::string& status, const std::string& text) {
  std::string out = title;
  if (!status.empty()) out += ". Status: " + status;
  // A screen reader reads a few sentences, however long the paragraph (cut after a whole character).
  constexpr std::size_t kLongest = 600;
  std::string body = text.substr(0, kLongest);
  if (text.size() > kLongest) {
    while (!body.empty() && (static_cast<unsigned char>(text[body.size()]) & 0xC0) == 0x80) body.pop_back();
    body += "\xE2\x80\xA6";
  }
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
  if (!body.empty()) out += ". " + body;
  return out;
}

void preview_on_hover(App& app, int layout_link, ImVec2 min, ImVec2 max) {
  LinkPreviewState& st = app.link_preview();
  if (st.refocus) {  // Escape in a preview the keyboard opened: the focus returns to the page
    st.refocus = false;
    ImGui::FocusWindow(ImGui::GetCurrentWindow());
  }
  if (layout_link != st.hover_link) {
    st.hover_link = layout_link;
    st.hover_since = app.platform().now_ms();
  }
  if (layout_link < 0 || (st.open && st.link == layout_link) || app.link_menu().open) return;
  if (app.platform().now_ms() - st.hover_since >= kHoverDelayMs) open_link_preview(app, layout_link, min, max, PreviewVia::hover);
  else app.request_frames(2);  // a pointer resting on a link sends no events
}

void open_link_preview(App& app, int layout_link, ImVec2 min, ImVec2 max, PreviewVia via) {
  LinkPreviewState& st = app.link_preview();
  std::string href;
  const int target = target_of(app, layout_link, href);
  if (target < 0) return;
  const std::string keep_url = std::move(st.fetched_url), keep_source = std::move(st.fetched_source);
  const int generation = st.generation + 1;
  st = LinkPreviewState{};
  st.fetched_url = keep_url, st.fetched_source = keep_source;
  st.generation = generation;
  st.hover_link = layout_link;
  st.open = true;
  st.via = via;
  st.link = layout_link;
  st.href = href;
  st.page = target;
  st.link_min = min, st.link_max = max;
  st.opened_scroll = app.doc_view().scroll;
  st.focus = via == PreviewVia::keyboard;
  ensure_source(app);
  app.request_frames(4);
}

void close_link_preview(App& app) {
  LinkPreviewState& st = app.link_preview();
  if (!st.open) return;
  st.open = false;
  ++st.generation;
  st.hover_since = 1e300;  // the pointer still on the link opens it again only after leaving it
  if (st.via == PreviewVia::keyboard) st.refocus = true;
  if (!st.described.empty()) app.platform().set_accessible_description("", "");
  st.described.clear();
}

void draw_link_preview(App& app, const Area& screen) {
  LinkPreviewState& st = app.link_preview();
  ensure_source(app);
  const Theme& th = app.theme();
  const float w = std::min(kWidest, screen.w - 16);
  const float h = preview_body(app, w, false);
  // Below the link, or above it when it would leave the screen; never off its sides.
  float y = st.link_max.y + 6;
  if (y + h > screen.h - 8) y = std::max(8.0f, st.link_min.y - 6 - h);
  const float x = std::clamp(st.link_min.x, 8.0f, std::max(8.0f, screen.w - w - 8));
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  if (st.focus && st.box_max.x == 0) ImGui::SetNextWindowFocus();
  ScopedStyle style;
  style.var(ImGuiStyleVar_WindowPadding, ImVec2(0, 0)).var(ImGuiStyleVar_WindowRounding, 10).var(ImGuiStyleVar_WindowBorderSize, 1);
  style.var(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0)).color(ImGuiCol_Border, th[Ink::panel_border]).color(ImGuiCol_WindowBg, th[Ink::panel_bg]);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
  if (st.via == PreviewVia::hover) flags |= ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
  ImGui::Begin("##link-preview", nullptr, flags);
  // The keyboard's focus goes to the first link of the paragraph, once it is there.
  if (st.focus && st.status != LinkPreviewState::Status::loading) {
    if (!st.layout.links.empty() || !st.excerpt.root) ImGui::SetKeyboardFocusHere();
    st.focus = false;
  }
  preview_body(app, w, true);
  const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  st.box_min = ImGui::GetWindowPos();
  st.box_max = ImVec2(st.box_min.x + ImGui::GetWindowWidth(), st.box_min.y + ImGui::GetWindowHeight());
  ImGui::End();
  popover_frame(st.box_min, st.box_max, th[Ink::rule], 10);
  if (st.open) close_when_done(app, hovered);
}

float draw_preview_in_menu(App& app, float w) {
  LinkPreviewState& st = app.link_preview();
  if (!st.open || st.via != PreviewVia::menu) return 0;
  ensure_source(app);
  const float h = preview_body(app, w, true);
  const float x = ImGui::GetWindowPos().x, y = ImGui::GetCursorScreenPos().y - 1;  // a rule between it and the actions
  ImGui::GetWindowDrawList()->AddLine(ImVec2(x + kPad, y), ImVec2(x + w - kPad, y), app.theme()[Ink::rule]);
  return h;
}

}  // namespace logbook::app
