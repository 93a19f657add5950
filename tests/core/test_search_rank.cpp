// Spec: hits are ranked by BM25 without FTS5's docsize table: a page's rowid carries its
// length as a class (search_rank.hpp), so ranking a common word reads nothing but the index.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "core/search_db.hpp"
#include "core/search_engine.hpp"
#include "core/search_rank.hpp"
#include "core/site.hpp"
#include "engine_fixture.hpp"

using namespace logbook;

using test::engine_for;

TEST_CASE("a rowid keeps the page's index and its length to within 9 %") {
  for (std::size_t tokens : {0u, 1u, 7u, 100u, 2500u, 40000u, 1000000u}) {
    const long long rowid = search_rowid(41, tokens);
    CHECK(page_index_of_rowid(rowid) == 41);
    const double length = tokens_of_rowid(rowid);
    CHECK(length >= 0.91 * static_cast<double>(tokens) - 0.5);
    CHECK(length <= 1.09 * static_cast<double>(tokens) + 0.5);
  }
  // A page whose length stays in its class keeps its rowid: an edit moves no other page.
  CHECK(search_rowid(7, 1000) == search_rowid(7, 1010));
  CHECK(search_rowid(7, 1000) != search_rowid(8, 1000));
}

TEST_CASE("tokens are counted as FTS5's unicode61 splits them") {
  CHECK(count_tokens("") == 0);
  CHECK(count_tokens("  ,.; ") == 0);
  CHECK(count_tokens("worker_threads use 2 CPUs.") == 5);
  CHECK(count_tokens("Café au lait") == 3);
  CHECK(count_tokens("東京都に住む") == 6);  // indexed as pairs: a token a character
  CHECK(count_tokens("see 東京 docs") == 4);
}

TEST_CASE("the database has no docsize table and ranks with logbook_rank") {
  const Site site = build_site({{"index.md", "# Home\n\nWelcome.\n"}});
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(write_search_database(db, site) == "");
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM sqlite_schema WHERE name = 'search_docsize'), "
                                 "(SELECT v FROM search_config WHERE k = 'rank')", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == 0);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 1))) == "logbook_rank(10.0, 4.0, 1.0)");
  sqlite3_finalize(st);
  // A connection without the function cannot order by rank; the engine registers it.
  REQUIRE(sqlite3_prepare_v2(db, "SELECT rowid FROM search WHERE search MATCH 'welcome' ORDER BY rank", -1, &st, nullptr) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ERROR);
  sqlite3_finalize(st);
  SearchEngine engine(db);
  CHECK(engine.open_error() == "");
  CHECK(engine.search("welcome").hits.size() == 1);
}

TEST_CASE("length still counts: of two pages that mention a word once, the shorter ranks first") {
  std::string filler;
  for (int i = 0; i < 400; ++i) filler += "lorem ipsum dolor sit amet ";
  // The long page comes first in the site, so a tie would put it first.
  const auto engine = engine_for({
      {"a-long.md", "# Alpha\n\nThe quasar note. " + filler + "\n"},
      {"b-short.md", "# Beta\n\nThe quasar note.\n"},
  });
  const SearchResult r = engine->search("quasar");
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].path == "b-short.md");
  CHECK(r.hits[0].score < r.hits[1].score);  // lower is better, as FTS5's rank
}

TEST_CASE("more mentions rank higher, and a rarer word weighs more") {
  const auto engine = engine_for({
      {"one.md", "# One\n\nquasar pulsar.\n"},
      {"two.md", "# Two\n\nquasar quasar pulsar.\n"},
      {"three.md", "# Three\n\npulsar here.\n"},
  });
  const SearchResult r = engine->search("quasar");
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].path == "two.md");
  // "quasar" (in 2 of 3 pages) outweighs "pulsar" (in all 3) for the page holding both.
  const SearchResult either = engine->search("quasar OR pulsar");
  REQUIRE(either.hits.size() == 3);
  CHECK(either.hits.back().path == "three.md");
}
