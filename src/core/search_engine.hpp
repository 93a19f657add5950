// The query engine: query text in, ranked results with highlighted snippets out.
// The same code answers `logbook search` natively and the search worker in the browser.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace logbook {

// Snippets mark matched words with these bytes (never present in indexed text).
constexpr char kMarkOpen = '\x02';
constexpr char kMarkClose = '\x03';

struct SearchHit {
  std::string path;      // source file, relative to the content folder
  std::string url;       // clean URL without the base path
  std::string title;
  std::string section;   // "Guides › API"
  std::string snippet;   // plain text with kMarkOpen/kMarkClose around matches
  double score = 0;      // bm25: lower is better (0 for a query of filters only)
  std::string date;      // YYYY-MM-DD or ""
  std::string status;    // a decision record's status; "" for other pages
};

struct SearchResult {
  std::vector<SearchHit> hits;
  std::string error;  // empty on success; queries never fail for their syntax
};

class SearchEngine {
 public:
  // Takes ownership of db, an open connection to a search database.
  explicit SearchEngine(sqlite3* db);
  ~SearchEngine();
  SearchEngine(const SearchEngine&) = delete;
  SearchEngine& operator=(const SearchEngine&) = delete;

  // Empty when the database can be used, else why not.
  const std::string& open_error() const;

  // Words and filters (see query_parser.hpp). Words rank by bm25; a query of filters
  // only lists the matching pages newest first, with their descriptions as snippets.
  SearchResult search(std::string_view query, int limit = 20);

  // Opens a database held in memory (a copy of bytes). Used by the browser's worker
  // and by tests; the native command opens the file instead.
  static std::unique_ptr<SearchEngine> from_bytes(std::string_view bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Snippet with marks turned into other markup, e.g. "<mark>", "</mark>" with the text
// HTML-escaped, or ANSI bold for a terminal.
std::string render_snippet(std::string_view snippet, std::string_view open, std::string_view close, bool escape_html);

}  // namespace logbook
