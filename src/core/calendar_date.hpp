// Calendar arithmetic on ISO dates (YYYY-MM-DD). The core has no clock: callers pass
// "today" in, and these helpers only add days and compare.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace logbook {

// The date `days` after (or before, if negative) an ISO date; nullopt if it is not one.
std::optional<std::string> add_days(std::string_view iso_date, int days);

// Whole days from `from` to `to` (negative if `to` is earlier); nullopt unless both are ISO dates.
std::optional<int> days_between(std::string_view from, std::string_view to);

}  // namespace logbook
