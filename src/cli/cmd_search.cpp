// logbook search SITE_DIR QUERY WORDS... [--json] [--limit N]
//
// Every word after SITE_DIR that is not one of the options is part of the query, as
// written and in order: `logbook search _site -draft` excludes "draft" (a word starting
// with '-' is an exclusion, not an option). Only the options' own names are not words.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "core/published_site.hpp"
#include "core/search_engine.hpp"
#include "site_files.hpp"

namespace logbook::cli {

namespace {

struct SearchOptions {
  std::filesystem::path site_dir;
  std::string query;
  bool json = false;
  bool stats = false;
  int read_ahead = kReadAhead;
  int limit = 10;
};

// The engine over the site's search pieces, named by its manifest; nullptr after saying why.
std::unique_ptr<SearchEngine> open_site(const std::filesystem::path& site_dir, int read_ahead) {
  const FetchFiles read = site_file_reader(site_dir);
  const std::optional<std::string> manifest = read({"manifest.json"})[0];
  PublishedSite published;
  std::string error = manifest ? read_manifest(*manifest, published) : "manifest.json not found";
  if (error.empty() && published.search.list.empty()) error = "manifest.json names no search database";
  if (!error.empty()) {
    std::cerr << "logbook search: " << site_dir.string() << ": " << error << "; build the site first with `logbook build -o "
              << site_dir.string() << "`.\n";
    return nullptr;
  }
  auto engine = SearchEngine::from_site(published.search.list, read, read_ahead);
  if (!engine->open_error().empty()) {
    std::cerr << "logbook search: " << site_dir.string() << ": " << engine->open_error() << '\n';
    return nullptr;
  }
  return engine;
}

// What the query read, for the bench and the curious: pieces, their bytes, and which.
void print_stats(SearchEngine& engine) {
  const PieceFile& pieces = *engine.pieces();
  std::uint64_t bytes = 0;
  std::string which;
  for (int i : pieces.fetched()) {
    bytes += pieces.list().piece_size(i);
    which += (which.empty() ? "" : " ") + std::to_string(i);
  }
  std::cerr << "pieces: " << pieces.fetched().size() << " of " << pieces.list().pieces.size() << ", " << bytes
            << " bytes (files fetched: " << pieces.fetched_file_bytes() << " bytes) in " << pieces.batches() << " batches, opening " << pieces.list().opening.size() << ": " << which << '\n';
}

int run_search(const SearchOptions& o) {
  const std::unique_ptr<SearchEngine> engine = open_site(o.site_dir, o.read_ahead);
  if (!engine) return 2;
  // The shown hits' snippets come from their index.md, as in the browser.
  const SearchResult result = engine->search_with_snippets(o.query, o.limit, o.limit);
  if (o.stats) print_stats(*engine);
  if (!result.error.empty()) {
    std::cerr << "logbook search: " << result.error << '\n';
    return 2;
  }
  if (o.json) {
    auto out = nlohmann::json::array();
    for (const SearchHit& h : result.hits) {
      out.push_back({{"title", h.title}, {"path", h.path}, {"url", h.url}, {"section", h.section},
                     {"snippet", render_snippet(h.snippet, "<mark>", "</mark>", true)}, {"score", h.score},
                     {"date", h.date}, {"status", h.status}});
      // A misspelt query is answered for its correction; a hit lacking words says which.
      if (!result.corrected.empty()) out.back()["corrected"] = result.corrected;
      if (!h.missing.empty()) out.back()["missing"] = h.missing;
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
  }
  const bool tty = isatty(STDOUT_FILENO) != 0;
  if (result.hits.empty()) std::cout << "No pages match \"" << o.query << "\".\n";
  if (!result.corrected.empty())
    std::cout << "Showing results for \"" << result.corrected << "\" (quote a word to search for it as typed).\n\n";
  for (const SearchHit& h : result.hits) {
    std::cout << (tty ? "\033[1m" : "") << h.title << (tty ? "\033[0m" : "") << "  " << h.url << "  (" << h.path << ")"
              << (h.missing.empty() ? "" : "  missing: " + h.missing) << '\n';
    std::cout << "  " << render_snippet(h.snippet, tty ? "\033[1;33m" : "[", tty ? "\033[0m" : "]", false) << "\n\n";
  }
  return 0;
}

}  // namespace

void add_search_command(CLI::App& app, Action& run) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand("search", "Search a built site with the same engine as the browser");
  cmd->add_option("site", o->site_dir, "Folder of a built site (holds manifest.json and search/)")->required();
  cmd->add_flag("--stats", o->stats, "Print to stderr which search pieces the query read, and their bytes");
  cmd->add_option("--read-ahead", o->read_ahead, "Pieces fetched past consecutive reads (default 4; for benchmarks)")
      ->check(CLI::Range(0, 64));
  cmd->add_flag("--json", o->json, "Print a JSON array of {title, path, url, section, snippet, score, date, status}, with corrected (the query "
                "searched instead of a misspelt one) and missing (the words a partial match lacks) when they apply");
  cmd->add_option("-n,--limit", o->limit, "Most results to print (default 10)")->check(CLI::Range(1, 1000));
  // The query's words are what CLI11 leaves over, so that "-draft" is a word, not an option.
  cmd->allow_extras();
  cmd->footer("QUERY: words, \"phrases\", OR, -exclusions; the last word is a prefix. Words starting with '-' are "
              "part of the query: `logbook search _site setup -draft` leaves out pages with \"draft\".");
  cmd->callback([o, cmd, &run] {
    o->query.clear();
    for (const std::string& word : cmd->remaining()) o->query += (o->query.empty() ? "" : " ") + word;
    if (o->query.empty()) throw CLI::ValidationError("QUERY", "give the words to search for, e.g. logbook search _site setup");
    run = [o] { return run_search(*o); };
  });
}

}  // namespace logbook::cli
