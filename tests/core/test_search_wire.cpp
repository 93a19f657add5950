// Spec: the page and its search worker exchange typed, versioned messages. Whatever
// one side writes the other reads back equal; anything else is a clear message, never
// an exception.
#include <doctest/doctest.h>

#include <string>

#include "core/search_engine.hpp"
#include "core/search_wire.hpp"

using namespace logbook;
using namespace std::string_literals;

namespace {

template <typename T>
T round_trip(const T& value) {
  T back;
  const std::string error = from_json(to_json(value), back);
  CHECK_MESSAGE(error.empty(), error);
  return back;
}

SearchAnswer answer_with(std::string snippet) {
  SearchAnswer a{.id = 12, .hits = {}, .error = "", .millis = 0.75, .corrected = ""};
  a.hits.push_back({"guides/setup.md", "/guides/setup/", "Setup", "Guides › Start", std::move(snippet), "", "\x02" "Set\x03up", "", "", ""});
  return a;
}

}  // namespace

TEST_CASE("a request reads back equal to what the page wrote") {
  const SearchRequest plain{.id = 7, .query = "deploy tag:infra", .limit = 20};
  CHECK(round_trip(plain) == plain);
  const SearchRequest api{.id = -3, .query = "\"clean ur", .limit = 1};  // the automation API counts down
  CHECK(round_trip(api) == api);
  const SearchRequest hostile{.id = 2147483647, .query = "a\0b\x01\"\\</script>\u00e9\u4e2d\U0001F600"s, .limit = 0};
  CHECK(round_trip(hostile) == hostile);  // NUL, controls, quotes, backslashes, any script
}

TEST_CASE("an answer reads back equal to what the worker wrote") {
  const SearchAnswer hits = answer_with(std::string(1, kMarkOpen) + "Déploiement" + kMarkClose + " 部署 ✓");
  CHECK(round_trip(hits) == hits);
  const SearchAnswer none{.id = 1, .hits = {}, .error = "search failed: database disk image is malformed", .millis = 0, .corrected = ""};
  CHECK(round_trip(none) == none);
  SearchAnswer many = answer_with("x");
  for (int i = 0; i < 50; ++i) many.hits.push_back({"p" + std::to_string(i) + ".md", "/p/", "P", "", "s", i % 2 ? "serch" : "", "", "ADR-0001", "accepted", "2026-01-04"});
  many.millis = 1.0 / 3.0;  // doubles survive exactly
  many.corrected = "search database";
  CHECK(round_trip(many) == many);
}

TEST_CASE("the page's texts for snippets read back equal, in the hits' order") {
  SearchTexts texts{.id = 9, .texts = {}};
  texts.texts.push_back({"Setup", "Install\nsetup", "Run the script. \"Quoted\" </script> \u00e9 \u4e2d"});
  texts.texts.push_back({});  // a page that could not be read: no snippet, its place kept
  texts.texts.push_back({"Other", "", "body"});
  CHECK(round_trip(texts) == texts);
  SearchTexts read{.id = 1, .texts = {{"kept", "", ""}}};
  const SearchTexts before = read;
  CHECK(from_json(R"({"format": "logbook-search-texts", "version": 3, "id": 1, "texts": [{"title": "t"}]})", read) ==
        "The snippet texts message is malformed: \"texts\" is not a list of texts with title, headings and body; reload the page.");
  CHECK(from_json(to_json(SearchRequest{}), read) == "The message is not a snippet texts message; reload the page.");
  CHECK(read == before);
}

TEST_CASE("invalid UTF-8 in a snippet is replaced, never thrown") {
  // FTS5 cuts snippets by bytes, so a snippet can end inside a character.
  const SearchAnswer cut = answer_with("caf\xc3");
  std::string json;
  CHECK_NOTHROW(json = to_json(cut));
  SearchAnswer back;
  REQUIRE(from_json(json, back).empty());
  CHECK(back.hits[0].snippet == "caf\xef\xbf\xbd");  // U+FFFD
  const SearchRequest odd{.id = 1, .query = "\xff\xfe", .limit = 5};
  SearchRequest read;
  REQUIRE(from_json(to_json(odd), read).empty());
  CHECK(read.query == "\xef\xbf\xbd\xef\xbf\xbd");
}

TEST_CASE("a message of another version asks for a reload") {
  SearchAnswer a;
  // Today's page meeting yesterday's worker (no version) and tomorrow's.
  CHECK(from_json(R"({"hits": [], "error": ""})", a) ==
        "The search answer has format version 0, this app reads version 3; reload the page.");
  CHECK(from_json(R"({"format": "logbook-search-answer", "version": 4, "id": 1, "hits": "changed"})", a) ==
        "The search answer has format version 4, this app reads version 3; reload the page.");
  SearchRequest r;
  CHECK(from_json(R"({"format": "logbook-search-request", "version": 2, "id": 1})", r) ==
        "The search request has format version 2, this search worker reads version 3; reload the page.");
}

TEST_CASE("a malformed message says what is wrong and leaves the value alone") {
  SearchAnswer a = answer_with("kept");
  const SearchAnswer before = a;
  CHECK(from_json("", a) == "The search answer is not a JSON object; reload the page.");
  CHECK(from_json("{\"hits\": [", a) == "The search answer is not a JSON object; reload the page.");
  CHECK(from_json("[1, 2]", a) == "The search answer is not a JSON object; reload the page.");
  CHECK(from_json(to_json(SearchRequest{}), a) == "The message is not a search answer; reload the page.");
  const std::string head = R"({"format": "logbook-search-answer", "version": 3, )";
  CHECK(from_json(head + R"("id": "7", "error": "", "millis": 0, "hits": []})", a) ==
        "The search answer is malformed: \"id\" is not a whole number; reload the page.");
  CHECK(from_json(head + R"("id": 4294967296, "error": "", "millis": 0, "hits": []})", a) ==
        "The search answer is malformed: \"id\" is not a whole number; reload the page.");
  CHECK(from_json(head + R"("id": 1, "error": null, "millis": 0, "hits": []})", a) ==
        "The search answer is malformed: \"error\" is not a string; reload the page.");
  CHECK(from_json(head + R"("id": 1, "error": "", "millis": "1", "hits": []})", a) ==
        "The search answer is malformed: \"millis\" is not a number; reload the page.");
  CHECK(from_json(head + R"("id": 1, "error": "", "millis": 0, "corrected": "", "hits": [{"path": 1}]})", a) ==
        "The search answer is malformed: \"hits\" is not a list of hits with path, url, title, section, snippet, missing, marked_title, decision, status and date; reload the page.");
  CHECK(a == before);
  SearchRequest r{.id = 5, .query = "kept", .limit = 3};
  CHECK(from_json(R"({"format": "logbook-search-request", "version": 3, "id": 1, "query": 2, "limit": 3})", r) ==
        "The search request is malformed: \"query\" is not a string; reload the page.");
  CHECK(from_json(R"({"format": "logbook-search-request", "version": 3, "id": 1, "query": "q", "limit": 1.5})", r) ==
        "The search request is malformed: \"limit\" is not a whole number; reload the page.");
  CHECK(r == SearchRequest{.id = 5, .query = "kept", .limit = 3});
}

TEST_CASE("no text makes reading a message throw") {
  SearchAnswer a;
  SearchRequest r;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const std::string& text : {std::string("\xff\xfe{"), std::string("{\"version\": 1e400}"), "nul\0l"s, deep,
                                  std::string(R"({"format": "logbook-search-answer", "version": 3, "id": 1, "error": "", "millis": 0, "hits": [null]})")}) {
    CHECK_NOTHROW((void)from_json(text, a));
    CHECK_NOTHROW((void)from_json(text, r));
    CHECK_FALSE(from_json(text, a).empty());
  }
}
