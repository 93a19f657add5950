// Turns what a reader types into an FTS5 MATCH expression. Never fails: quotes that
// are not closed, lone operators and FTS5's own syntax characters are read as text.
//
//   deploy pages        both words (AND)
//   "clean urls"        the phrase
//   cache OR cdn        either word
//   -draft, NOT draft   without the word
//   worker_thr          the last word is a prefix while typing: matches worker_threads
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace logbook {

struct QueryTerm {
  std::string text;     // the words of the term, as typed (no quotes)
  bool phrase = false;  // was quoted
  bool prefix = false;  // match words that start with the last word
  bool negated = false;
};

struct ParsedQuery {
  // Positive terms: every group must match; the terms inside a group are alternatives (OR).
  std::vector<std::vector<QueryTerm>> groups;
  std::vector<QueryTerm> excluded;

  bool empty() const { return groups.empty(); }
  // The FTS5 expression, or "" when nothing positive was asked for.
  std::string to_fts5() const;
  // The plain words asked for (for highlighting), lowercased.
  std::vector<std::string> words() const;
};

ParsedQuery parse_query(std::string_view text);

}  // namespace logbook
