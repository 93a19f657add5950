// Spec: a misspelt word is corrected to the closest word of the site, within an edit
// distance that grows with the word's length.
#include <doctest/doctest.h>

#include "core/typo_correction.hpp"

using namespace logbook;

TEST_CASE("edit distance counts a swap of neighbouring letters as one edit") {
  CHECK(edit_distance("search", "search", 2) == 0);
  CHECK(edit_distance("serch", "search", 2) == 1);     // a letter left out
  CHECK(edit_distance("saerch", "search", 2) == 1);    // two letters swapped
  CHECK(edit_distance("databse", "database", 2) == 1);
  CHECK(edit_distance("dtaabase", "database", 2) == 1);
  CHECK(edit_distance("kitten", "sitting", 2) == 3);   // beyond the limit: limit + 1
  CHECK(edit_distance("a", "abcdef", 2) == 3);
}

TEST_CASE("the edits allowed grow with the word's length; short words are never corrected") {
  CHECK(allowed_edits(3) == 0);
  CHECK(allowed_edits(4) == 1);
  CHECK(allowed_edits(6) == 1);
  CHECK(allowed_edits(7) == 2);
  CHECK(allowed_edits(20) == 2);
}

TEST_CASE("replace_words replaces whole words only, keeping the rest as typed") {
  CHECK(replace_words("serch databse", {{"serch", "search"}, {"databse", "database"}}) == "search database");
  CHECK(replace_words("Serch -serch status:serch ", {{"serch", "search"}}) == "search -serch status:serch ");
}

TEST_CASE("the way back from a correction quotes the words it changed") {
  CHECK(literal_query("serch databse", "search database") == "\"serch\" \"databse\"");
  CHECK(literal_query("serch database ", "search database ") == "\"serch\" database ");
  CHECK(literal_query("tag:ops serch", "tag:ops search") == "tag:ops \"serch\"");
}
