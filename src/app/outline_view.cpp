// The outline: the current page's headings (levels 2 and 3), the one being read
// highlighted; a click scrolls there. On narrow windows it is a menu under the top bar.
#include <algorithm>

#include "core/bidi_text.hpp"
#include "app.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

void entries(App& app, float width) {
  const CurrentPage& page = app.page();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  OutlineState& st = app.outline();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float size = T.scale.small;
  const auto indent_of = [](const Anchor& a) { return a.level == 3 ? 14.0f : 0.0f; };
  if (st.heights_generation != page.generation || st.heights_width != width || st.heights.size() != page.layout.anchors.size()) {
    st.heights.assign(page.layout.anchors.size(), 0.0f);
    for (std::size_t i = 0; i < page.layout.anchors.size(); ++i) {
      const Anchor& a = page.layout.anchors[i];
      if (a.level < 2 || a.level > 3) continue;
      st.heights[i] = T.font(Face::regular)->CalcTextSizeA(size, FLT_MAX, width - indent_of(a) - 16, a.text.c_str()).y + 9;
    }
    st.heights_generation = page.generation;
    st.heights_width = width;
  }
  for (std::size_t i = 0; i < page.layout.anchors.size(); ++i) {
    const Anchor& a = page.layout.anchors[i];
    if (a.level < 2 || a.level > 3) continue;
    const float h = std::max(st.heights[i], app.touch() ? 44.0f : 0.0f);  // a finger needs 44 px
    if (!ImGui::IsRectVisible(ImVec2(width, h))) {  // scrolled out of the outline: only its space
      ImGui::Dummy(ImVec2(width, h));
      continue;
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float indent = indent_of(a);
    ImGui::PushID(static_cast<int>(i));
    const bool clicked = ImGui::InvisibleButton("h", ImVec2(width, h), ImGuiButtonFlags_EnableNav);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const bool active = static_cast<int>(i) == st.active;
    if (active) dl->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + 2, p.y + h - 2), th[Ink::accent]);
    dl->AddText(T.font(active ? Face::bold : Face::regular), size, ImVec2(p.x + 12 + indent, p.y + 4 + (h - st.heights[i]) * 0.5f),
                th[active ? Ink::accent : hovered ? Ink::text : Ink::muted], visual_line(a.text).c_str(), nullptr, width - indent - 16);
    if (clicked) {
      app.scroll_to_anchor(a.slug, true);
      app.platform().history_replace(app.full_url(page.url + "#" + a.slug));
      st.menu_open = false;
    }
  }
}

bool has_entries(const CurrentPage& page) {
  return std::any_of(page.layout.anchors.begin(), page.layout.anchors.end(), [](const Anchor& a) { return a.level >= 2 && a.level <= 3; });
}

}  // namespace

void draw_outline(App& app, const Area& area) {
  if (!has_entries(app.page())) return;
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Muted, not faint: a label is text, and faint is under 4.5:1 on either theme.
  dl->AddText(T.font(Face::bold), T.scale.small - 1, ImVec2(area.x + 20, area.y + 30), th[Ink::muted], "ON THIS PAGE");
  ImGui::SetCursorScreenPos(ImVec2(area.x + 8, area.y + 58));
  ScopedStyle style;
  style.var(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::BeginChild("outline", ImVec2(area.w - 28, area.h - 70), ImGuiChildFlags_NavFlattened);
  entries(app, area.w - 36);
  ImGui::EndChild();
}

void draw_outline_menu(App& app, const Area& screen) {
  OutlineState& st = app.outline();
  const float top = app.phone() ? 52.0f : 60.0f;
  const float w = std::min(340.0f, screen.w - 24);
  ImGui::SetNextWindowPos(ImVec2(screen.w - w - 12, top + 6));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 60), ImVec2(w, screen.h - top - 24));
  ScopedStyle style;
  style.var(ImGuiStyleVar_WindowPadding, ImVec2(10, 12)).var(ImGuiStyleVar_WindowRounding, 12).var(ImGuiStyleVar_WindowBorderSize, 1);
  style.var(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::SetNextWindowFocus();
  ImGui::Begin("##outline-menu", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  if (!has_entries(app.page())) ImGui::TextDisabled("This page has no sections.");
  entries(app, w - 20);
  const bool outside = ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                       ImGui::GetIO().MousePos.y > top;
  const ImVec2 a = ImGui::GetWindowPos(), b(a.x + ImGui::GetWindowWidth(), a.y + ImGui::GetWindowHeight());
  ImGui::End();
  popover_frame(a, b, app.theme()[Ink::rule], 12);
  if (outside) st.menu_open = false;
}

}  // namespace logbook::app
