// Spec: the search index's tokenizer finds identifiers by their parts and Chinese,
// Japanese and Korean words inside runs of characters written without spaces.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/search_tokenizer.hpp"

using namespace logbook;

namespace {

// An FTS5 table with the tokenizer over one column; each text is a row (rowid from 1).
struct Index {
  sqlite3* db = nullptr;
  VocabularyCollector vocabulary;
  explicit Index(const std::vector<std::string>& texts) {
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    REQUIRE(register_search_tokenizer(db, &vocabulary) == "");
    REQUIRE(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'logbook')", nullptr, nullptr, nullptr) == SQLITE_OK);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      vocabulary.page = static_cast<long long>(i + 1);
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(db, "INSERT INTO t(rowid, x) VALUES(?1, ?2)", -1, &st, nullptr);
      sqlite3_bind_int64(st, 1, static_cast<long long>(i + 1));
      sqlite3_bind_text(st, 2, texts[i].data(), static_cast<int>(texts[i].size()), SQLITE_TRANSIENT);
      REQUIRE(sqlite3_step(st) == SQLITE_DONE);
      sqlite3_finalize(st);
    }
  }
  ~Index() { sqlite3_close(db); }
  // The rows an FTS5 expression matches, in rowid order.
  std::vector<long long> match(const std::string& expression) const {
    std::vector<long long> out;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, expression.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) out.push_back(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    return out;
  }
  std::string highlight(const std::string& expression, long long row) const {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 AND rowid = ?2", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, expression.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, row);
    std::string out = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
    sqlite3_finalize(st);
    return out;
  }
};

using Rows = std::vector<long long>;

}  // namespace

TEST_CASE("camelCase and PascalCase identifiers are found whole, by their parts, by their tails and by a prefix") {
  const Index ix({"Call document.getElementById(id) here.", "The HTMLParser class.", "Nothing like it."});
  for (std::string q : {"getElementById", "getelementbyid", "element", "Element", "elementById", "ById", "\"getElem\"*",
                        "\"document.getElementById\"", "\"getElementById id here\""}) {
    CAPTURE(q);
    CHECK(ix.match(q) == Rows{1});
  }
  CHECK(ix.match("html") == Rows{2});
  CHECK(ix.match("parser") == Rows{2});
  CHECK(ix.match("htmlparser") == Rows{2});
  CHECK(ix.match("\"call document\"") == Rows{1});  // positions after an identifier are kept
  CHECK(ix.highlight("element", 1) == "Call document.[getElementById](id) here.");
}

TEST_CASE("snake_case, dotted.names, kebab-case and file.ext are phrases of their parts, prefixes as typed") {
  const Index ix({"Set max_connections to 10.", "Use fs.readFile or fs.writeFile.", "Edit tsconfig.json first.",
                  "The kebab-case-name option."});
  CHECK(ix.match("\"max_connections\"") == Rows{1});
  CHECK(ix.match("\"max_conn\"*") == Rows{1});
  CHECK(ix.match("connections") == Rows{1});
  CHECK(ix.match("\"fs.read\"*") == Rows{2});
  CHECK(ix.match("readFile") == Rows{2});
  CHECK(ix.match("\"tsconfig.j\"*") == Rows{3});
  CHECK(ix.match("\"kebab-case\"") == Rows{4});
}

TEST_CASE("CJK runs are indexed as overlapping pairs: any word of two or more characters inside a run matches") {
  const Index ix({"東京都は日本の首都です。", "データベースを検索する", "한국어 데이터베이스를 검색합니다", "京"});
  CHECK(ix.match("東京") == Rows{1});
  CHECK(ix.match("京都") == Rows{1});
  CHECK(ix.match("日本") == Rows{1});
  CHECK(ix.match("首都") == Rows{1});
  CHECK(ix.match("日本の首都") == Rows{1});
  CHECK(ix.match("首都日本").empty());  // the pairs must follow each other as in the query
  CHECK(ix.match("データベース") == Rows{2});
  CHECK(ix.match("検索") == Rows{2});
  CHECK(ix.match("데이터베이스") == Rows{3});
  CHECK(ix.match("검색") == Rows{3});
  CHECK(ix.match("京") == Rows{4});  // a run of one character is itself
  CHECK(ix.highlight("首都", 1) == "東京都は日本の[首都]です。");
  CHECK(ix.highlight("京都", 1) == "東[京都]は日本の首都です。");
}

TEST_CASE("a token mixing scripts: the Latin part stays a word, the CJK part becomes pairs") {
  const Index ix({"iPhone用のアプリ", "Logbookで検索"});
  CHECK(ix.match("iphone") == Rows{1});
  CHECK(ix.match("phone") == Rows{1});
  CHECK(ix.match("アプリ") == Rows{1});
  CHECK(ix.match("logbook") == Rows{2});
  CHECK(ix.match("検索") == Rows{2});
}

TEST_CASE("the vocabulary counts the pages of each word of 4 to 24 ASCII letters, as written") {
  const Index ix({"Search the database. Searching databases.", "search again", "x abc 東京 tooooooooooooooooooooolongword"});
  const auto& w = ix.vocabulary.words;
  REQUIRE(w.count("search"));
  CHECK(w.at("search").pages == 2);
  CHECK(w.at("searching").pages == 1);
  CHECK(w.count("databases") == 1);
  CHECK(w.count("abc") == 0);
  CHECK(w.count("tooooooooooooooooooooolongword") == 0);
}

TEST_CASE("hostile input: long identifiers and long CJK runs cost time in proportion to their size") {
  std::string camel, cjk;
  for (int i = 0; i < 20000; ++i) camel += "aB";
  for (int i = 0; i < 20000; ++i) cjk += "漢字";
  const auto start = std::chrono::steady_clock::now();
  const Index ix({camel + " " + cjk});
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CHECK(ms < 2000);
  CHECK(ix.match("漢字") == Rows{1});
  CHECK(ix.match("ab").empty());  // too many parts to be a name: the word alone
}
