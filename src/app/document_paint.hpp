// Pieces of the document view: painting the layout, and the page's chrome around it
// (breadcrumbs above, backlinks and previous/next below).
#pragma once

#include <imgui.h>

#include "markdown_layout.hpp"
#include "views.hpp"

namespace logbook::app {

class App;

// Index into layout.links of the link under (x, y) in layout coordinates, or -1.
int link_at(const DocLayout& layout, const std::vector<float>& region_scroll, float x, float y);
// The fragment of a link under (x, y) (where a popover about the link is placed), or null.
const Fragment* link_fragment_at(const DocLayout& layout, const std::vector<float>& region_scroll, float x, float y);
// Draws the visible part of the page with selection, find matches and highlights.
void paint_layout(App& app, ImVec2 origin, const Area& clip);
void paint_other_layout(App& app, const DocLayout& layout, ImVec2 origin, const Area& clip);
// A region's sliver of sideways scrollbar and, on a code block, its copy button: shown
// on hover, on touch screens and to the keyboard (a stop in the page's reading order,
// keyboard_nav.hpp, even out of view).
void code_block_button(App& app, ImVec2 origin, const Area& clip, std::size_t region);
// A heading's permalink, shown while the pointer is on the heading's line.
void heading_permalinks(App& app, ImVec2 origin, const Area& clip);
void draw_scrollbar(App& app, const Area& area, float total);
void draw_page_placeholder(App& app, ImVec2 origin, float width);

void draw_breadcrumbs(App& app, ImVec2 pos, float width);
float page_footer_height(App& app, float width);
void draw_page_footer(App& app, ImVec2 pos, float width);

}  // namespace logbook::app
