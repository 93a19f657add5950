// Small drawing helpers shared by the views (widgets.cpp), and ScopedStyle, which keeps
// ImGui's style stacks balanced.
#pragma once

#include <string>

#include <imgui.h>

namespace logbook::app {

// `text` cut after a whole character so that it fits max_w, ending in "…" when it was cut
// (never mid-letter, as a clip rectangle would). The one home for fitting a line of text.
std::string elide_text(ImFont* font, float size, const std::string& text, float max_w);
// Draws `text` fitted to max_w with elide_text; when it was cut and `hovered` (the item it
// belongs to: a card, a row), the whole text shows as a tooltip, on touch after a long press.
void draw_elided(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, const std::string& text, float max_w, bool hovered);
// The frame of a popover (a menu over the page) from min to max: a border and a soft
// shadow around it, drawn outside it, so that it stands off the page under it.
void popover_frame(ImVec2 min, ImVec2 max, ImU32 border, float rounding);

// A tooltip with the whole of a text shown cut, wrapped to the window.
void whole_text_tooltip(const std::string& text);
// The pointer rests on an item: a mouse hovering it, or a finger held on it for half a second.
bool resting_on(bool hovered);
// The finger just lifted after a long press (which showed a tooltip or a menu): not a tap.
bool long_pressed();

// A link of one line; with max_w, its text is fitted with draw_elided.
bool text_link(const char* id, ImFont* font, float size, ImVec2 pos, const char* text, ImU32 color, ImU32 hover, float max_w = 0);
bool icon_button(const char* id, const char* glyph, ImVec2 pos, float size, const char* tooltip);
void draw_icon(ImDrawList* dl, int icon, ImVec2 center, float size, ImU32 color);
enum Icon { kIconSearch, kIconSun, kIconMoon, kIconMenu, kIconList, kIconCopy, kIconCheck, kIconChevronRight,
            kIconChevronDown, kIconClose, kIconArrowLeft, kIconArrowRight, kIconInfo, kIconLightbulb, kIconReport,
            kIconAlert, kIconStop, kIconLink, kIconSystem, kIconGraph, kIconPlus, kIconMinus, kIconFit };

// Style colours, style variables and fonts pushed for one scope and popped when it ends,
// so that an early return cannot leave ImGui's stacks unbalanced:
//   ScopedStyle style;
//   style.font(f, 14).var(ImGuiStyleVar_FrameRounding, 8).color(ImGuiCol_Button, ink);
class ScopedStyle {
 public:
  ScopedStyle() = default;
  ScopedStyle(const ScopedStyle&) = delete;
  ScopedStyle& operator=(const ScopedStyle&) = delete;
  ~ScopedStyle() {
    ImGui::PopStyleColor(colors_);
    ImGui::PopStyleVar(vars_);
    for (int i = 0; i < fonts_; ++i) ImGui::PopFont();
  }

  ScopedStyle& color(ImGuiCol which, ImU32 c) {
    ImGui::PushStyleColor(which, c);
    ++colors_;
    return *this;
  }
  ScopedStyle& var(ImGuiStyleVar which, float v) {
    ImGui::PushStyleVar(which, v);
    ++vars_;
    return *this;
  }
  ScopedStyle& var(ImGuiStyleVar which, ImVec2 v) {
    ImGui::PushStyleVar(which, v);
    ++vars_;
    return *this;
  }
  ScopedStyle& font(ImFont* f, float size) {
    ImGui::PushFont(f, size);
    ++fonts_;
    return *this;
  }

 private:
  int colors_ = 0, vars_ = 0, fonts_ = 0;
};

}  // namespace logbook::app
