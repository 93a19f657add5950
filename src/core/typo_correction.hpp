// Typo correction: a query word that matches no page is compared with the words of the
// site (the search database's vocab table, search_db.hpp) and replaced by the closest,
// the most common among equals. Only when the word matched nothing: a word that matches
// is never corrected, nor a phrase, nor an exclusion (search_engine.cpp decides which).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;

namespace logbook {

// Edits a word of this many letters may need to be corrected: none up to 3 letters (too
// many short words are one edit apart), 1 up to 6, then 2.
int allowed_edits(std::size_t length);

// Damerau-Levenshtein distance (optimal string alignment: swapping two neighbouring
// letters is one edit), or limit + 1 when it is more than limit.
int edit_distance(std::string_view a, std::string_view b, int limit);

// The site's word closest to `word` (lower-case ASCII letters) within allowed_edits, or
// "" when there is none. Reads the vocab rows of words starting with the word's first or
// second letter (a swapped first pair) and of lengths within reach: a few pieces.
std::string closest_word(sqlite3* db, std::string_view word);

// The query with each whole word equal (ignoring ASCII case) to a fix's first replaced
// by its second; everything else as typed.
std::string replace_words(std::string_view query, const std::vector<std::pair<std::string, std::string>>& fixes);

// The way back from a correction: the typed query with each word the correction changed
// quoted, so that it is searched as typed ("serch database" -> "\"serch\" database").
std::string literal_query(std::string_view typed, std::string_view corrected);

}  // namespace logbook
