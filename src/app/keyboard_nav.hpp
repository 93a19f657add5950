// The keyboard reader's path through the app (WCAG 2.1.1, 2.4.3, 2.4.7): Tab and
// Shift+Tab move through every link and control in the order they are drawn, which
// the views keep in visual order (top bar, sidebar, the page, the outline), Enter
// activates, and ImGui's focus ring (ImGuiCol_NavCursor, the theme's accent) follows.
//
// The views' own widgets are ImGui nav targets (ImGuiButtonFlags_EnableNav); this
// file adds what ImGui cannot know: the links inside the laid-out Markdown, and the
// document's own scrolling, which must bring a focused stop into view.
#pragma once

#include <string>

#include "views.hpp"

namespace logbook::app {

// Before the views: the reading keys (arrows, Space, Page Up/Down, Home, End) scroll the
// page as in a browser instead of moving ImGui's focus; the app window takes the focus
// when no window has it, so the first Tab has somewhere to start.
void own_reading_keys(App& app);

// The first stop of the app: "Skip to content", shown only while it has the focus, as
// on the static page. Enter moves the focus to the page's first stop after its
// breadcrumbs (focus_content_here, which the document view calls there).
void skip_link(App& app);
void focus_content_here(App& app);

// The Markdown's stops in reading order, at origin (the layout's top left on screen):
// each link (Enter follows it, Ctrl+Enter in a new tab, P shows its preview) and each code block's copy
// button (document_paint.hpp), which is drawn here too.
void page_stops(App& app, ImVec2 origin, const Area& clip);

// A stop of the page that Tab just reached outside the document's view scrolls the page
// to it. The document view calls page_focus_begin before its stops and
// page_focus_end after them, which tells its stops from the top bar's and the sidebar's.
bool page_focus_begin();
void page_focus_end(App& app, const Area& doc_area, bool focus_seen_before);

// Where the focus ring is, for automation (window.logbook.focus()): the window and
// rectangle of the focused stop, and whether the ring is shown.
struct KeyboardFocus {
  bool visible = false;
  unsigned id = 0;
  std::string window;
  float x = 0, y = 0, w = 0, h = 0;
};
KeyboardFocus keyboard_focus();

}  // namespace logbook::app
