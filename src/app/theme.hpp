// Light and dark palettes. Layout stores colour roles (Ink), never colours, so that a
// theme switch redraws without laying the page out again.
#pragma once

#include <cstdint>

#include <imgui.h>

namespace logbook::app {

enum class Ink : std::uint8_t {
  text, muted, faint, heading, link, link_hover, code_text, code_bg, code_border, quote_bar, rule,
  table_border, table_header_bg, table_stripe, selection, find_match, find_current, search_mark,
  note, tip, important, warning, caution, page_bg, panel_bg, panel_border, accent, accent_soft, count
};

enum class ThemeKind { light, dark };
// What the reader chose: the system's appearance, or always light or dark.
enum class ThemeChoice { system, light, dark };

struct Theme {
  ThemeKind kind = ThemeKind::light;
  ImU32 ink[static_cast<int>(Ink::count)] = {};
  ImU32 operator[](Ink i) const { return ink[static_cast<int>(i)]; }
};

Theme make_theme(ThemeKind kind);
// Sets ImGui's own style (widgets, popups, scrollbars) to match.
void apply_imgui_style(const Theme& theme, ImGuiStyle& style);

}  // namespace logbook::app
