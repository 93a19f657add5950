#include "search_engine.hpp"

#include <cstring>

#include "query_parser.hpp"
#include "search_db.hpp"
#include "sqlite_util.hpp"

namespace logbook {

namespace {

// Column weights for bm25 over (title, headings, body). A page whose title or
// headings name the query outranks one that mentions it in passing, even when the
// first is long: bm25's length normalisation is per column, so a match in a short
// heading column counts fully however long the body is.
constexpr const char* kQuery = R"sql(
SELECT p.path, p.url, p.title, p.section,
       snippet(search, 2, char(2), char(3), '…', 24) AS snip,
       bm25(search, 10.0, 4.0, 1.0) AS score
FROM search JOIN pages p ON p.id = search.rowid
WHERE search MATCH ?1
ORDER BY score
LIMIT ?2
)sql";

}  // namespace

struct SearchEngine::Impl {
  sqlite3* db = nullptr;
  std::string open_error;
  std::unique_ptr<sql::Statement> query;

  ~Impl() {
    query.reset();
    if (db) sqlite3_close(db);
  }
};

SearchEngine::SearchEngine(sqlite3* db) : impl_(std::make_unique<Impl>()) {
  impl_->db = db;
  if (!db) {
    impl_->open_error = "no database";
    return;
  }
  impl_->open_error = check_search_database(db);
  if (!impl_->open_error.empty()) return;
  impl_->query = std::make_unique<sql::Statement>(db, kQuery);
  if (!impl_->query->ok()) impl_->open_error = "the search database is damaged: " + impl_->query->error();
}

SearchEngine::~SearchEngine() = default;

const std::string& SearchEngine::open_error() const { return impl_->open_error; }

SearchResult SearchEngine::search(std::string_view text, int limit) {
  SearchResult result;
  if (!impl_->open_error.empty()) {
    result.error = impl_->open_error;
    return result;
  }
  const std::string match = parse_query(text).to_fts5();
  if (match.empty()) return result;
  sql::Statement& q = *impl_->query;
  q.bind(1, match).bind(2, static_cast<long long>(limit));
  while (q.step()) {
    SearchHit hit;
    hit.path = q.text(0);
    hit.url = q.text(1);
    hit.title = q.text(2);
    hit.section = q.text(3);
    hit.snippet = q.text(4);
    hit.score = q.real(5);
    result.hits.push_back(std::move(hit));
  }
  const int rc = sqlite3_reset(q.get());
  if (rc != SQLITE_OK) {
    // The parser only emits quoted terms, so this is not the reader's syntax; say what happened.
    result.error = std::string("search failed: ") + sqlite3_errmsg(impl_->db);
    result.hits.clear();
  }
  return result;
}

std::unique_ptr<SearchEngine> SearchEngine::from_bytes(std::string_view bytes) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return std::make_unique<SearchEngine>(nullptr);
  }
  const auto size = static_cast<sqlite3_int64>(bytes.size());
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size)));
  if (copy && size) std::memcpy(copy, bytes.data(), bytes.size());
  if (!copy || sqlite3_deserialize(db, "main", copy, size, size,
                                   SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
    sqlite3_close(db);
    return std::make_unique<SearchEngine>(nullptr);
  }
  return std::make_unique<SearchEngine>(db);
}

std::string render_snippet(std::string_view snippet, std::string_view open, std::string_view close, bool escape_html) {
  std::string out;
  out.reserve(snippet.size() + 16);
  for (char c : snippet) {
    if (c == kMarkOpen) out += open;
    else if (c == kMarkClose) out += close;
    else if (c == '\n') out += ' ';
    else if (escape_html && c == '<') out += "&lt;";
    else if (escape_html && c == '>') out += "&gt;";
    else if (escape_html && c == '&') out += "&amp;";
    else if (escape_html && c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

}  // namespace logbook
