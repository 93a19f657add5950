// The search index's tokenizer, "logbook": FTS5's `porter unicode61 remove_diacritics 2`
// (English stems, case and accents folded) with two additions, so that the index finds
// what readers type:
//
// - Identifiers by their parts. A word written in camelCase or PascalCase
//   (getElementById, HTMLParser) is indexed whole and, at the same position, by each
//   part and by each tail of parts (get, element, by, id, elementbyid, byid), so
//   `element`, `ById` and `getElem` all find it. Words joined by punctuation (snake_case,
//   dotted.names, kebab-case, file.ext) are separate words already, and a query that
//   joins them the same way is a phrase of its parts (query_parser.hpp).
// - Chinese, Japanese and Korean without spaces. A run of Han, Hiragana, Katakana or
//   Hangul characters is indexed as its overlapping pairs (東京都 -> 東京 京都), and a
//   query's runs the same way, as a phrase: any word of two or more characters inside a
//   run matches, and a lone character matches itself only when the run is one character.
//
// Every connection that reads or writes the index registers it first (FTS5 looks the
// name up when the table is first used); the writer also passes a collector that
// records the words of each page for the vocabulary typo correction reads (search_db.hpp).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;

namespace logbook {

// The FTS5 `tokenize` option of every table that holds the index.
constexpr const char* kSearchTokenizer = "logbook";

// The words a build saw: for each word of 4 to 24 ASCII letters (as written, lowercased),
// in how many pages it occurs. Only the writer collects them.
struct VocabularyCollector {
  long long page = 0;  // the page being indexed: set before each insert
  struct Word {
    long long pages = 0;
    long long last_page = 0;
  };
  std::unordered_map<std::string, Word> words;
  void add(std::string_view word);
};

// Registers the tokenizer on db (with a collector when writing). "" or why it failed.
std::string register_search_tokenizer(sqlite3* db, VocabularyCollector* collect = nullptr);

// True for the characters indexed as pairs: Han, Hiragana, Katakana, Hangul.
bool is_cjk(char32_t cp);

}  // namespace logbook
