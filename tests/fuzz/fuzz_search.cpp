// libFuzzer target: what a reader types into search. The project's own content/ is
// built once into an in-memory search database; each input is a query for the parser
// (FTS5 expression, typed filter, completions), for the engine (results), and for the
// messages that carry both between the page and the worker (search_wire.hpp), and is
// read as such a message itself. A query never fails for its syntax, never takes the
// engine down, and every message reads back equal to what was written.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "core/decision.hpp"
#include "core/query_parser.hpp"
#include "core/search_db.hpp"
#include "core/search_engine.hpp"
#include "core/search_wire.hpp"
#include "core/site.hpp"
#include "core/utf8.hpp"

namespace {

std::unique_ptr<logbook::SearchEngine> engine;
std::map<std::string, std::string> source_of;  // path -> the page's Markdown (its index.md)

std::vector<logbook::SourceFile> read_content(const std::filesystem::path& root) {
  std::vector<logbook::SourceFile> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || !logbook::is_markdown_path(entry.path().string())) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files.push_back({std::filesystem::relative(entry.path(), root).generic_string(),
                     {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}});
  }
  return files;
}

// The query and its answer cross to the page and back unchanged (text that is not UTF-8
// comes back with U+FFFD: such a query is not compared, an answer is compared as JSON), and the input read as a
// message is an error or a message, never a crash.
void check_wire(std::string_view query, const logbook::SearchResult& result) {
  const logbook::SearchRequest request{.id = 1, .query = std::string(query), .limit = 20};
  logbook::SearchAnswer answer{.id = 1, .hits = {}, .error = result.error, .millis = 0.5, .corrected = result.corrected};
  for (const logbook::SearchHit& h : result.hits) answer.hits.push_back({h.path, h.url, h.title, h.section, h.snippet, h.missing, h.marked_title, h.decision, h.status, h.date});
  logbook::SearchRequest request_back;
  logbook::SearchAnswer answer_back;
  if (!logbook::from_json(logbook::to_json(request), request_back).empty() ||
      !logbook::from_json(logbook::to_json(answer), answer_back).empty())
    __builtin_trap();
  if (!logbook::find_invalid_utf8(query) && !(request_back == request)) __builtin_trap();
  if (logbook::to_json(answer_back) != logbook::to_json(answer)) __builtin_trap();
  (void)logbook::from_json(query, request_back);
  (void)logbook::from_json(query, answer_back);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const logbook::Site site = logbook::build_site(read_content(LOGBOOK_SOURCE_DIR "/content"));
  const logbook::SiteConfig config;
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  const std::string error = logbook::write_search_database(db, site, logbook::extract_decisions(site, config), config);
  engine = std::make_unique<logbook::SearchEngine>(db);
  for (const logbook::Page& p : site.pages) source_of[p.path] = p.source;
  if (!error.empty() || !engine->open_error().empty() || site.pages.size() < 10) __builtin_trap();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  const logbook::ParsedQuery parsed = logbook::parse_query(query);
  (void)parsed.to_fts5();
  (void)parsed.words();
  if (const auto typed = logbook::typed_filter(query)) {
    (void)logbook::complete_filter_key(*typed, 8);
    (void)logbook::complete_filter_value(*typed, {"accepted", "proposed", "Ana Lima"}, 8);
  }
  logbook::SearchResult result = engine->search(query, 20);
  // Step two, as the worker does it: snippets of the shown hits from their Markdown.
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < result.hits.size() && i < 8; ++i) shown.push_back(source_of[result.hits[i].path]);
  logbook::make_snippets(result, shown);
  // Queries never fail for their syntax: an FTS5 error here is a parser bug.
  if (!result.error.empty()) {
    std::fprintf(stderr, "fuzz_search: the engine failed on the query: %s\n", result.error.c_str());
    __builtin_trap();
  }
  for (const logbook::SearchHit& hit : result.hits) (void)logbook::render_snippet(hit.snippet, "<mark>", "</mark>", true);
  check_wire(query, result);
  return 0;
}
