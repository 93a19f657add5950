// Ctrl+F: finds text in the page (case-insensitive), highlights every match and the
// current one; Enter and Shift+Enter step through them.
#include <algorithm>

#include "app.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

void go_to(App& app, int index) {
  FindBarState& st = app.find();
  const DocLayout& L = app.page().layout;
  if (st.matches.empty()) return;
  const int n = static_cast<int>(st.matches.size());
  st.current = (index % n + n) % n;
  const Fragment& f = L.fragments[L.fragment_at_offset(st.matches[static_cast<std::size_t>(st.current)].first)];
  DocumentViewState& v = app.doc_view();
  const float y = f.line_y + v.origin_y;
  if (y < v.scroll + 60 || y > v.scroll + v.view_h - 80) v.target = std::max(0.0f, y - v.view_h * 0.35f);
  if (f.region >= 0 && static_cast<std::size_t>(f.region) < v.region_scroll.size()) {
    const ScrollRegion& r = L.regions[static_cast<std::size_t>(f.region)];
    float& rs = v.region_scroll[static_cast<std::size_t>(f.region)];
    if (f.x + f.w - rs > r.x + r.w || f.x - rs < r.x) rs = std::clamp(f.x - r.x - 40, 0.0f, r.content_w - r.w);
  }
  app.request_frames(30);
}

}  // namespace

void draw_find_bar(App& app, const Area& area) {
  FindBarState& st = app.find();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  const float w = std::min(420.0f, area.w - 24), h = 48;
  const ImVec2 p(area.x + area.w - w - 16, area.y + 12);
  ImGui::SetNextWindowPos(p);
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ScopedStyle window;
  window.var(ImGuiStyleVar_WindowRounding, 12).var(ImGuiStyleVar_WindowBorderSize, 1).var(ImGuiStyleVar_WindowPadding, ImVec2(8, 6));
  ImGui::Begin("##find", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 7));
  ImGui::SetNextItemWidth(w - 190);
  if (st.focus_input) {
    ImGui::SetKeyboardFocusHere();
    st.focus_input = false;
  }
  bool enter = false;
  {
    ScopedStyle field;
    field.font(T.font(Face::regular), T.scale.ui);
    enter = ImGui::InputTextWithHint("##find", "Find in page", st.query, sizeof st.query, ImGuiInputTextFlags_EnterReturnsTrue);
  }
  if (enter) {
    go_to(app, st.current + (ImGui::GetIO().KeyShift ? -1 : 1));
    ImGui::SetKeyboardFocusHere(-1);
  }
  if (st.searched != st.query) {
    st.searched = st.query;
    st.matches = find_all(app.page().layout.text, st.searched);
    st.current = -1;
    // Start from the first match at or below the top of the view.
    const DocLayout& L = app.page().layout;
    const DocumentViewState& v = app.doc_view();
    for (std::size_t i = 0; i < st.matches.size(); ++i) {
      if (L.fragments.empty()) break;
      if (L.fragments[L.fragment_at_offset(st.matches[i].first)].line_y + v.origin_y >= v.scroll) {
        go_to(app, static_cast<int>(i));
        break;
      }
    }
    if (st.current < 0 && !st.matches.empty()) go_to(app, 0);
  }
  const std::string count = st.query[0] == 0 ? "" : st.matches.empty() ? "No matches"
                                                  : std::to_string(st.current + 1) + " of " + std::to_string(st.matches.size());
  dl->AddText(T.font(Face::regular), T.scale.small, ImVec2(p.x + w - 176, p.y + 15), th[st.matches.empty() && st.query[0] ? Ink::caution : Ink::muted], count.c_str());
  if (icon_button("prev", "up", ImVec2(p.x + w - 110, p.y + 8), 32, "Previous (Shift+Enter)")) go_to(app, st.current - 1);
  if (icon_button("next", "down", ImVec2(p.x + w - 74, p.y + 8), 32, "Next (Enter)")) go_to(app, st.current + 1);
  if (icon_button("close", "close", ImVec2(p.x + w - 38, p.y + 8), 32, "Close (Esc)")) app.open_find(false);
  ImGui::End();
}

}  // namespace logbook::app
