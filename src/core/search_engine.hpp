// The query engine: query text in, ranked results with highlighted snippets out.
// The same code answers `logbook search` natively and the search worker in the browser.
//
// An answer comes in two steps (ADR-0009): search() ranks pages from the index and gives
// each hit's row (path, url, title, section, date, status, score) without a snippet, and
// the FTS5 expression it matched; make_snippets() then makes the snippets of the hits
// shown from those pages' own published Markdown (index.md), with FTS5's snippet() over a
// small in-memory table, so the database holds no copy of the text.
#pragma once

#include "db_pieces.hpp"
#include "search_db.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace logbook {

// Snippets mark matched words with these bytes (never present in indexed text).
constexpr char kMarkOpen = '\x02';
constexpr char kMarkClose = '\x03';

// Fewer hits with all the words than this and pages with most of them are added.
constexpr int kScreenful = 8;

struct SearchHit {
  std::string path;      // source file, relative to the content folder
  std::string url;       // clean URL without the base path
  std::string title;
  std::string section;   // "Guides › API"
  std::string snippet;   // plain text with kMarkOpen/kMarkClose around matches
  double score = 0;      // bm25: lower is better (0 for a query of filters only)
  std::string date;      // YYYY-MM-DD or ""
  std::string status;    // a decision record's status; "" for other pages
  long long id = 0;      // the page's row in the database (1 + its index in the site's pages)
  std::string match;     // the FTS5 expression that found it, for make_snippets ("" for filters only)
  std::string missing;   // a partial match: the query's words it lacks, space-separated
  std::string decision;  // a decision record's id (ADR-0003); "" for other pages
  std::string marked_title;  // the title with marks around what matched (make_snippets), or ""
};

struct SearchResult {
  std::vector<SearchHit> hits;
  std::string corrected;  // the query searched instead of a misspelt one ("" when as typed)
  std::string error;  // empty on success; queries never fail for their syntax
  bool stale = false; // over pieces: a piece is gone, the site was deployed again; take
                      // the new manifest's list, open a new engine and ask again
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

  // Words and filters (see query_parser.hpp). Words rank by bm25, and the hits have no
  // snippet yet (make_snippets); a query of filters only lists the matching pages newest
  // first, with their descriptions as snippets.
  // Pages with all the words come first. When they are fewer than kScreenful, pages with
  // most of the words follow, by how many they have, then by rank (SearchHit::missing).
  // When no page has them all and a word matches no page at all, that word is corrected
  // to the closest word of the site (typo_correction.hpp) and the corrected query answers,
  // saying so in SearchResult::corrected. Quoted words are never corrected: `"serch"`
  // asks for the word as typed.
  SearchResult search(std::string_view query, int limit = 20);

  // search() in two halves, for a reader that has the rows elsewhere (the manifest: a
  // hit's id - 1 is its index in PublishedSite::pages) or shows a few hits at a time:
  // rank() reads only the index, giving hits with id, score and match (a query with
  // filters reads the rows too, which the filters need); rows() then reads the row
  // fields of hits [from, to), about a piece each.
  SearchResult rank(std::string_view query, int limit = 20);
  void rows(SearchResult& result, std::size_t from, std::size_t to);

  // Over pieces (from_site): search(), then the snippets of the first `shown` hits from
  // their pages' index.md, fetched in one batch. A page that cannot be fetched keeps an
  // empty snippet.
  SearchResult search_with_snippets(std::string_view query, int limit, int shown);

  // Opens a database held in memory (a copy of bytes). Used by tests and tools.
  static std::unique_ptr<SearchEngine> from_bytes(std::string_view bytes);
  // Opens the published database through its pieces: fetches the list at list_path (the
  // manifest's search.list) and the opening pieces, then only what queries read (and
  // read_ahead pieces past consecutive reads, see PieceFile).
  static std::unique_ptr<SearchEngine> from_site(std::string_view list_path, FetchFiles fetch, int read_ahead = kReadAhead);

  // The pieces this engine reads (from_site), for status and statistics; else nullptr.
  PieceFile* pieces();
  // The id of the first or last page (0 when none), whose rows find_opening_pieces reads.
  long long end_page_id(bool last);

 private:
  SearchEngine(sqlite3* db, std::unique_ptr<PieceFile> pieces, FetchFiles fetch);
  SearchResult rank_as_typed(std::string_view query, int limit, bool partial);
  std::string corrected_query(std::string_view query);
  bool read_row(SearchHit& hit);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Fills the snippets of the first texts.size() hits of a word query from their pages'
// indexed text (search_db.hpp's IndexedText: what the build indexed of each), highlighting
// what each hit's match expression matches, as FTS5's snippet() does. A hit whose text is
// empty (its page could not be read) keeps no snippet. This half needs SQLite, not cmark:
// the browser's search worker runs it over texts the page made (page_texts).
void make_snippets(SearchResult& result, const std::vector<IndexedText>& texts);
// The other half: each hit's text from its page's published Markdown (index.md: front
// matter and all), "" for a page that could not be read. Needs cmark, not SQLite: the
// reader's page runs it, which has the Markdown parser the worker goes without.
std::vector<IndexedText> page_texts(const std::vector<std::string>& titles, const std::vector<std::string>& paths,
                                    const std::vector<std::string>& sources);
// Both halves at once, as `logbook search` and the tests make snippets.
void make_snippets(SearchResult& result, const std::vector<std::string>& sources);

// The pieces every query reads (schema, FTS5's structure and segment index): those two
// probe queries both read through the pieces of `list`, fetched with fetch; and the
// pieces of row_interior (row_table_interior_pages), if there are at most
// kMostOpeningInteriorPages of them.
std::vector<int> find_opening_pieces(const PieceList& list, const FetchFiles& fetch,
                                     const std::vector<std::uint64_t>& row_interior);
// The database cut into pieces (cut_database: small ones after the index, search_index_end)
// with the list's opening pieces.
// At most this many interior pages of the row tables join the opening pieces (32 KB at a
// 4 KB page): all of them up to about 3 MB of rows (10,000 pages of the peers' corpus).
constexpr std::size_t kMostOpeningInteriorPages = 8;
CutDatabase cut_search_database(std::string_view db_bytes);

// Snippet with marks turned into other markup, e.g. "<mark>", "</mark>" with the text
// HTML-escaped, or ANSI bold for a terminal.
std::string render_snippet(std::string_view snippet, std::string_view open, std::string_view close, bool escape_html);

}  // namespace logbook
