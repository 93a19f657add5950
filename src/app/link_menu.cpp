// The link menu: a right-click (or a long press) on a link offers what a browser offers
// for a link of an ordinary page, "Open in new tab" and "Copy link address". Headings
// get the same menu for their own address (their permalink, document_paint.cpp). A link
// to a page of this site shows its preview above the actions (link_preview.hpp).
#include <algorithm>

#include "app.hpp"
#include "core/url.hpp"
#include "views.hpp"

namespace logbook::app {

void App::open_link_menu(const std::string& href, ImVec2 pos) {
  if (href.empty()) return;
  link_menu_.href = href;
  link_menu_.pos = pos;
  link_menu_.open = true;
  link_menu_.opened_at = platform_.now_ms();
  platform_.request_frames(4);
}

std::string App::absolute_url(const std::string& href) const {
  return platform_.absolute_url(has_scheme(href) ? href : full_url(href));
}

void link_menu_on_item(App& app, const std::string& href) {
  if (!ImGui::IsItemHovered()) return;
  const ImGuiIO& io = ImGui::GetIO();
  const bool long_press = io.MouseSource == ImGuiMouseSource_TouchScreen && io.MouseDownDuration[ImGuiMouseButton_Left] >= 0.5f &&
                          io.MouseDownDurationPrev[ImGuiMouseButton_Left] < 0.5f && !pointer_moved();
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Right) || long_press) app.open_link_menu(href, io.MousePos);
}

bool pointer_moved() {
  const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0);
  return d.x * d.x + d.y * d.y > 36;
}

void draw_link_menu(App& app, const Area& screen) {
  LinkMenuState& st = app.link_menu();
  const Typography& T = app.type();
  const Theme& th = app.theme();
  const float row_h = app.touch() ? 44.0f : 32.0f;  // a finger needs 44 px
  // A link to a page of this site shows its preview above the actions (a long press is
  // how a finger asks for it).
  const bool preview = app.link_preview().open && app.link_preview().via == PreviewVia::menu;
  const float w = preview ? std::min(340.0f, screen.w - 16) : 220;
  const float h = std::max(st.height, 2 * row_h + 12);
  ImGui::SetNextWindowPos(ImVec2(std::clamp(st.pos.x, 8.0f, screen.w - w - 8), std::clamp(st.pos.y + 4, 8.0f, std::max(8.0f, screen.h - h - 16))));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ScopedStyle style;
  style.var(ImGuiStyleVar_WindowPadding, ImVec2(6, 6)).var(ImGuiStyleVar_WindowRounding, 10).var(ImGuiStyleVar_WindowBorderSize, 1);
  style.var(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0)).color(ImGuiCol_Border, th[Ink::panel_border]);
  ImGui::SetNextWindowFocus();
  ImGui::Begin("##link-menu", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  const auto item = [&](const char* label, const char* action) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool chosen = ImGui::InvisibleButton(action, ImVec2(w - 12, row_h)) && !long_pressed();
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hovered) dl->AddRectFilled(p, ImVec2(p.x + w - 12, p.y + row_h), th[Ink::accent_soft], 6);
    dl->AddText(T.font(Face::regular), T.scale.ui, ImVec2(p.x + 12, p.y + (row_h - T.scale.ui) * 0.5f - 1), th[Ink::text], label);
    app.add_view_link({label, std::string("action:") + action, p.x, p.y, w - 12, row_h});
    return chosen;
  };
  if (preview) {
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x - 6, ImGui::GetCursorScreenPos().y - 6));
    draw_preview_in_menu(app, w);
  }
  const std::string url = app.absolute_url(st.href);
  bool close = false;
  if (item("Open in new tab", "open-new-tab")) app.platform().open_in_new_tab(url), close = true;
  if (item("Copy link address", "copy-link")) {
    app.platform().copy_to_clipboard(url);
    app.flash_status("Link copied");
    close = true;
  }
  // A press elsewhere closes it; the long press that opened it is still held.
  const bool fresh = app.platform().now_ms() - st.opened_at < 300;
  const bool outside = !fresh && (ImGui::IsMouseClicked(ImGuiMouseButton_Left) || ImGui::IsMouseClicked(ImGuiMouseButton_Right)) &&
                       !ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  const ImVec2 a = ImGui::GetWindowPos(), b(a.x + ImGui::GetWindowWidth(), a.y + ImGui::GetWindowHeight());
  st.height = b.y - a.y;
  ImGui::End();
  popover_frame(a, b, th[Ink::rule], 10);
  if (close || outside || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) st.open = false;
  if (!st.open && preview) close_link_preview(app);
}

}  // namespace logbook::app
