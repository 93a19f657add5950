// Spec: date arithmetic for review deadlines, exact across months, leap years and years,
// and one answer to what a date is, for `logbook check` and the reader alike.
#include <doctest/doctest.h>

#include "core/calendar_date.hpp"

using namespace logbook;

TEST_CASE("adding days crosses months, leap days and years") {
  CHECK(add_days("2026-12-01", 14) == "2026-12-15");
  CHECK(add_days("2026-12-25", 14) == "2027-01-08");
  CHECK(add_days("2028-02-20", 14) == "2028-03-05");  // 2028 is a leap year: Feb 29 counts
  CHECK(add_days("2026-02-20", 14) == "2026-03-06");
  CHECK(add_days("2026-03-01", -1) == "2026-02-28");
  CHECK(add_days("2026-13-01", 1) == std::nullopt);
  CHECK(add_days("01/02/2026", 1) == std::nullopt);
}

TEST_CASE("days between two dates") {
  CHECK(days_between("2026-01-01", "2026-01-31") == 30);
  CHECK(days_between("2026-01-31", "2026-01-01") == -30);
  CHECK(days_between("2024-01-01", "2025-01-01") == 366);
  CHECK(days_between("2026-01-01", "soon") == std::nullopt);
}

TEST_CASE("days between dates across months, leap days and years") {
  CHECK(day_number("1970-01-01") == 0);
  CHECK(day_number("1969-12-31") == -1);
  CHECK(days_between("2026-02-27", "2026-03-01") == 2);
  CHECK(days_between("2024-02-28", "2024-03-01") == 2);  // a leap year
  CHECK(days_between("2026-12-31", "2027-01-01") == 1);
  CHECK(days_between("2026-03-10", "2026-03-08") == -2);
}

TEST_CASE("a date is YYYY-MM-DD naming a real day, with an optional time after it") {
  CHECK(day_number("2026-03-01T09:00") == day_number("2026-03-01"));  // ISO 8601 date-time
  CHECK(day_number("2026-03-01 09:00:00 +1") == day_number("2026-03-01"));  // a YAML timestamp
  CHECK(days_between("2026-01-05T23:59", "2026-01-06") == 1);  // the time is ignored
  CHECK(add_days("2026-01-05T10:00", 1) == "2026-01-06");
  CHECK_FALSE(day_number("2026-02-30"));  // no such day
  CHECK_FALSE(day_number("2026-02-29"));
  CHECK(day_number("2028-02-29"));
  CHECK_FALSE(day_number("2026-13-01"));
  CHECK_FALSE(day_number("2026-1-5"));
  CHECK_FALSE(day_number("2026-01-0512"));  // more digits are not a time
  CHECK_FALSE(day_number("2026-01-05x"));
  CHECK_FALSE(day_number(""));
  CHECK_FALSE(day_number("soon"));
}

TEST_CASE("ISO dates are checked for real months and days") {
  CHECK(is_iso_date("2024-02-29"));
  CHECK_FALSE(is_iso_date("2023-02-29"));
  CHECK_FALSE(is_iso_date("2026-13-01"));
  CHECK_FALSE(is_iso_date("2026-1-01"));
  CHECK_FALSE(is_iso_date("yesterday"));
  CHECK_FALSE(is_iso_date("1900-02-29"));  // a century is a leap year only every 400
  CHECK(is_iso_date("2000-02-29"));
}
