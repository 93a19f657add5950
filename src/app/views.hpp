// One draw function per view; each reads and writes only its own state in App
// (plus the page it shows). Areas are in logical pixels.
#pragma once

#include <imgui.h>

#include "graph_view.hpp"
#include "widgets.hpp"

namespace logbook::app {

class App;

struct Area {
  float x = 0, y = 0, w = 0, h = 0;
  ImVec2 min() const { return {x, y}; }
  ImVec2 max() const { return {x + w, y + h}; }
  bool contains(ImVec2 p) const { return p.x >= x && p.y >= y && p.x < x + w && p.y < y + h; }
};

void draw_top_bar(App& app, const Area& area);
// The offline copy's state ending at x = right, in the top bar; the width it took.
float draw_offline_status(App& app, float right, float y, float h);
void draw_sidebar(App& app, const Area& area);
void draw_sidebar_drawer(App& app, const Area& screen);
void draw_outline(App& app, const Area& area);
void draw_outline_menu(App& app, const Area& screen);
void draw_document(App& app, const Area& area);
void draw_search_palette(App& app, const Area& screen);
void draw_find_bar(App& app, const Area& area);
void draw_link_menu(App& app, const Area& screen);
// The link graph (graph_view.hpp), in place of the sidebar, page and outline while open.
void draw_graph(App& app, const Area& area);
void open_graph(App& app, GraphMode mode);  // reads the graph's file the first time
void close_graph(App& app);
// After an item that is a link to href: a right-click or a long press on it opens the link menu.
void link_menu_on_item(App& app, const std::string& href);
// The pointer moved more than a tap's wobble since the press.
bool pointer_moved();

}  // namespace logbook::app
