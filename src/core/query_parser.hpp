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
//
// Bounded (limits.hpp): the text is cut at kQueryBytes, control characters are spaces,
// a repeated word or filter counts once and at most kQueryTerms distinct ones are kept.
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

// The filter the reader is typing at the end of a query, for completions: "-tag:inf" is
// {"-", has_colon, "tag", "inf"}; "sta" is {"", no colon, "sta", ""}.
struct TypedFilter {
  std::string sign;        // "-" or "!" when the filter leaves pages out
  bool has_colon = false;  // the key is complete and its value is being typed
  std::string key;         // lower case; without a colon, the start of a key
  std::string value;       // lower case, an opening quote dropped
};

// nullopt when nothing is being typed: the query is empty or ends in a space.
std::optional<TypedFilter> typed_filter(std::string_view query);

// Completions of the typed filter, each a whole token for the end of the query: the keys
// that start with what was typed ("status:"), or, after the colon, the values that start
// with the typed value ("status:accepted", quoted when a value holds spaces).
std::vector<std::string> complete_filter_key(const TypedFilter& typed, int limit);
std::vector<std::string> complete_filter_value(const TypedFilter& typed, const std::vector<std::string>& values, int limit);

}  // namespace logbook
