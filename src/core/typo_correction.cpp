#include "typo_correction.hpp"

#include <algorithm>

#include "sqlite_util.hpp"
#include "utf8.hpp"

namespace logbook {

int allowed_edits(std::size_t length) { return length < 4 ? 0 : length < 7 ? 1 : 2; }

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const std::size_t n = a.size(), m = b.size();
  if (static_cast<int>(n > m ? n - m : m - n) > limit) return limit + 1;
  // Three rows of the table: two back for a swap, one back, this one.
  std::vector<int> before(m + 1), prev(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<int>(i);
    int best = row[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;  // every way on costs more
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return std::min(prev[m], limit + 1);
}

std::string closest_word(sqlite3* db, std::string_view word) {
  const int limit = allowed_edits(word.size());
  if (limit == 0) return {};
  sql::Statement q(db, "SELECT word, pages FROM vocab WHERE length = ?1 AND word >= ?2 AND word < ?3");
  if (!q.ok()) return {};
  std::string best;
  int best_distance = limit + 1;
  long long best_pages = 0;
  std::string firsts(1, word[0]);
  if (word[1] != word[0]) firsts += word[1];
  for (char first : firsts) {
    const std::string from(1, first), to(1, static_cast<char>(first + 1));
    for (int length = static_cast<int>(word.size()) - limit; length <= static_cast<int>(word.size()) + limit; ++length) {
      q.bind(1, static_cast<long long>(length)).bind(2, from).bind(3, to);
      while (q.step()) {
        const std::string candidate = q.text(0);
        const long long pages = q.integer(1);
        const int d = edit_distance(word, candidate, limit);
        if (d < best_distance || (d == best_distance && d <= limit && pages > best_pages)) {
          best = candidate;
          best_distance = d;
          best_pages = pages;
        }
      }
      sqlite3_reset(q.get());
    }
  }
  return best_distance <= limit ? best : std::string();
}

std::string replace_words(std::string_view query, const std::vector<std::pair<std::string, std::string>>& fixes) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    const std::size_t end = std::min(query.find(' ', i), query.size());
    const std::string word = lower_ascii(query.substr(i, end - i));
    const auto fix = std::find_if(fixes.begin(), fixes.end(), [&](const auto& f) { return f.first == word; });
    out += fix == fixes.end() ? std::string(query.substr(i, end - i)) : fix->second;
    if (end < query.size()) out += ' ';
    i = end + 1;
  }
  return out;
}

std::string literal_query(std::string_view typed, std::string_view corrected) {
  std::string out;
  std::size_t i = 0, j = 0;
  while (i <= typed.size()) {
    const std::size_t end = std::min(typed.find(' ', i), typed.size());
    const std::size_t other_end = std::min(corrected.find(' ', std::min(j, corrected.size())), corrected.size());
    const std::string_view word = typed.substr(i, end - i);
    const bool changed = j > corrected.size() || word != corrected.substr(std::min(j, corrected.size()), other_end - std::min(j, corrected.size()));
    out += changed && !word.empty() ? "\"" + std::string(word) + "\"" : std::string(word);
    if (end < typed.size()) out += ' ';
    i = end + 1;
    j = other_end + 1;
  }
  return out;
}

}  // namespace logbook
