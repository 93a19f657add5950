// Calendar arithmetic on ISO dates. The core has no clock: callers pass "today" in,
// and these helpers only add days and compare. The build and the reader both count
// days here, so a deadline reads the same in `logbook check` and in the app.
//
// What is a date: "YYYY-MM-DD" naming a real day of the proleptic Gregorian calendar
// ("2026-02-30" and "2026-13-01" are not; "2026-1-5" is not), optionally followed by a
// time after 'T', 't' or a space, as ISO 8601 and YAML timestamps write one
// ("2026-01-05T10:00" is 5 January; its time is ignored). Anything else is not a date.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace logbook {

// True for a YYYY-MM-DD date with a valid month and day.
bool is_iso_date(std::string_view text);

// Days since 1970-01-01 (negative before); nullopt when it is not a date (above).
std::optional<long long> day_number(std::string_view date);

// The date `days` after (or before, if negative) an ISO date; nullopt if it is not one.
std::optional<std::string> add_days(std::string_view iso_date, int days);

// Whole days from `from` to `to` (negative if `to` is earlier); nullopt unless both are dates.
std::optional<int> days_between(std::string_view from, std::string_view to);

}  // namespace logbook
