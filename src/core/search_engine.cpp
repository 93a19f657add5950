#include "search_engine.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "query_parser.hpp"
#include "search_db.hpp"
#include "search_rank.hpp"
#include "search_tokenizer.hpp"
#include "sqlite_util.hpp"
#include "typo_correction.hpp"
#include "utf8.hpp"

namespace logbook {

namespace {

// Ranking is BM25 over (title, headings, body) with column weights 10, 4, 1, kept in
// the database as FTS5's rank (search_db.cpp, search_rank.hpp): a match in the title
// counts ten times one in the body, so a page whose title or headings name the query
// outranks one that mentions it in passing.
// With filters, which need the rows, the rows come with the rank:
constexpr const char* kQuery = R"sql(
SELECT p.path, p.url, p.title, p.section, '' AS snip, rank AS score, p.date, COALESCE(d.status, ''), p.id, COALESCE(d.id, '')
FROM search JOIN pages p ON p.id = search.rowid LEFT JOIN decisions d ON d.page_id = p.id
WHERE search MATCH ?1
)sql";

// Words alone: the index only, in kQuery's columns; the rows follow (SearchEngine::rows).
constexpr const char* kRankQuery =
    "SELECT '', '', '', '', '', rank, '', '', rowid, '' FROM search WHERE search MATCH ?1 ORDER BY rank LIMIT ?2";
// A hit's row, by id (SearchEngine::rows).
constexpr const char* kRowQuery = R"sql(
SELECT p.path, p.url, p.title, p.section, p.date, COALESCE(d.status, ''), COALESCE(d.id, '')
FROM pages p LEFT JOIN decisions d ON d.page_id = p.id WHERE p.id = ?1
)sql";

// Filters only: no text to rank by, so newest first.
constexpr const char* kListQuery = R"sql(
SELECT p.path, p.url, p.title, p.section, p.description, 0.0, p.date, COALESCE(d.status, ''), p.id, COALESCE(d.id, '')
FROM pages p LEFT JOIN decisions d ON d.page_id = p.id
WHERE 1
)sql";

// One SQL condition per filter; the value is bound as ?N. Several status: or type:
// filters are alternatives (a page has one of each); the others must all hold.
std::string filter_condition(const QueryFilter& f, int param) {
  const std::string v = "?" + std::to_string(param);
  if (f.key == "status") return "COALESCE(d.status, '') = " + v;
  if (f.key == "type") return "(d.page_id IS " + std::string(f.value == "decision" ? "NOT " : "") + "NULL AND " + v + " = " + v + ")";
  if (f.key == "tag") return "EXISTS (SELECT 1 FROM tags t WHERE t.page_id = p.id AND t.tag = " + v + " COLLATE NOCASE)";
  if (f.key == "owner")
    return "EXISTS (SELECT 1 FROM people x WHERE x.page_id = p.id AND x.role IN ('owner', 'decider') AND (x.name = " + v +
           " COLLATE NOCASE OR x.name LIKE " + v + " || ' %'))";
  if (f.key == "after") return "(p.date <> '' AND p.date >= " + v + ")";
  return "(p.date <> '' AND p.date < " + v + ")";  // before
}

std::string filters_sql(const std::vector<QueryFilter>& filters, int first_param) {
  std::string out;
  int param = first_param;
  for (const char* alternatives : {"status", "type"}) {
    std::string any;
    for (const QueryFilter& f : filters) {
      if (f.key != alternatives || f.negated) continue;
      any += (any.empty() ? "" : " OR ") + filter_condition(f, param++);
    }
    if (!any.empty()) out += " AND (" + any + ")";
  }
  for (const QueryFilter& f : filters) {
    const bool alternative = f.key == "status" || f.key == "type";
    if (alternative && !f.negated) continue;
    out += std::string(" AND ") + (f.negated ? "NOT " : "") + filter_condition(f, param++);
  }
  return out;
}

// The values in the order filters_sql numbered them.
std::vector<std::string> filter_values(const std::vector<QueryFilter>& filters) {
  std::vector<std::string> out;
  for (const char* alternatives : {"status", "type"})
    for (const QueryFilter& f : filters)
      if (f.key == alternatives && !f.negated) out.push_back(f.value);
  for (const QueryFilter& f : filters)
    if (!((f.key == "status" || f.key == "type") && !f.negated)) out.push_back(f.value);
  return out;
}

// FTS5's snippet() as the engine has always called it: the body column, 24 tokens.
// And the title with what matched in it marked, for the reader to see why it matched.
constexpr const char* kSnippetSql =
    "SELECT snippet(s, 2, char(2), char(3), '…', 24), highlight(s, 0, char(2), char(3)) FROM s WHERE s MATCH ?1 AND rowid = ?2";

// A page whose text no longer matches (changed since the build): its first words.
std::string opening_words(std::string_view body) {
  std::size_t end = 0;
  for (int words = 0; end < body.size() && words < 24; ++words) {
    while (end < body.size() && (body[end] == ' ' || body[end] == '\n')) ++end;
    while (end < body.size() && body[end] != ' ' && body[end] != '\n') ++end;
  }
  const bool more = body.find_first_not_of(" \n", end) != std::string_view::npos;
  while (end > 0 && (body[end - 1] == ' ' || body[end - 1] == '\n')) --end;
  return std::string(body.substr(0, end)) + (more ? "…" : "");
}

// A read-only connection to a copy of bytes in memory; nullptr when they cannot be opened.
sqlite3* open_bytes(std::string_view bytes) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return nullptr;
  }
  const auto size = static_cast<sqlite3_int64>(bytes.size());
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size)));
  if (copy && size) std::memcpy(copy, bytes.data(), bytes.size());
  if (!copy || sqlite3_deserialize(db, "main", copy, size, size,
                                   SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
    sqlite3_close(db);
    return nullptr;
  }
  return db;
}

// "status:accepted -draft": exclusions without words become a NOT IN over the index,
// which matches the excluded words (kListQuery's ?1); "" when there are none.
std::string exclusions_alone(const ParsedQuery& parsed) {
  if (parsed.excluded.empty()) return {};
  ParsedQuery any;
  any.groups.emplace_back();
  for (QueryTerm t : parsed.excluded) {
    t.negated = false;
    any.groups.back().push_back(std::move(t));
  }
  return any.to_fts5();
}

// Ranking in two tiers: pages whose title or headings hold the words, then pages that
// mention them only in the body. That is the order "title > headings > body" asks
// for, and it keeps common words fast: bm25 is computed only for the first tier when
// it fills the page of results, instead of for every page that mentions the word.
std::vector<std::string> tiers_of(const ParsedQuery& parsed) {
  const std::string positive = parsed.positive_fts5();
  const std::string in_titles = "{title headings} : (" + positive + ")";
  return {in_titles + parsed.excluded_fts5(), "(" + positive + ") NOT " + in_titles + parsed.excluded_fts5()};
}

// The first word of each group a partial match left out, for SearchHit::missing.
std::string missing_words(const ParsedQuery& parsed, unsigned chosen) {
  std::string out;
  for (std::size_t g = 0; g < parsed.groups.size(); ++g)
    if (!(chosen & (1u << g))) out += (out.empty() ? "" : " ") + parsed.groups[g].front().text;
  return out;
}

}  // namespace

struct SearchEngine::Impl {
  sqlite3* db = nullptr;
  std::string open_error;
  std::unique_ptr<sql::Statement> rank_query, row_query;
  std::unique_ptr<PieceFile> pieces;  // when opened over pieces
  FetchFiles fetch;

  void prepare() {
    open_error = register_search_tokenizer(db);
    if (open_error.empty()) open_error = check_search_database(db);
    if (open_error.empty()) open_error = register_search_rank(db);
    if (!open_error.empty() && pieces && pieces->status() != PieceStatus::ok) open_error = pieces->error();
    if (!open_error.empty()) return;
    rank_query = std::make_unique<sql::Statement>(db, kRankQuery);
    row_query = std::make_unique<sql::Statement>(db, kRowQuery);
    for (const auto* st : {rank_query.get(), row_query.get()})
      if (!st->ok()) open_error = "the search database is damaged: " + st->error();
  }

  // The statement of a query with filters: their SQL depends on which; nullptr after
  // setting result.error.
  std::unique_ptr<sql::Statement> filtered_query(const ParsedQuery& parsed, SearchResult& result) const {
    const std::string sql = parsed.groups.empty()
        ? std::string(kListQuery) + filters_sql(parsed.filters, 3) +
              (parsed.excluded.empty() ? "" : " AND p.id NOT IN (SELECT rowid FROM search WHERE search MATCH ?1)") +
              " ORDER BY p.date = '' OR p.date IS NULL, p.date DESC, p.title COLLATE NOCASE LIMIT ?2"
        : std::string(kQuery) + filters_sql(parsed.filters, 3) + " ORDER BY rank LIMIT ?2";
    auto q = std::make_unique<sql::Statement>(db, sql);
    if (!q->ok()) {
      result.error = "search failed: " + q->error();
      return nullptr;
    }
    int param = 3;
    for (const std::string& v : filter_values(parsed.filters)) q->bind(param++, v);
    return q;
  }

  // Runs q (kQuery's columns) with each expression in turn bound as ?1 and the hits still
  // wanted as ?2, appending to out until it holds limit; each hit's match is `words`, the
  // expression without the tiers' column filter, so that its snippet and title mark the
  // words wherever they are. False, with result.error set, when SQLite failed.
  bool collect(sql::Statement& q, const std::vector<std::string>& expressions, const std::string& words, int limit,
               std::vector<SearchHit>& out, SearchResult& result) const {
    for (const std::string& expression : expressions) {
      const int wanted = limit - static_cast<int>(out.size());
      if (wanted <= 0) break;
      if (!expression.empty()) q.bind(1, expression);
      q.bind(2, static_cast<long long>(wanted));
      while (q.step()) {
        SearchHit& hit = out.emplace_back();
        hit.path = q.text(0);
        hit.url = q.text(1);
        hit.title = q.text(2);
        hit.section = q.text(3);
        hit.snippet = q.text(4);
        hit.score = q.real(5);
        hit.date = q.text(6);
        hit.status = q.text(7);
        hit.id = q.integer(8);
        hit.decision = q.text(9);
        hit.match = words;
      }
      if (sqlite3_reset(q.get()) != SQLITE_OK) {
        // The parser only emits quoted terms, so this is not the reader's syntax: a piece
        // that could not be read, or else SQLite's own reason.
        if (!failed_piece(result)) {
          result.error = std::string("search failed: ") + sqlite3_errmsg(db);
          result.hits.clear();
        }
        return false;
      }
    }
    return true;
  }

  // Pages with most of the words, after those with all: for each count of words from one
  // fewer than asked down to half, every choice of that many words (at most kChoices in
  // all), their hits ranked together, tier first, then bm25. Exclusions still hold.
  void add_partial(sql::Statement& q, const ParsedQuery& parsed, int limit, SearchResult& result) const {
    constexpr int kChoices = 20;
    const std::size_t k = parsed.groups.size();
    if (k < 2 || k > 8) return;
    int choices = 0;
    for (std::size_t size = k - 1; size >= std::max<std::size_t>(1, (k + 1) / 2) && choices < kChoices; --size) {
      std::vector<std::pair<int, SearchHit>> level;  // (tier, hit)
      for (unsigned chosen = 1; chosen < (1u << k) && choices < kChoices; ++chosen) {
        if (static_cast<std::size_t>(__builtin_popcount(chosen)) != size) continue;
        ++choices;
        ParsedQuery some;
        some.excluded = parsed.excluded;
        for (std::size_t g = 0; g < k; ++g)
          if (chosen & (1u << g)) some.groups.push_back(parsed.groups[g]);
        const std::vector<std::string> tiers = tiers_of(some);
        for (std::size_t t = 0; t < tiers.size(); ++t) {
          std::vector<SearchHit> found;
          if (!collect(q, {tiers[t]}, some.to_fts5(), limit, found, result)) return;
          for (SearchHit& hit : found) {
            const auto same = [&](const auto& h) { return h.id == hit.id; };
            if (std::any_of(result.hits.begin(), result.hits.end(), same) ||
                std::any_of(level.begin(), level.end(), [&](const auto& l) { return same(l.second); }))
              continue;
            hit.missing = missing_words(parsed, chosen);
            level.emplace_back(static_cast<int>(t), std::move(hit));
          }
        }
      }
      std::stable_sort(level.begin(), level.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second.score < b.second.score;
      });
      for (auto& [tier, hit] : level)
        if (static_cast<int>(result.hits.size()) < limit) result.hits.push_back(std::move(hit));
      if (static_cast<int>(result.hits.size()) >= limit || size == 1) return;
    }
  }

  // A piece that could not be read fails the whole answer, naming it and saying whether
  // the site was deployed again (stale). False while every piece read was fine.
  bool failed_piece(SearchResult& result) const {
    if (!pieces || pieces->status() == PieceStatus::ok) return false;
    result.error = "search failed: " + pieces->error();
    result.stale = pieces->status() == PieceStatus::missing;
    result.hits.clear();
    return true;
  }

  ~Impl() {
    rank_query.reset();
    row_query.reset();
    if (pieces) close_pieces_database(db);
    else if (db) sqlite3_close(db);
  }
};

SearchEngine::SearchEngine(sqlite3* db) : impl_(std::make_unique<Impl>()) {
  impl_->db = db;
  if (!db) {
    impl_->open_error = "no database";
    return;
  }
  impl_->prepare();
}

SearchEngine::~SearchEngine() = default;

const std::string& SearchEngine::open_error() const { return impl_->open_error; }

// Words alone: the index ranks, then the rows are read in rounds (rows()); with filters
// the rows are read with the rank, as the filters need them.
SearchResult SearchEngine::search(std::string_view text, int limit) {
  SearchResult result = rank(text, limit);
  rows(result, 0, result.hits.size());
  return result;
}

// Over pieces the look-ups are made in rounds: each tries every row still wanted with
// fetching deferred, then the pieces they wanted come in one batch, so the rows of 20
// hits cost the b-tree's depth in round trips, not 20.
void SearchEngine::rows(SearchResult& result, std::size_t from, std::size_t to) {
  if (!impl_->open_error.empty()) return;
  to = std::min(to, result.hits.size());
  PieceFile* pieces = impl_->pieces.get();
  for (int round = 0; round < 8; ++round) {
    if (pieces) pieces->set_deferring(round < 7);  // the last round fetches as it reads
    bool wanting = false;
    for (std::size_t i = from; i < to; ++i)
      if (result.hits[i].url.empty() && !read_row(result.hits[i])) wanting = true;
    if (!pieces) break;
    pieces->set_deferring(false);
    const std::vector<int> wanted = pieces->take_deferred();
    if (!wanting || wanted.empty() || !pieces->prefetch(wanted)) break;
  }
  impl_->failed_piece(result);
}

bool SearchEngine::read_row(SearchHit& hit) {
  sql::Statement& q = *impl_->row_query;
  q.bind(1, hit.id);
  const bool found = q.step();
  if (found) {
    hit.path = q.text(0);
    hit.url = q.text(1);
    hit.title = q.text(2);
    hit.section = q.text(3);
    hit.date = q.text(4);
    hit.status = q.text(5);
    hit.decision = q.text(6);
  }
  return sqlite3_reset(q.get()) == SQLITE_OK && found;
}

SearchResult SearchEngine::rank(std::string_view text, int limit) {
  SearchResult result = rank_as_typed(text, limit, false);
  if (!result.error.empty()) return result;
  if (result.hits.empty()) {
    if (const std::string corrected = corrected_query(text); !corrected.empty()) {
      SearchResult instead = rank_as_typed(corrected, limit, true);
      if (!instead.hits.empty() || !instead.error.empty()) {
        instead.corrected = corrected;
        return instead;
      }
    }
  }
  if (static_cast<int>(result.hits.size()) < std::min(limit, kScreenful) && parse_query(text).groups.size() > 1)
    result = rank_as_typed(text, limit, true);
  impl_->failed_piece(result);
  return result;
}

std::string SearchEngine::corrected_query(std::string_view text) {
  const ParsedQuery parsed = parse_query(text);
  sql::Statement any(impl_->db, "SELECT rowid FROM search WHERE search MATCH ?1 LIMIT 1");
  std::vector<std::pair<std::string, std::string>> fixes;
  for (const auto& group : parsed.groups)
    for (const QueryTerm& term : group) {
      const std::string word = lower_ascii(term.text);
      if (term.phrase || allowed_edits(word.size()) == 0 || !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        continue;
      ParsedQuery alone;
      alone.groups.push_back({term});
      any.bind(1, alone.to_fts5());
      const bool matches = any.step();
      sqlite3_reset(any.get());
      if (matches) continue;  // never correct a word that matches
      if (std::string fix = closest_word(impl_->db, word); !fix.empty()) fixes.emplace_back(word, std::move(fix));
    }
  return fixes.empty() ? std::string() : replace_words(text, fixes);
}

SearchResult SearchEngine::rank_as_typed(std::string_view text, int limit, bool partial) {
  SearchResult result;
  if (!impl_->open_error.empty()) {
    result.error = impl_->open_error;
    return result;
  }
  const ParsedQuery parsed = parse_query(text);
  const std::string match = parsed.to_fts5();
  if (match.empty() && parsed.filters.empty()) return result;
  // Without filters the prepared statement serves; with them the SQL depends on which.
  std::unique_ptr<sql::Statement> filtered;
  if (!parsed.filters.empty()) {
    filtered = impl_->filtered_query(parsed, result);
    if (!filtered) return result;
  }
  sql::Statement& q = filtered ? *filtered : *impl_->rank_query;
  const std::vector<std::string> tiers = match.empty() ? std::vector<std::string>{exclusions_alone(parsed)} : tiers_of(parsed);
  if (impl_->collect(q, tiers, match, limit, result.hits, result) && partial && !match.empty())
    impl_->add_partial(q, parsed, limit, result);
  return result;
}

std::unique_ptr<SearchEngine> SearchEngine::from_bytes(std::string_view bytes) {
  return std::make_unique<SearchEngine>(open_bytes(bytes));
}

std::unique_ptr<SearchEngine> SearchEngine::from_site(std::string_view list_path, FetchFiles fetch, int read_ahead) {
  const auto failed = [](std::string why) {
    auto engine = std::make_unique<SearchEngine>(nullptr);
    engine->impl_->open_error = std::move(why);
    return engine;
  };
  std::vector<std::optional<std::string>> got = fetch ? fetch({std::string(list_path)}) : decltype(got){};
  if (got.empty() || !got[0])
    return failed(std::string(list_path) + " could not be fetched: the site was probably deployed again; reload the page.");
  PieceList list;
  if (std::string err = read_piece_list(*got[0], list_path, list); !err.empty()) return failed(err);
  auto pieces = std::make_unique<PieceFile>(std::move(list), fetch, kPieceCacheBytes, read_ahead);
  // The pieces every query reads, in one batch: the browser fetches them in parallel.
  if (!pieces->prefetch(pieces->list().opening)) return failed(pieces->error());
  std::string error;
  sqlite3* db = open_pieces_database(*pieces, error);
  if (!db) return failed(error);
  auto engine = std::unique_ptr<SearchEngine>(new SearchEngine(db, std::move(pieces), std::move(fetch)));
  return engine;
}

SearchEngine::SearchEngine(sqlite3* db, std::unique_ptr<PieceFile> pieces, FetchFiles fetch) : SearchEngine(nullptr) {
  // Owned before the schema is checked, so that a failure closes the connection the right way.
  impl_->pieces = std::move(pieces);
  impl_->fetch = std::move(fetch);
  impl_->db = db;
  impl_->prepare();
}

PieceFile* SearchEngine::pieces() { return impl_->pieces.get(); }

long long SearchEngine::end_page_id(bool last) {
  if (!impl_->open_error.empty()) return 0;
  // One b-tree descent each: SQLite answers a lone min() or max() from the end of the table.
  sql::Statement end(impl_->db, last ? "SELECT max(id) FROM pages" : "SELECT min(id) FROM pages");
  return end.ok() && end.step() ? end.integer(0) : 0;
}

SearchResult SearchEngine::search_with_snippets(std::string_view query, int limit, int shown) {
  SearchResult result = search(query, limit);
  if (!impl_->fetch || result.hits.empty() || result.hits.front().match.empty()) return result;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < result.hits.size() && static_cast<int>(i) < shown; ++i)
    paths.push_back(result.hits[i].url.substr(result.hits[i].url.empty() ? 0 : 1) + "index.md");
  std::vector<std::optional<std::string>> got = impl_->fetch(paths);
  std::vector<std::string> sources;
  for (std::size_t i = 0; i < paths.size(); ++i) sources.push_back(i < got.size() && got[i] ? std::move(*got[i]) : std::string());
  make_snippets(result, sources);
  return result;
}

void make_snippets(SearchResult& result, const std::vector<IndexedText>& texts) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr) != SQLITE_OK ||
      !register_search_tokenizer(db).empty() ||
      !sql::exec(db, "CREATE VIRTUAL TABLE s USING fts5(title, headings, body, tokenize = 'logbook')").empty()) {
    sqlite3_close(db);
    return;
  }
  {
    sql::Statement insert(db, "INSERT INTO s(rowid, title, headings, body) VALUES(?1, ?2, ?3, ?4)");
    sql::Statement snippet(db, kSnippetSql);
    for (std::size_t i = 0; i < texts.size() && i < result.hits.size(); ++i) {
      SearchHit& hit = result.hits[i];
      const IndexedText& text = texts[i];
      if (hit.match.empty() || (text.title.empty() && text.headings.empty() && text.body.empty())) continue;
      const auto row = static_cast<long long>(i + 1);
      insert.bind(1, row).bind(2, text.title).bind(3, text.headings).bind(4, text.body).run();
      snippet.bind(1, hit.match).bind(2, row);
      const bool matched = snippet.step();
      hit.snippet = matched ? snippet.text(0) : opening_words(text.body);
      if (matched && snippet.text(1).find(kMarkOpen) != std::string::npos) hit.marked_title = snippet.text(1);
      sqlite3_reset(snippet.get());
    }
  }
  sqlite3_close(db);
}

std::vector<IndexedText> page_texts(const std::vector<std::string>& titles, const std::vector<std::string>& paths,
                                    const std::vector<std::string>& sources) {
  std::vector<IndexedText> out;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].empty() || i >= titles.size() || i >= paths.size()) out.emplace_back();
    else out.push_back(indexed_text_of_source(titles[i], sources[i], paths[i]));
  }
  return out;
}

void make_snippets(SearchResult& result, const std::vector<std::string>& sources) {
  std::vector<std::string> titles, paths;
  for (const SearchHit& hit : result.hits) titles.push_back(hit.title), paths.push_back(hit.path);
  make_snippets(result, page_texts(titles, paths, sources));
}

std::vector<int> find_opening_pieces(const PieceList& list, const FetchFiles& fetch, const std::vector<std::uint64_t>& row_interior) {
  const std::string list_json = piece_list_json(list);
  const FetchFiles with_list = [&](const std::vector<std::string>& paths) {
    if (paths.size() == 1 && paths[0] == "list") return std::vector<std::optional<std::string>>{list_json};
    return fetch(paths);
  };
  // Two words in no page, at either end of the term order, and the rows at either end of
  // the pages: what both read, every query with hits reads (the schema, FTS5's structure,
  // the roots of the tables a hit's row is read from). Quoted, so that they are not
  // corrected: the vocabulary is read only for a typo, not by every query.
  std::vector<int> common;
  for (const char* probe : {"\"aaaaqzx\" ", "\"zzzzqxq\" "}) {
    const auto engine = SearchEngine::from_site("list", with_list, 0);  // what it needs, nothing ahead
    if (!engine->open_error().empty()) return {};
    engine->search(probe, 20);
    SearchResult row;
    row.hits.emplace_back().id = engine->end_page_id(probe[1] == 'z');
    engine->rows(row, 0, 1);
    std::vector<int> read = engine->pieces()->fetched();
    std::sort(read.begin(), read.end());
    if (probe[1] == 'a') common = read;
    else std::erase_if(common, [&](int i) { return !std::binary_search(read.begin(), read.end(), i); });
  }
  // The rows' b-tree levels above their leaves join them while they are few: then the rows
  // of a query's hits cost one round trip, not one per level (SearchEngine::rows). A very
  // large site's would cost every first search more bytes than the trip saves.
  if (row_interior.size() <= kMostOpeningInteriorPages) {
    for (const std::uint64_t offset : row_interior) common.push_back(list.piece_at(offset));
    std::sort(common.begin(), common.end());
    common.erase(std::unique(common.begin(), common.end()), common.end());
  }
  return common;
}

CutDatabase cut_search_database(std::string_view db_bytes) {
  sqlite3* db = open_bytes(db_bytes);
  const std::uint64_t index_end = db ? search_index_end(db) : 0;
  const std::vector<std::uint64_t> interior = db ? row_table_interior_pages(db) : std::vector<std::uint64_t>{};
  sqlite3_close(db);
  CutDatabase cut = cut_database(db_bytes, index_end);
  std::unordered_map<std::string, const std::string*> files;
  for (std::size_t i = 0; i < cut.bytes.size(); ++i) files[piece_path(cut.list.pieces[i])] = &cut.bytes[i];
  cut.list.opening = find_opening_pieces(cut.list, [&files](const std::vector<std::string>& paths) {
    std::vector<std::optional<std::string>> out;
    for (const std::string& p : paths) out.push_back(*files.at(p));
    return out;
  }, interior);
  return cut;
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
