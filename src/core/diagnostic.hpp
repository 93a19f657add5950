// Diagnostics: what the core reports about content instead of throwing.
// Every finding names the file (relative to the content folder), a 1-based line
// and column where known (0 = unknown), and a message that says how to fix it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace logbook {

enum class Severity { warning, error };

struct Diagnostic {
  Severity severity = Severity::warning;
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
};

// "guides/setup.md:12:3: warning: ..." (the format compilers use, so editors link it).
std::string format_diagnostic(const Diagnostic& d);

using Diagnostics = std::vector<Diagnostic>;

// For "did you mean": the one of `names` closest to `typed` (ignoring ASCII case) within
// a few edits (one per four letters, at most three), or "" when none is that close.
// Each comparison is bounded (names longer than kLongestSuggested are skipped), so a
// caller that asks a fixed number of times stays linear in the number of names.
constexpr std::size_t kLongestSuggested = 80;
std::string closest_name(std::string_view typed, const std::vector<std::string_view>& names);
// Edits from a to b (insert, delete, replace, swap two neighbours), case-sensitive; it
// costs a.size() * b.size(), so callers bound both (kLongestSuggested).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace logbook
