// Spec: what a reader types becomes a safe FTS5 expression. Never an error.
#include <doctest/doctest.h>

#include "core/query_parser.hpp"

using namespace logbook;

namespace {
std::string fts(std::string_view q) { return parse_query(q).to_fts5(); }
}

TEST_CASE("words must all match; the last one is a prefix while typing") {
  CHECK(fts("deploy pages") == "\"deploy\" AND \"pages\"*");
  CHECK(fts("deploy pages ") == "\"deploy\" AND \"pages\"");
}

TEST_CASE("a word joined by punctuation stays one prefix phrase") {
  CHECK(fts("worker_thr") == "\"worker_thr\"*");
}

TEST_CASE("quoted phrases, closed and still being typed") {
  CHECK(fts("\"clean urls\" build") == "\"clean urls\" AND \"build\"*");
  CHECK(fts("\"clean urls\"") == "\"clean urls\"");
  CHECK(fts("\"clean ur") == "\"clean ur\"*");
}

TEST_CASE("OR joins alternatives; AND is implied") {
  CHECK(fts("cache OR cdn deploy ") == "(\"cache\" OR \"cdn\") AND \"deploy\"");
  CHECK(fts("a AND b ") == "\"a\" AND \"b\"");
  CHECK(fts("or ") == "\"or\"");  // lowercase 'or' is a word
}

TEST_CASE("exclusions with - or NOT") {
  CHECK(fts("deploy -draft") == "\"deploy\" NOT \"draft\"");
  CHECK(fts("deploy NOT draft") == "\"deploy\" NOT \"draft\"");
  CHECK(fts("deploy -\"old docs\"") == "\"deploy\" NOT \"old docs\"");
  CHECK(fts("-draft") == "");  // nothing positive asked for: no results, no error
}

TEST_CASE("malformed input is read sensibly") {
  CHECK(fts("") == "");
  CHECK(fts("   ") == "");
  CHECK(fts("OR") == "");
  CHECK(fts("OR OR deploy ") == "\"deploy\"");
  CHECK(fts("deploy OR") == "\"deploy\"");
  CHECK(fts("\"") == "");
  CHECK(fts("- -- ***") == "");
  CHECK(fts("a\"b ") == "\"a\" AND \"b\"");
  CHECK(fts("title:foo ") == "\"title:foo\"");      // no column filters from readers
  CHECK(fts("NEAR(a b) ") == "\"NEAR(a\" AND \"b)\"");
  CHECK(fts("c++ ") == "\"c++\"");
  CHECK(fts("say \"\"hi\"\" ") == "\"say\" AND \"hi\"");
}

TEST_CASE("non-ASCII words are words") {
  CHECK(fts("café ") == "\"café\"");
  CHECK(fts("東京") == "\"東京\"*");
}

TEST_CASE("words() lists what to highlight, lowercased and split like the index") {
  const auto w = parse_query("Worker_Threads \"Clean URLs\" -draft").words();
  CHECK(w == std::vector<std::string>{"worker", "threads", "clean", "urls"});
}

TEST_CASE("the filter being typed at the end of a query is read for completions") {
  const auto t = typed_filter("deploy -Tag:\"Inf");
  REQUIRE(t);
  CHECK(t->sign == "-");
  CHECK(t->has_colon);
  CHECK(t->key == "tag");
  CHECK(t->value == "inf");
  CHECK_FALSE(typed_filter("deploy "));  // nothing being typed
  CHECK_FALSE(typed_filter(""));
  const auto key = typed_filter("sta");
  REQUIRE(key);
  CHECK_FALSE(key->has_colon);
  CHECK(complete_filter_key(*key, 5) == std::vector<std::string>{"status:"});
  CHECK(complete_filter_value(*t, {"infra", "Inference engine", "ops"}, 5) ==
        std::vector<std::string>{"-tag:infra", "-tag:\"Inference engine\""});
}
