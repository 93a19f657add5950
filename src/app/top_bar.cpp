// The top bar: the site's name, the search field (a button that opens the palette),
// the link graph, the theme toggle, and on narrow windows the menu and outline buttons.
#include <algorithm>

#include "app.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

// The theme control shows the reader's choice; a click moves to the next (App::cycle_theme).
void theme_button(App& app, ImVec2 pos, float size) {
  const ThemeChoice choice = app.theme_choice();
  const bool dark = app.theme().kind == ThemeKind::dark;
  const char* icon = choice == ThemeChoice::system ? "system" : choice == ThemeChoice::dark ? "moon" : "sun";
  const std::string tip = choice == ThemeChoice::system ? std::string("Theme: as the system (") + (dark ? "dark" : "light") + ")"
                                                        : std::string("Theme: always ") + (dark ? "dark" : "light");
  if (icon_button("theme", icon, pos, size, tip.c_str())) app.cycle_theme();
  app.add_view_link({tip, "action:theme", pos.x, pos.y, size, size});
}

// The whole site's link graph; a second press closes it.
void graph_button(App& app, ImVec2 pos, float size) {
  const bool open = app.graph().mode == GraphMode::site;
  if (icon_button("graph", open ? "close" : "graph", pos, size, open ? "Close the graph (Esc)" : "Graph of the whole site"))
    open ? close_graph(app) : open_graph(app, GraphMode::site);
  app.add_view_link({"Graph of the whole site", "action:graph", pos.x, pos.y, size, size});
}

}  // namespace

void draw_top_bar(App& app, const Area& area) {
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool narrow = app.narrow(), phone = app.phone();
  dl->AddRectFilled(area.min(), area.max(), th[Ink::page_bg]);
  dl->AddLine(ImVec2(area.x, area.y + area.h - 0.5f), ImVec2(area.x + area.w, area.y + area.h - 0.5f), th[Ink::panel_border]);
  const float bh = 36, by = area.y + (area.h - bh) * 0.5f;
  float x = area.x + (phone ? 12.0f : 20.0f);
  if (narrow) {
    if (icon_button("menu", app.sidebar().drawer_open ? "close" : "menu", ImVec2(x, by), bh, "Pages")) {
      app.sidebar().drawer_open = !app.sidebar().drawer_open;
      app.outline().menu_open = false;
    }
    x += bh + 12;
  }
  // The site's name, with a small mark before it.
  const std::string& title = app.site().title.empty() ? std::string("Logbook") : app.site().title;
  const float title_size = phone ? 16.5f : 17.5f;
  const ImVec2 mark(x, area.y + area.h * 0.5f - 11);
  dl->AddRectFilled(mark, ImVec2(mark.x + 22, mark.y + 22), th[Ink::accent], 6);
  dl->AddRectFilled(ImVec2(mark.x + 6, mark.y + 6), ImVec2(mark.x + 16, mark.y + 8), th[Ink::page_bg], 1);
  dl->AddRectFilled(ImVec2(mark.x + 6, mark.y + 10.5f), ImVec2(mark.x + 16, mark.y + 12.5f), th[Ink::page_bg], 1);
  dl->AddRectFilled(ImVec2(mark.x + 6, mark.y + 15), ImVec2(mark.x + 12, mark.y + 17), th[Ink::page_bg], 1);
  x += 32;
  const float max_title = phone ? area.w - x - 2 * (bh + 8) - 60 : 260;
  if (text_link("site-title", T.font(Face::bold), title_size, ImVec2(x, area.y + (area.h - title_size) * 0.5f - 1), title.c_str(),
                th[Ink::heading], th[Ink::heading], max_title))
    app.open("/");

  // Right side, placed from the right edge (theme control, outline on narrow windows,
  // search) and drawn from the left, so that Tab meets them in the order they are seen.
  const float theme_x = area.x + area.w - (phone ? 12.0f : 20.0f) - bh;
  const bool outline = area.w < 1280;
  const float outline_x = theme_x - (outline ? bh + 8 : 0);
  if (phone) {
    graph_button(app, ImVec2(outline_x - 2 * (bh + 8), by), bh);
    if (icon_button("search", "search", ImVec2(outline_x - bh - 8, by), bh, "Search")) app.open_search(true);
  } else {
    const float sw = std::clamp(area.w * 0.28f, 220.0f, 360.0f);
    const ImVec2 sp(outline_x - 12 - sw, by);
    if (area.w >= 900) draw_offline_status(app, sp.x - 20 - bh, by, bh);
    graph_button(app, ImVec2(sp.x - 8 - bh, by), bh);
    ImGui::SetCursorScreenPos(sp);
    const bool clicked = ImGui::InvisibleButton("search-field", ImVec2(sw, bh), ImGuiButtonFlags_EnableNav);
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    dl->AddRectFilled(sp, ImVec2(sp.x + sw, sp.y + bh), th[Ink::code_bg], 9);
    dl->AddRect(sp, ImVec2(sp.x + sw, sp.y + bh), th[hovered ? Ink::faint : Ink::panel_border], 9);
    draw_icon(dl, kIconSearch, ImVec2(sp.x + 20, sp.y + bh * 0.5f), 14, th[Ink::muted]);
    const float size = T.scale.ui;
    dl->AddText(T.font(Face::regular), size, ImVec2(sp.x + 36, sp.y + (bh - size) * 0.5f - 1), th[Ink::muted], "Search the docs");
    // The key that opens it, drawn as a key cap (not on a touch screen, which has no key).
    if (!app.touch()) {
      const ImVec2 k(sp.x + sw - 34, sp.y + 8);
      dl->AddRect(k, ImVec2(k.x + 24, k.y + bh - 16), th[Ink::rule], 5);
      dl->AddText(T.font(Face::mono), 12.5f, ImVec2(k.x + 8, k.y + 2.5f), th[Ink::muted], "/");
    }
    if (clicked) app.open_search(true);
  }
  if (outline && icon_button("outline", "list", ImVec2(outline_x, by), bh, "On this page")) {
    app.outline().menu_open = !app.outline().menu_open;
    app.sidebar().drawer_open = false;
  }
  theme_button(app, ImVec2(theme_x, by), bh);
}

}  // namespace logbook::app
