// Spec: what a reader types becomes a safe FTS5 expression. Never an error.
#include <doctest/doctest.h>

#include "core/limits.hpp"
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

TEST_CASE("a repeated word counts once") {
  std::string pasted;
  for (int i = 0; i < 4000; ++i) pasted += "deploy ";
  CHECK(fts(pasted) == "\"deploy\"");
  CHECK(fts("Deploy deploy OR deploy -x -x ") == "\"Deploy\" NOT \"x\"");
  CHECK(fts("x x OR y ") == "\"x\"");  // x, and x or y: x
  CHECK(fts("x OR x OR y x ") == "(\"x\" OR \"y\") AND \"x\"");
}

TEST_CASE("at most kQueryTerms distinct terms and filters are kept") {
  std::string pasted;
  for (int i = 0; i < 100; ++i) pasted += "w" + std::to_string(i) + " tag:t" + std::to_string(i) + " ";
  const ParsedQuery q = parse_query(pasted);
  CHECK(q.groups.size() + q.filters.size() + q.excluded.size() == limits::kQueryTerms);
  CHECK(q.groups.front().front().text == "w0");
}

TEST_CASE("a query is cut at kQueryBytes, before the word the limit falls in") {
  const std::string word = "x" + std::string(limits::kQueryBytes - 2, 'b');
  const ParsedQuery one_word = parse_query(word + "é more");  // é's two bytes straddle the cut
  REQUIRE(one_word.groups.size() == 1);
  CHECK(one_word.groups[0][0].text == word);
  const std::string words = "first " + std::string(limits::kQueryBytes - 10, 'b') + " straddling";
  CHECK(parse_query(words).to_fts5() == "\"first\" AND \"" + std::string(limits::kQueryBytes - 10, 'b') + "\"");
}

TEST_CASE("NUL and other control characters are spaces") {
  CHECK(fts(std::string_view("deploy\0pages\x01 ", 14)) == "\"deploy\" AND \"pages\"");
  CHECK(fts(std::string_view("\"clean\0urls\"", 12)) == "\"clean urls\"");
}
