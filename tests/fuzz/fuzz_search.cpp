// libFuzzer target: what a reader types into search. The project's own content/ is
// built once into an in-memory search database; each input is a query for the parser
// (FTS5 expression, typed filter, completions) and for the engine (results, filter
// suggestions). A query never fails for its syntax, and never takes the engine down.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "core/decision.hpp"
#include "core/query_parser.hpp"
#include "core/search_db.hpp"
#include "core/search_engine.hpp"
#include "core/site.hpp"

namespace {

std::unique_ptr<logbook::SearchEngine> engine;

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

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const logbook::Site site = logbook::build_site(read_content(LOGBOOK_SOURCE_DIR "/content"));
  const logbook::SiteConfig config;
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  const std::string error = logbook::write_search_database(db, site, logbook::extract_decisions(site, config), config);
  engine = std::make_unique<logbook::SearchEngine>(db);
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
  const logbook::SearchResult result = engine->search(query, 20);
  // Queries never fail for their syntax: an FTS5 error here is a parser bug.
  if (!result.error.empty()) {
    std::fprintf(stderr, "fuzz_search: the engine failed on the query: %s\n", result.error.c_str());
    __builtin_trap();
  }
  for (const logbook::SearchHit& hit : result.hits) (void)logbook::render_snippet(hit.snippet, "<mark>", "</mark>", true);
  (void)engine->suggest_filters(query, 8);
  return 0;
}
