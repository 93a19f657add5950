#include "theme.hpp"

namespace logbook::app {

namespace {

constexpr ImU32 rgba(unsigned rgb, unsigned alpha = 255) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

void set(Theme& t, Ink i, ImU32 c) { t.ink[static_cast<int>(i)] = c; }

}  // namespace

// Colours follow GitHub's Primer palettes: familiar to the readers of a docs site, and
// their contrast ratios are already checked (text on background >= 7:1).
Theme make_theme(ThemeKind kind) {
  Theme t;
  t.kind = kind;
  if (kind == ThemeKind::light) {
    set(t, Ink::text, rgba(0x1f2328));
    set(t, Ink::muted, rgba(0x59636e));
    set(t, Ink::faint, rgba(0x818b98));
    set(t, Ink::heading, rgba(0x1f2328));
    set(t, Ink::link, rgba(0x0969da));
    set(t, Ink::link_hover, rgba(0x0550ae));
    set(t, Ink::code_text, rgba(0x1f2328));
    set(t, Ink::code_bg, rgba(0xf6f8fa));
    set(t, Ink::code_border, rgba(0xd1d9e0, 180));
    set(t, Ink::quote_bar, rgba(0xd1d9e0));
    set(t, Ink::rule, rgba(0xd1d9e0));
    set(t, Ink::table_border, rgba(0xd1d9e0));
    set(t, Ink::table_header_bg, rgba(0xf6f8fa));
    set(t, Ink::table_stripe, rgba(0xf6f8fa, 140));
    set(t, Ink::selection, rgba(0x0969da, 60));
    set(t, Ink::find_match, rgba(0xfff8c5));
    set(t, Ink::find_current, rgba(0xf2cc60));
    set(t, Ink::search_mark, rgba(0xfff1a8));
    set(t, Ink::note, rgba(0x0969da));
    set(t, Ink::tip, rgba(0x1a7f37));
    set(t, Ink::important, rgba(0x8250df));
    set(t, Ink::warning, rgba(0x9a6700));
    set(t, Ink::caution, rgba(0xcf222e));
    set(t, Ink::page_bg, rgba(0xffffff));
    set(t, Ink::panel_bg, rgba(0xf9fafb));
    set(t, Ink::panel_border, rgba(0xe5e8eb));
    set(t, Ink::accent, rgba(0x0969da));
    set(t, Ink::accent_soft, rgba(0x0969da, 28));
  } else {
    set(t, Ink::text, rgba(0xd1d7e0));
    set(t, Ink::muted, rgba(0x9198a1));
    set(t, Ink::faint, rgba(0x656c76));
    set(t, Ink::heading, rgba(0xf0f6fc));
    set(t, Ink::link, rgba(0x4493f8));
    set(t, Ink::link_hover, rgba(0x79b8ff));
    set(t, Ink::code_text, rgba(0xe6edf3));
    set(t, Ink::code_bg, rgba(0x151b23));
    set(t, Ink::code_border, rgba(0x3d444d, 160));
    set(t, Ink::quote_bar, rgba(0x3d444d));
    set(t, Ink::rule, rgba(0x3d444d));
    set(t, Ink::table_border, rgba(0x3d444d));
    set(t, Ink::table_header_bg, rgba(0x151b23));
    set(t, Ink::table_stripe, rgba(0x151b23, 140));
    set(t, Ink::selection, rgba(0x4493f8, 80));
    set(t, Ink::find_match, rgba(0xbb8009, 90));
    set(t, Ink::find_current, rgba(0xd29922, 200));
    set(t, Ink::search_mark, rgba(0xbb8009, 110));
    set(t, Ink::note, rgba(0x4493f8));
    set(t, Ink::tip, rgba(0x3fb950));
    set(t, Ink::important, rgba(0xab7df8));
    set(t, Ink::warning, rgba(0xd29922));
    set(t, Ink::caution, rgba(0xf85149));
    set(t, Ink::page_bg, rgba(0x0d1117));
    set(t, Ink::panel_bg, rgba(0x010409));
    set(t, Ink::panel_border, rgba(0x262c36));
    set(t, Ink::accent, rgba(0x4493f8));
    set(t, Ink::accent_soft, rgba(0x4493f8, 40));
  }
  return t;
}

void apply_imgui_style(const Theme& theme, ImGuiStyle& style) {
  const auto col = [&](Ink i) { return ImGui::ColorConvertU32ToFloat4(theme[i]); };
  const bool dark = theme.kind == ThemeKind::dark;
  if (dark) ImGui::StyleColorsDark(&style);
  else ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0;
  style.ChildRounding = 0;
  style.PopupRounding = 10;
  style.FrameRounding = 6;
  style.GrabRounding = 6;
  style.ScrollbarRounding = 6;
  style.ScrollbarSize = 10;
  style.WindowBorderSize = 0;
  style.PopupBorderSize = 1;
  style.FrameBorderSize = 0;
  style.WindowPadding = ImVec2(0, 0);
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(8, 6);
  style.SelectableTextAlign = ImVec2(0, 0.5f);
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = col(Ink::text);
  c[ImGuiCol_TextDisabled] = col(Ink::muted);
  c[ImGuiCol_WindowBg] = col(Ink::page_bg);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = col(Ink::page_bg);
  c[ImGuiCol_Border] = col(Ink::panel_border);
  c[ImGuiCol_FrameBg] = col(Ink::code_bg);
  c[ImGuiCol_FrameBgHovered] = col(Ink::code_bg);
  c[ImGuiCol_FrameBgActive] = col(Ink::code_bg);
  c[ImGuiCol_Button] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ButtonHovered] = col(Ink::accent_soft);
  c[ImGuiCol_ButtonActive] = col(Ink::accent_soft);
  c[ImGuiCol_Header] = col(Ink::accent_soft);
  c[ImGuiCol_HeaderHovered] = col(Ink::accent_soft);
  c[ImGuiCol_HeaderActive] = col(Ink::accent_soft);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = col(Ink::rule);
  c[ImGuiCol_ScrollbarGrabHovered] = col(Ink::faint);
  c[ImGuiCol_ScrollbarGrabActive] = col(Ink::muted);
  c[ImGuiCol_Separator] = col(Ink::panel_border);
  c[ImGuiCol_TextSelectedBg] = col(Ink::selection);
  c[ImGuiCol_NavCursor] = col(Ink::accent);
  c[ImGuiCol_ModalWindowDimBg] = dark ? ImVec4(0, 0, 0, 0.55f) : ImVec4(0.1f, 0.12f, 0.15f, 0.35f);
  c[ImGuiCol_CheckMark] = col(Ink::accent);
}

}  // namespace logbook::app
