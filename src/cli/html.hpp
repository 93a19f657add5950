// HTML escaping and a tiny {{placeholder}} template filler for the static pages.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/html_escape.hpp"

namespace logbook::cli {

using logbook::escape_html;  // core/html_escape.hpp

// Replaces each {{key}} in tmpl with its value (values are inserted as given).
std::string fill_template(std::string_view tmpl, const std::vector<std::pair<std::string_view, std::string>>& values);

}  // namespace logbook::cli
