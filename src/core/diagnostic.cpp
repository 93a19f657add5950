#include "diagnostic.hpp"

#include <algorithm>

#include "utf8.hpp"

namespace logbook {

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  out += d.message;
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Row by row, where swapping two neighbours ("Setpu") is one edit.
  std::vector<std::size_t> row(b.size() + 1), prev(b.size() + 1), before(b.size() + 1, 0);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return prev[b.size()];
}

std::string closest_name(std::string_view typed, const std::vector<std::string_view>& names) {
  if (typed.empty() || typed.size() > kLongestSuggested) return {};
  const std::string a = lower_ascii(typed);
  const std::size_t limit = std::clamp<std::size_t>(a.size() / 4, 1, 3);
  std::size_t best_distance = limit + 1;
  std::string_view best;
  for (std::string_view name : names) {
    if (name.size() > kLongestSuggested || name.size() + limit < a.size() || a.size() + limit < name.size()) continue;
    const std::string b = lower_ascii(name);
    if (b == a) continue;  // the same name is no suggestion
    const std::size_t d = edit_distance(a, b);
    if (d < best_distance) best_distance = d, best = name;
  }
  return std::string(best);
}

}  // namespace logbook
