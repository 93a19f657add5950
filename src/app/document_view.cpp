// The document view: draws the laid-out page (only what is visible), scrolls it
// (wheel, keys, touch with momentum, scrollbar), follows links, selects and copies
// text, and shows find matches and search highlights.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app.hpp"
#include "document_paint.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

constexpr float kHeaderH = 44;  // breadcrumbs above the page

float scroll_max(const DocumentViewState& v, float total) { return std::max(0.0f, total - v.view_h); }

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

}  // namespace

void draw_document(App& app, const Area& area) {
  ImGuiIO& io = ImGui::GetIO();
  DocumentViewState& v = app.doc_view();
  CurrentPage& page = app.page();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool phone = app.phone();
  const float margin = phone ? 20.0f : 48.0f;
  const float content_w = std::min(760.0f, area.w - 2 * margin);
  const float content_x = std::floor(area.x + std::max(margin, (area.w - content_w) * 0.5f));
  v.view_h = area.h;
  v.content_x = content_x;
  v.content_w = content_w;
  v.origin_y = kHeaderH;
  v.area_y = area.y;

  const DocLayout& L = page.layout;
  const bool ready = page.status == CurrentPage::Status::ready && page.layout_width > 0;
  const float footer_h = ready ? page_footer_height(app, content_w) : 0;
  // The page's own views (a decision's header, the log's table, the home page's lists)
  // sit between the breadcrumbs and the Markdown; measured first to place the Markdown.
  const float header_h = ready ? draw_page_header(app, ImVec2(content_x, 0), content_w, false) : 0;
  v.origin_y = kHeaderH + header_h;
  const float total = v.origin_y + (ready ? L.height : 200) + footer_h + 80;

  // --- scrolling -------------------------------------------------------------------
  const bool hovered = area.contains(io.MousePos) && ImGui::IsWindowHovered();
  const bool touch = io.MouseSource == ImGuiMouseSource_TouchScreen;
  const float dt = std::min(io.DeltaTime, 0.05f);
  int region_under = -1;
  if (ready && hovered) {
    const float ly = io.MousePos.y - area.y - v.origin_y + v.scroll, lx = io.MousePos.x - content_x;
    for (std::size_t r = 0; r < L.regions.size(); ++r) {
      const ScrollRegion& reg = L.regions[r];
      if (lx >= reg.x && lx < reg.x + reg.w && ly >= reg.y && ly < reg.y + reg.h && reg.content_w > reg.w) region_under = static_cast<int>(r);
    }
  }
  if (hovered && !touch) {
    float wheel_x = io.MouseWheelH, wheel_y = io.MouseWheel;
    if (io.KeyShift && wheel_x == 0) std::swap(wheel_x, wheel_y);
    if (region_under >= 0 && wheel_x != 0) {
      const ScrollRegion& reg = L.regions[static_cast<std::size_t>(region_under)];
      float& rs = v.region_scroll[static_cast<std::size_t>(region_under)];
      rs = std::clamp(rs - wheel_x * 60.0f, 0.0f, reg.content_w - reg.w);
    }
    if (wheel_y != 0) {
      v.target = v.target - wheel_y * 60.0f;
      v.pinned_heading = -1;
    }
  }
  if (!io.WantTextInput && !app.palette().open) {
    const float page_step = std::max(80.0f, area.h - 80);
    const float before = v.target;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) v.target += 60;
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) v.target -= 60;
    if (ImGui::IsKeyPressed(ImGuiKey_PageDown) || (ImGui::IsKeyPressed(ImGuiKey_Space) && !io.KeyShift)) v.target += page_step;
    if (ImGui::IsKeyPressed(ImGuiKey_PageUp) || (ImGui::IsKeyPressed(ImGuiKey_Space) && io.KeyShift)) v.target -= page_step;
    if (ImGui::IsKeyPressed(ImGuiKey_Home)) v.target = 0;
    if (ImGui::IsKeyPressed(ImGuiKey_End)) v.target = total;
    if (v.target != before) v.pinned_heading = -1;
  }
  // Touch: the finger drags the page; letting go keeps the speed and slows it down.
  if (touch && hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    v.touch_dragging = true;
    v.touch_last_y = io.MousePos.y;
    v.touch_last_x = io.MousePos.x;
    v.touch_region = region_under;
    v.velocity = 0;
    v.pinned_heading = -1;
  }
  if (v.touch_dragging) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      const float dy = io.MousePos.y - v.touch_last_y, dx = io.MousePos.x - v.touch_last_x;
      if (v.touch_region >= 0 && std::fabs(dx) > std::fabs(dy)) {
        const ScrollRegion& reg = L.regions[static_cast<std::size_t>(v.touch_region)];
        float& rs = v.region_scroll[static_cast<std::size_t>(v.touch_region)];
        rs = std::clamp(rs - dx, 0.0f, reg.content_w - reg.w);
      } else {
        v.scroll -= dy;
        v.target = v.scroll;
        if (dt > 0) v.velocity = 0.7f * v.velocity + 0.3f * (-dy / dt);
      }
      v.touch_last_y = io.MousePos.y;
      v.touch_last_x = io.MousePos.x;
    } else {
      v.touch_dragging = false;
    }
  } else if (std::fabs(v.velocity) > 5) {
    v.scroll += v.velocity * dt;
    v.target = v.scroll;
    v.velocity *= std::exp(-dt * 2.6f);  // about iOS's deceleration
    app.request_frames(2);
  } else {
    v.velocity = 0;
  }
  const float max_scroll = scroll_max(v, total);
  v.target = std::clamp(v.target, 0.0f, max_scroll);
  if (std::fabs(v.target - v.scroll) > 0.5f) {
    v.scroll += (v.target - v.scroll) * std::min(1.0f, dt * 20.0f);
    app.request_frames(2);
  } else {
    v.scroll = v.target;
  }
  v.scroll = std::clamp(v.scroll, 0.0f, max_scroll);

  dl->PushClipRect(area.min(), area.max(), true);
  const float origin_y = std::round(area.y + v.origin_y - v.scroll);
  draw_breadcrumbs(app, ImVec2(content_x, origin_y - v.origin_y + 14), content_w);

  if (!ready) {
    draw_page_placeholder(app, ImVec2(content_x, origin_y), content_w);
    dl->PopClipRect();
    return;
  }

  // --- pointer: links, selection --------------------------------------------------
  const ImVec2 origin(content_x, origin_y);
  const float lx = io.MousePos.x - origin.x, ly = io.MousePos.y - origin.y;
  v.hovered_link = -1;
  if (hovered && !touch) v.hovered_link = link_at(L, v.region_scroll, lx, ly);
  if (hovered && touch && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).y == 0)
    v.hovered_link = link_at(L, v.region_scroll, lx, ly);
  const bool in_doc = hovered && ly >= -8 && ly < L.height && lx >= -40 && lx < content_w + 40;
  if (v.hovered_link >= 0) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  else if (in_doc && !touch) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  if (hovered && v.hovered_link >= 0) {
    const bool new_tab = io.KeyCtrl || io.KeySuper;
    const float drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).x + ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).y;
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && std::fabs(drag) < 3 && v.selection.empty()) app.follow_link(v.hovered_link, new_tab);
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Middle)) app.follow_link(v.hovered_link, true);
  }
  if (hovered && !touch && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && in_doc) {
    const std::uint32_t at = offset_at(L, T, v.region_scroll, lx, ly);
    const int clicks = ImGui::GetMouseClickedCount(ImGuiMouseButton_Left);
    if (clicks == 2) select_word(L.text, at, v.selection);
    else if (clicks >= 3) select_block(L.text, at, v.selection);
    else v.selection = {at, at, true};
  }
  if (v.selection.dragging) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      v.selection.caret = offset_at(L, T, v.region_scroll, lx, ly);
      // Dragging past the edge scrolls.
      if (io.MousePos.y > area.y + area.h - 24) v.target += 14;
      if (io.MousePos.y < area.y + 24) v.target -= 14;
    } else {
      v.selection.dragging = false;
    }
  }

  if (header_h > 0) draw_page_header(app, ImVec2(content_x, origin_y - header_h), content_w, true);
  paint_layout(app, origin, area);
  code_block_buttons(app, origin, area);
  draw_page_footer(app, ImVec2(content_x, origin_y + L.height + 24), content_w);
  dl->PopClipRect();
  draw_scrollbar(app, area, total);
}

}  // namespace logbook::app
