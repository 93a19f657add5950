// Spec: date arithmetic for review deadlines, exact across months, leap years and years.
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
