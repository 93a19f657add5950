// The search palette's strip of filter completions under its field.
#pragma once

#include <string>

#include <imgui.h>

namespace logbook::app {

class App;
struct SearchPaletteState;

// Draws the palette's current suggestions as chips (the first is what Tab or Enter
// takes; a click takes any); returns the strip's height, 0 when there is none.
float draw_filter_suggestions(App& app, ImVec2 pos, float width);

// Puts the suggestion into the query and gives the field its focus back, caret at the end.
void take_filter_suggestion(SearchPaletteState& st, const std::string& suggestion);

}  // namespace logbook::app
