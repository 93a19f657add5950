// Completions for the search filter being typed (`status:ac` -> `status:accepted`),
// computed from the manifest, so suggestions appear at once, before (and without) the
// search database. The parsing and completion rules are the core's (query_parser.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/published_site.hpp"

namespace logbook::app {

// Whole tokens to replace the last token of `text` with; empty when it is not (the start
// of) a filter. `today` ("YYYY-MM-DD" or "") offers dates for after: and before:.
std::vector<std::string> suggest_filters(const PublishedSite& site, std::string_view text, std::string_view today, int limit = 8);

// `text` with its last token replaced by `completion` (a key completion like "status:"
// stays open for its value; a value completion ends with a space).
std::string apply_suggestion(std::string_view text, const std::string& completion);

}  // namespace logbook::app
