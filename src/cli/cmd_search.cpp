// logbook search SITE_DIR QUERY WORDS... [--json] [--limit N]
//
// Every word after SITE_DIR that is not one of the options is part of the query, as
// written and in order: `logbook search _site -draft` excludes "draft" (a word starting
// with '-' is an exclusion, not an option). Only the options' own names are not words.
#include <sqlite3.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "core/search_engine.hpp"

namespace logbook::cli {

namespace {

struct SearchOptions {
  std::filesystem::path site_dir;
  std::string query;
  bool json = false;
  int limit = 10;
};

int run_search(const SearchOptions& o) {
  const auto db_path = o.site_dir / "search.db";
  if (!std::filesystem::exists(db_path)) {
    std::cerr << "logbook search: " << db_path.string() << " not found; build the site first with `logbook build -o "
              << o.site_dir.string() << "`.\n";
    return 2;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::cerr << "logbook search: cannot open " << db_path.string() << ": " << sqlite3_errmsg(db) << '\n';
    sqlite3_close(db);
    return 2;
  }
  SearchEngine engine(db);
  if (!engine.open_error().empty()) {
    std::cerr << "logbook search: " << db_path.string() << ": " << engine.open_error() << '\n';
    return 2;
  }
  const SearchResult result = engine.search(o.query, o.limit);
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
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
  }
  const bool tty = isatty(STDOUT_FILENO) != 0;
  if (result.hits.empty()) std::cout << "No pages match \"" << o.query << "\".\n";
  for (const SearchHit& h : result.hits) {
    std::cout << (tty ? "\033[1m" : "") << h.title << (tty ? "\033[0m" : "") << "  " << h.url << "  (" << h.path << ")\n";
    std::cout << "  " << render_snippet(h.snippet, tty ? "\033[1;33m" : "[", tty ? "\033[0m" : "]", false) << "\n\n";
  }
  return 0;
}

}  // namespace

void add_search_command(CLI::App& app, Action& run) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand("search", "Search a built site with the same engine as the browser");
  cmd->add_option("site", o->site_dir, "Folder of a built site (holds search.db)")->required();
  cmd->add_flag("--json", o->json, "Print a JSON array of {title, path, url, section, snippet, score}");
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
