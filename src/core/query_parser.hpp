// Turns what a reader types into an FTS5 MATCH expression. Never fails: quotes that
// are not closed, lone operators and FTS5's own syntax characters are read as text.
//
//   deploy pages        both words (AND)
//   "clean urls"        the phrase
//   cache OR cdn        either word
//   -draft, NOT draft   without the word
//   worker_thr          the last word is a prefix while typing: matches worker_threads
//
// Filters narrow the pages by their metadata and combine with words (see kFilterKeys):
//   status:accepted type:decision tag:infra owner:ana after:2026-01-01 before:2026-07
//   owner:"Ana Lima"    a quoted value; -tag:draft excludes
// after: is inclusive, before: exclusive; partial dates (2026, 2026-03) mean their first day.
// A malformed filter (after:soon, status:) is dropped, never an error; an unknown key
// (http://x) is read as words.
#pragma once

#include <optional>
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

// The filter keys, in the order the palette suggests them.
inline constexpr const char* kFilterKeys[] = {"status", "type", "tag", "owner", "after", "before"};

struct QueryFilter {
  std::string key;    // one of kFilterKeys
  std::string value;  // lowercased for status and type; a full YYYY-MM-DD for after/before
  bool negated = false;
};

struct ParsedQuery {
  // Positive terms: every group must match; the terms inside a group are alternatives (OR).
  std::vector<std::vector<QueryTerm>> groups;
  std::vector<QueryTerm> excluded;
  std::vector<QueryFilter> filters;

  bool empty() const { return groups.empty(); }
  // The FTS5 expression, or "" when nothing positive was asked for.
  std::string to_fts5() const;
  // Its two parts: what must match ("a" AND ("b" OR "c")), and " NOT ..." for each exclusion.
  std::string positive_fts5() const;
  std::string excluded_fts5() const;
  // The plain words asked for (for highlighting), lowercased.
  std::vector<std::string> words() const;
};

ParsedQuery parse_query(std::string_view text);

// A filter from one typed token ("status:ac" -> {status, ac}); nullopt if the token is
// not a well-formed filter. Used by the parser and by the palette's suggestions.
std::optional<QueryFilter> parse_filter(std::string_view token);

}  // namespace logbook
