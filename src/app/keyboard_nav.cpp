#include "keyboard_nav.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>

#include "app.hpp"
#include "document_paint.hpp"

namespace logbook::app {

void own_reading_keys(App& app) {
  ImGuiContext& g = *GImGui;
  ImGuiWindow* root = ImGui::GetCurrentWindow();
  if (!g.NavWindow) ImGui::FocusWindow(root);
  // In a drawer, a menu or a popup ImGui keeps the arrows for moving through its rows.
  // Elsewhere Up and Down are the page's, the palette's or the find bar's, and never move
  // the focus out of a text field; the keys that edit text are the field's while it is
  // typed in, and the others scroll the page.
  if (app.sidebar().drawer_open || app.outline().menu_open || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
  for (ImGuiKey k : {ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_PageUp, ImGuiKey_PageDown}) ImGui::SetKeyOwner(k, root->ID);
  if (g.NavWindow != root || app.palette().open || ImGui::GetIO().WantTextInput) return;
  for (ImGuiKey k : {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_Space, ImGuiKey_Home, ImGuiKey_End}) ImGui::SetKeyOwner(k, root->ID);
}

void skip_link(App& app) {
  const Typography& T = app.type();
  const Theme& th = app.theme();
  const char* label = "Skip to content";
  const float size = T.scale.ui, w = T.font(Face::bold)->CalcTextSizeA(size, FLT_MAX, 0, label).x + 28, h = 36;
  const ImVec2 p(8, 8);
  // A pixel until it has the focus: the pointer reaches the menu button and the site's name under it.
  const bool shown = ImGui::GetIO().NavVisible && GImGui->NavId == ImGui::GetID("skip-to-content");
  ImGui::SetCursorScreenPos(shown ? p : ImVec2(0, 0));
  if (ImGui::InvisibleButton("skip-to-content", shown ? ImVec2(w, h) : ImVec2(1, 1), ImGuiButtonFlags_EnableNav)) {
    DocumentViewState& v = app.doc_view();
    v.focus_content = true;
    v.scroll = v.target = 0;
    app.request_frames(4);
  }
  if (!ImGui::IsItemFocused() || !ImGui::GetIO().NavVisible) return;
  // Over the top bar, which is drawn after it, with its own ring.
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  fg->AddRect(ImVec2(p.x - 3, p.y - 3), ImVec2(p.x + w + 3, p.y + h + 3), th[Ink::accent], 10, 0, 2);
  fg->AddRectFilled(p, ImVec2(p.x + w, p.y + h), th[Ink::accent], 8);
  fg->AddText(T.font(Face::bold), size, ImVec2(p.x + 14, p.y + (h - size) * 0.5f - 1), th[Ink::page_bg], label);
}

void focus_content_here(App& app) {
  DocumentViewState& v = app.doc_view();
  if (!v.focus_content) return;
  v.focus_content = false;
  ImGui::SetKeyboardFocusHere();
}

void page_stops(App& app, ImVec2 origin, const Area& clip) {
  const DocLayout& L = app.page().layout;
  const DocumentViewState& v = app.doc_view();
  ImGuiContext& g = *GImGui;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImGui::PushID("links");
  int last = -1;
  std::size_t region = 0;  // the next region whose button comes before the links below its top
  for (const Fragment& f : L.fragments) {
    if (f.link < 0 || f.link == last) continue;  // a link over several lines is one stop, at its start
    last = f.link;
    for (; region < L.regions.size() && L.regions[region].y <= f.line_y; ++region) code_block_button(app, origin, clip, region);
    const float rs = f.region >= 0 && static_cast<std::size_t>(f.region) < v.region_scroll.size() ? v.region_scroll[static_cast<std::size_t>(f.region)] : 0;
    const ImVec2 p(origin.x + f.x - rs, origin.y + f.line_y);
    const ImRect bb(p, ImVec2(p.x + std::max(1.0f, f.w), p.y + f.line_h));
    const ImGuiID id = window->GetID(f.link);
    // Added without ItemSize: the app window does not scroll, the document scrolls itself.
    ImGui::ItemAdd(bb, id, nullptr, ImGuiItemFlags_None);
    ImGui::RenderNavCursor(bb, id);
    if (g.NavActivateId == id) app.follow_link(f.link, ImGui::GetIO().KeyCtrl || ImGui::GetIO().KeySuper);
    // P: the focused link's preview (link_preview.hpp).
    if (g.NavId == id && g.NavCursorVisible && ImGui::IsKeyPressed(ImGuiKey_P, false) && !ImGui::GetIO().WantTextInput)
      open_link_preview(app, f.link, bb.Min, bb.Max, PreviewVia::keyboard);
  }
  ImGui::PopID();
  for (; region < L.regions.size(); ++region) code_block_button(app, origin, clip, region);
}

bool page_focus_begin() { return GImGui->NavIdIsAlive; }

void page_focus_end(App& app, const Area& doc_area, bool focus_seen_before) {
  ImGuiContext& g = *GImGui;
  // The focused stop is the page's when it was submitted between begin and end.
  if (focus_seen_before || !g.NavIdIsAlive || !g.NavCursorVisible || g.NavJustMovedToId != g.NavId || !g.NavWindow) return;
  const ImRect r = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
  const float margin = 48;
  DocumentViewState& v = app.doc_view();
  float shift = 0;
  if (r.Min.y < doc_area.y + margin) shift = r.Min.y - (doc_area.y + margin);
  else if (r.Max.y > doc_area.y + doc_area.h - margin) shift = r.Max.y - (doc_area.y + doc_area.h - margin);
  if (shift == 0) return;
  v.scroll = v.target = std::max(0.0f, v.scroll + shift);
  v.pinned_heading = -1;
  app.request_frames(2);
}

KeyboardFocus keyboard_focus() {
  ImGuiContext& g = *GImGui;
  KeyboardFocus f;
  if (!g.NavWindow || !g.NavId) return f;
  const ImRect r = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
  f.visible = g.NavCursorVisible;
  f.id = g.NavId;
  f.window = g.NavWindow->Name;
  f.x = r.Min.x, f.y = r.Min.y, f.w = r.GetWidth(), f.h = r.GetHeight();
  return f;
}

}  // namespace logbook::app
