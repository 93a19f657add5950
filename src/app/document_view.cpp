// The document view: draws the laid-out page (only what is visible), scrolls it
// (wheel, keys, touch with momentum, scrollbar), follows links, selects and copies
// text, and shows find matches and search highlights.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app.hpp"
#include "document_paint.hpp"
#include "keyboard_nav.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

constexpr float kHeaderH = DocumentViewState::kBreadcrumbsH;

// Text offset under a point in layout coordinates: the nearest fragment on the nearest line.
std::uint32_t offset_at(const DocLayout& L, const Typography& T, const std::vector<float>& region_scroll, float x, float y) {
  if (L.fragments.empty()) return 0;
  std::size_t c = L.first_chunk_below(y);
  if (c >= L.chunks.size()) return static_cast<std::uint32_t>(L.text.size());
  const Chunk& chunk = L.chunks[c];
  const Fragment* best = nullptr;
  float best_d = 1e9f;
  const std::size_t lo = c > 0 ? L.chunks[c - 1].frag_begin : chunk.frag_begin;
  const std::size_t hi = std::min(L.fragments.size(), static_cast<std::size_t>(c + 1 < L.chunks.size() ? L.chunks[c + 1].frag_end : chunk.frag_end));
  for (std::size_t i = lo; i < hi; ++i) {
    const Fragment& f = L.fragments[i];
    const float fx = f.x - (f.region >= 0 ? region_scroll[static_cast<std::size_t>(f.region)] : 0);
    const float dy = y < f.line_y ? f.line_y - y : y >= f.line_y + f.line_h ? y - (f.line_y + f.line_h) + 0.01f : 0;
    const float dx = x < fx ? fx - x : x > fx + f.w ? x - (fx + f.w) : 0;
    const float d = dy * 1000 + dx;
    if (d < best_d) best_d = d, best = &f;
  }
  if (!best) return static_cast<std::uint32_t>(L.text.size());
  const float fx = best->x - (best->region >= 0 ? region_scroll[static_cast<std::size_t>(best->region)] : 0);
  const TextStyle& st = L.styles[best->style];
  const std::string_view text(L.text.data() + best->begin, best->end - best->begin);
  if (x <= fx) return best->begin;
  float prev = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t k = i;
    next_code_point(text, k);
    const float w = T.measure(st.face, st.size, text.substr(0, k));
    if (fx + (prev + w) * 0.5f > x) return best->begin + static_cast<std::uint32_t>(i);
    prev = w;
    i = k;
  }
  return best->end;
}

bool is_word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }

void select_word(const std::string& text, std::uint32_t at, Selection& s) {
  std::uint32_t b = at, e = at;
  while (b > 0 && is_word_byte(text[b - 1])) --b;
  while (e < text.size() && is_word_byte(text[e])) ++e;
  s.anchor = b;
  s.caret = e;
}

void select_block(const std::string& text, std::uint32_t at, Selection& s) {
  std::uint32_t b = at, e = at;
  while (b > 0 && text[b - 1] != '\n') --b;
  while (e < text.size() && text[e] != '\n') ++e;
  s.anchor = b;
  s.caret = e;
}

// The region under the pointer that scrolls sideways, or -1.
int region_under(const DocLayout& L, float lx, float ly) {
  int under = -1;
  for (std::size_t r = 0; r < L.regions.size(); ++r) {
    const ScrollRegion& reg = L.regions[r];
    if (lx >= reg.x && lx < reg.x + reg.w && ly >= reg.y && ly < reg.y + reg.h && reg.content_w > reg.w) under = static_cast<int>(r);
  }
  return under;
}

// This frame's scrolling input, read from ImGui.
ScrollInput scroll_input(App& app, const Area& area, bool hovered, bool ready, float total) {
  const ImGuiIO& io = ImGui::GetIO();
  const DocumentViewState& v = app.doc_view();
  ScrollInput in;
  in.dt = std::min(io.DeltaTime, 0.05f);
  in.view_h = area.h;
  in.total = total;
  in.hovered = hovered;
  in.touch = io.MouseSource == ImGuiMouseSource_TouchScreen;
  in.wheel_x = io.MouseWheelH, in.wheel_y = io.MouseWheel;
  if (io.KeyShift && in.wheel_x == 0) std::swap(in.wheel_x, in.wheel_y);
  if (ready && hovered)
    in.region_under = region_under(app.page().layout, io.MousePos.x - v.content_x, io.MousePos.y - area.y - v.origin_y + v.scroll);
  if (!io.WantTextInput && !app.palette().open) {
    const auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(k) ? 1 : 0; };
    const bool space = ImGui::IsKeyPressed(ImGuiKey_Space);
    in.lines = pressed(ImGuiKey_DownArrow) - pressed(ImGuiKey_UpArrow);
    in.pages = pressed(ImGuiKey_PageDown) - pressed(ImGuiKey_PageUp) + (space ? (io.KeyShift ? -1 : 1) : 0);
    in.home = ImGui::IsKeyPressed(ImGuiKey_Home);
    in.end = ImGui::IsKeyPressed(ImGuiKey_End);
  }
  in.pressed = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  in.down = ImGui::IsMouseDown(ImGuiMouseButton_Left);
  in.pointer_x = io.MousePos.x, in.pointer_y = io.MousePos.y;
  return in;
}

// Links and text selection under the pointer; origin is the layout's top left.
void pointer(App& app, const Area& area, ImVec2 origin, bool hovered) {
  const ImGuiIO& io = ImGui::GetIO();
  DocumentViewState& v = app.doc_view();
  const DocLayout& L = app.page().layout;
  const bool touch = io.MouseSource == ImGuiMouseSource_TouchScreen;
  const float lx = io.MousePos.x - origin.x, ly = io.MousePos.y - origin.y;
  v.hovered_link = -1;
  const Fragment* under = hovered && !touch ? link_fragment_at(L, v.region_scroll, lx, ly) : nullptr;
  const auto box = [&](const Fragment* f, bool max) {
    const float rs = f->region >= 0 && static_cast<std::size_t>(f->region) < v.region_scroll.size() ? v.region_scroll[static_cast<std::size_t>(f->region)] : 0;
    return ImVec2(origin.x + f->x - rs + (max ? f->w : 0), origin.y + f->line_y + (max ? f->line_h : 0));
  };
  if (under) v.hovered_link = under->link;
  preview_on_hover(app, under ? under->link : -1, under ? box(under, false) : ImVec2(), under ? box(under, true) : ImVec2());
  if (hovered && touch && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).y == 0 &&
      !long_pressed())
    v.hovered_link = link_at(L, v.region_scroll, lx, ly);
  // The link menu: a right-click, or a finger held still on a link for half a second.
  const bool long_press = touch && io.MouseDownDuration[ImGuiMouseButton_Left] >= 0.5f && io.MouseDownDurationPrev[ImGuiMouseButton_Left] < 0.5f;
  if (hovered && (ImGui::IsMouseClicked(ImGuiMouseButton_Right) || (long_press && !pointer_moved())))
    if (const Fragment* f = link_fragment_at(L, v.region_scroll, lx, ly)) {
      app.open_link_menu(app.link_href(f->link), io.MousePos);
      open_link_preview(app, f->link, box(f, false), box(f, true), PreviewVia::menu);  // the menu shows it above its actions
    }
  const bool in_doc = hovered && ly >= -8 && ly < L.height && lx >= -40 && lx < v.content_w + 40;
  const LinkInfo* hovered_link = v.hovered_link >= 0 ? &L.links[static_cast<std::size_t>(v.hovered_link)] : nullptr;
  if (hovered_link && hovered_link->broken && !touch) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_NotAllowed);
    whole_text_tooltip(broken_link_message(*hovered_link));
  } else if (hovered_link) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  else if (in_doc && !touch) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  if (hovered && v.hovered_link >= 0) {
    const bool new_tab = io.KeyCtrl || io.KeySuper;
    const float drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).x + ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).y;
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && std::fabs(drag) < 3 && v.selection.empty()) app.follow_link(v.hovered_link, new_tab);
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Middle)) app.follow_link(v.hovered_link, true);
  }
  if (hovered && !touch && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && in_doc) {
    const std::uint32_t at = offset_at(L, app.type(), v.region_scroll, lx, ly);
    const int clicks = ImGui::GetMouseClickedCount(ImGuiMouseButton_Left);
    if (clicks == 2) select_word(L.text, at, v.selection);
    else if (clicks >= 3) select_block(L.text, at, v.selection);
    else v.selection = {at, at, true};
  }
  if (v.selection.dragging) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      v.selection.caret = offset_at(L, app.type(), v.region_scroll, lx, ly);
      // Dragging past the edge scrolls.
      if (io.MousePos.y > area.y + area.h - 24) v.target += 14;
      if (io.MousePos.y < area.y + 24) v.target -= 14;
    } else {
      v.selection.dragging = false;
    }
  }
}

}  // namespace

// The page's own views (a decision's header, the log's table, the home page's lists) sit
// below the page's title (its leading H1), in a space the layout leaves for them. They are
// drawn first, and the space takes their height before the Markdown is drawn; scrolling,
// which comes before, uses last frame's height (as ImGui's own windows use last frame's
// size), and a change asks for another frame.
void draw_document(App& app, const Area& area) {
  const ImGuiIO& io = ImGui::GetIO();
  DocumentViewState& v = app.doc_view();
  CurrentPage& page = app.page();
  const float margin = app.phone() ? 20.0f : 48.0f;
  const float content_w = std::min(760.0f, area.w - 2 * margin);
  const float content_x = std::floor(area.x + std::max(margin, (area.w - content_w) * 0.5f));
  v.view_h = area.h;
  v.content_x = content_x;
  v.content_w = content_w;
  v.area_y = area.y;

  const bool ready = page.status == CurrentPage::Status::ready && page.layout_width > 0;
  if (!ready) v.header_h = 0;
  const float footer_h = ready ? page_footer_height(app, content_w) : 0;
  const auto total = [&] { return kHeaderH + (ready ? page.layout.height : 200) + footer_h + 80; };
  v.origin_y = kHeaderH;

  const bool hovered = area.contains(io.MousePos) && ImGui::IsWindowHovered();
  const ScrollInput input = scroll_input(app, area, hovered, ready, total());
  static_cast<ScrollState&>(v) = scroll_step(std::move(v), input, page.layout.regions);
  if (v.moving) app.request_frames(2);

  // ImGui's, not the draw list's: it keeps the window's clip rect in step, which a view
  // inside (the decision log's table) restores from; with the draw list's, the window
  // kept the document's clip after it, and the outline drawn next was clipped away.
  ImGui::PushClipRect(area.min(), area.max(), true);
  // Rounded where the Markdown starts, as last frame placed it: text on whole pixels.
  const ImVec2 origin(content_x, std::round(area.y + v.origin_y - v.scroll));
  const bool focus_seen = page_focus_begin();
  draw_breadcrumbs(app, ImVec2(content_x, origin.y + 14 - kHeaderH), content_w);
  focus_content_here(app);
  if (!ready) {
    draw_page_placeholder(app, origin, content_w);
    page_focus_end(app, area, focus_seen);
    ImGui::PopClipRect();
    return;
  }
  // The views go below the page's title, in the space the layout leaves them.
  const float header_h = draw_page_header(app, ImVec2(content_x, origin.y + page.layout.views_y), content_w);
  if (header_h != v.header_h) {
    // A jump to a heading or a restored place was made with last frame's views (none while
    // the page was loading): keep the text below them where the jump put it.
    const std::vector<Anchor>& anchors = page.layout.anchors;
    const bool pinned = v.pinned_heading >= 0 && static_cast<std::size_t>(v.pinned_heading) < anchors.size();
    const float held = pinned ? anchors[static_cast<std::size_t>(v.pinned_heading)].y : v.scroll - v.origin_y;
    if ((pinned || v.hold_place) && held >= page.layout.views_y) v.scroll += header_h - v.header_h, v.target += header_h - v.header_h;
    app.request_frames(2);  // the scrolling's limits moved
  }
  v.header_h = header_h;
  page.layout.set_views_height(header_h);  // before the Markdown is drawn: no frame overlaps
  pointer(app, area, origin, hovered);
  paint_layout(app, origin, area);
  paint_page_changes(app, origin, area);
  page_stops(app, origin, area);
  heading_permalinks(app, origin, area);
  draw_page_footer(app, ImVec2(content_x, origin.y + page.layout.height + 24), content_w);
  page_focus_end(app, area, focus_seen);
  ImGui::PopClipRect();
  draw_scrollbar(app, area, total());
}

}  // namespace logbook::app
