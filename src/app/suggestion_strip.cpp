#include "suggestion_strip.hpp"

#include <cstdio>

#include "app.hpp"
#include "filter_suggestions.hpp"

namespace logbook::app {

void take_filter_suggestion(SearchPaletteState& st, const std::string& suggestion) {
  const std::string text = apply_suggestion(st.query, suggestion);
  std::snprintf(st.query, sizeof st.query, "%s", text.c_str());
  st.focus_input = true;
  st.cursor_to_end = true;
}

float draw_filter_suggestions(App& app, ImVec2 pos, float width) {
  SearchPaletteState& st = app.palette();
  if (st.suggestions.empty()) return 0;
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* mono = T.font(Face::mono);
  const float size = 13.0f, h = 46, chip_h = 26;
  float x = pos.x + 20;
  const float y = pos.y + (h - chip_h) * 0.5f;
  const char* hint = "Tab to complete";
  const float hint_w = T.font(Face::regular)->CalcTextSizeA(T.scale.small - 1, FLT_MAX, 0, hint).x;
  const float right = pos.x + width - 20 - (app.phone() ? 0 : hint_w + 16);
  std::string taken;
  for (std::size_t i = 0; i < st.suggestions.size(); ++i) {
    const std::string& s = st.suggestions[i];
    const float w = mono->CalcTextSizeA(size, FLT_MAX, 0, s.c_str()).x + 20;
    if (x + w > right && i > 0) break;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushID(static_cast<int>(i));
    const bool clicked = ImGui::InvisibleButton("suggestion", ImVec2(w, chip_h));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const bool first = i == 0;
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + chip_h), th[first || hovered ? Ink::accent_soft : Ink::code_bg], 7);
    dl->AddRect(ImVec2(x, y), ImVec2(x + w, y + chip_h), th[first ? Ink::accent : Ink::code_border], 7);
    dl->AddText(mono, size, ImVec2(x + 10, y + (chip_h - size) * 0.5f - 1), th[first ? Ink::accent : Ink::text], s.c_str());
    app.add_view_link({s, "action:suggestion", x, y, w, chip_h});
    if (clicked) taken = s;
    x += w + 8;
  }
  if (!app.phone())
    dl->AddText(T.font(Face::regular), T.scale.small - 1, ImVec2(pos.x + width - 20 - hint_w, pos.y + (h - T.scale.small) * 0.5f), th[Ink::faint], hint);
  dl->AddLine(ImVec2(pos.x, pos.y + h), ImVec2(pos.x + width, pos.y + h), th[Ink::panel_border]);
  if (!taken.empty()) take_filter_suggestion(st, taken);
  ImGui::SetCursorScreenPos(pos);
  return h + 1;
}

}  // namespace logbook::app
