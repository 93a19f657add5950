#include "calendar_date.hpp"

#include <cstdio>

namespace logbook {

namespace {

// The number a run of ASCII digits spells (callers check that they are digits).
int digits(std::string_view t) {
  int n = 0;
  for (char c : t) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

bool is_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return false;
  const int year = digits(t.substr(0, 4));
  const int month = digits(t.substr(5, 2));
  const int day = digits(t.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
long long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = static_cast<int>(y - era * 400);
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  const long long y = yoe + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", y, static_cast<unsigned>(m) % 100u, static_cast<unsigned>(d) % 100u);
  return buf;
}

}  // namespace

std::optional<long long> day_number(std::string_view date) {
  const bool has_time = date.size() > 10 && (date[10] == 'T' || date[10] == 't' || date[10] == ' ');
  if (date.size() > 10 && !has_time) return std::nullopt;  // "2026-01-0512" is not a date
  const std::string_view day = date.substr(0, 10);
  if (!is_iso_date(day)) return std::nullopt;
  const int y = digits(day.substr(0, 4));
  const int m = digits(day.substr(5, 2));
  const int d = digits(day.substr(8, 2));
  return days_from_civil(y, m, d);
}

std::optional<std::string> add_days(std::string_view iso_date, int days) {
  const auto n = day_number(iso_date);
  if (!n) return std::nullopt;
  return civil_from_days(*n + days);
}

std::optional<int> days_between(std::string_view from, std::string_view to) {
  const auto a = day_number(from), b = day_number(to);
  if (!a || !b) return std::nullopt;
  return static_cast<int>(*b - *a);
}

}  // namespace logbook
