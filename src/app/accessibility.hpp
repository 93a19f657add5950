// What the app tells screen readers, which cannot read the canvas: once a frame it
// hands the browser edge the state of its text field and search palette (the edge keeps
// a combobox and a listbox in the DOM in step) and the page's lists that only the app
// draws (the home page's), and announces politely the page that opened after in-app
// navigation and the number of results each answer brought. The page's own HTML
// follows through Platform::set_accessible_page.
#pragma once

#include <string>

#include "platform.hpp"

namespace logbook::app {

class App;

void sync_accessibility(App& app);

// "3 results for “adr”", "No results for “zzz”", "1 result for “x”".
std::string results_announcement(std::size_t count, const std::string& query);

}  // namespace logbook::app
