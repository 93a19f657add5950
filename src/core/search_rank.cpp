#include "search_rank.hpp"

#include <fts5.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "assert.hpp"
#include "search_tokenizer.hpp"
#include "utf8.hpp"

namespace logbook {

namespace {

constexpr double kClassesPerDoubling = 4.0;
constexpr double kK1 = 1.2;  // BM25's term-frequency saturation, as FTS5's bm25()
constexpr double kB = 0.75;  // and its length normalisation

int length_class(std::size_t tokens) {
  const double c = std::round(kClassesPerDoubling * std::log2(static_cast<double>(tokens) + 1.0));
  return static_cast<int>(std::min(c, static_cast<double>(kMaxLengthClass)));
}

// What one query needs once: the average length and each phrase's inverse document
// frequency (which counts the pages that hold it, reading its doclist once).
struct QueryStats {
  double average_tokens = 1.0;
  std::vector<double> idf;
  std::vector<double> frequency;  // per phrase, for the row being ranked
};

int query_stats(const Fts5ExtensionApi* api, Fts5Context* fts, QueryStats** out) {
  auto* stats = static_cast<QueryStats*>(api->xGetAuxdata(fts, 0));
  if (stats) {
    *out = stats;
    return SQLITE_OK;
  }
  auto owned = std::make_unique<QueryStats>();
  sqlite3_int64 rows = 0, tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (rc != SQLITE_OK) return rc;
  if (rows > 0 && tokens > 0) owned->average_tokens = static_cast<double>(tokens) / static_cast<double>(rows);
  const int phrases = api->xPhraseCount(fts);
  for (int i = 0; i < phrases; ++i) {
    sqlite3_int64 hits = 0;
    rc = api->xQueryPhrase(fts, i, &hits, [](const Fts5ExtensionApi*, Fts5Context*, void* n) {
      ++*static_cast<sqlite3_int64*>(n);
      return SQLITE_OK;
    });
    if (rc != SQLITE_OK) return rc;
    // Never below zero: a word in most pages still counts a little (as FTS5's bm25()).
    const double idf = std::log((static_cast<double>(rows - hits) + 0.5) / (static_cast<double>(hits) + 0.5));
    owned->idf.push_back(idf > 0 ? idf : 1e-6);
  }
  owned->frequency.assign(owned->idf.size(), 0.0);
  stats = owned.release();
  rc = api->xSetAuxdata(fts, stats, [](void* p) { delete static_cast<QueryStats*>(p); });
  if (rc != SQLITE_OK) return rc;  // xSetAuxdata has freed it
  *out = stats;
  return SQLITE_OK;
}

// logbook_rank(w_title, w_headings, w_body): BM25 as FTS5's bm25() computes it, weighted
// term frequencies over the whole row, with the row's length from its rowid. Lower is better.
void rank_function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* out, int n_weights, sqlite3_value** weights) {
  QueryStats* stats = nullptr;
  int rc = query_stats(api, fts, &stats);
  int instances = 0;
  if (rc == SQLITE_OK) rc = api->xInstCount(fts, &instances);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(out, rc);
    return;
  }
  std::fill(stats->frequency.begin(), stats->frequency.end(), 0.0);
  for (int i = 0; i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if ((rc = api->xInst(fts, i, &phrase, &column, &offset)) != SQLITE_OK) {
      sqlite3_result_error_code(out, rc);
      return;
    }
    LOGBOOK_ASSERT(phrase >= 0 && static_cast<std::size_t>(phrase) < stats->frequency.size(), "xInst names a phrase of the query");
    stats->frequency[static_cast<std::size_t>(phrase)] += column < n_weights ? sqlite3_value_double(weights[column]) : 1.0;
  }
  const double length = tokens_of_rowid(api->xRowid(fts));
  const double norm = kK1 * (1.0 - kB + kB * length / stats->average_tokens);
  double score = 0;
  for (std::size_t i = 0; i < stats->idf.size(); ++i) {
    const double f = stats->frequency[i];
    score += stats->idf[i] * (f * (kK1 + 1.0)) / (f + norm);
  }
  sqlite3_result_double(out, -score);
}

}  // namespace

long long search_rowid(std::size_t index, std::size_t tokens) {
  LOGBOOK_ASSERT(index < kMaxIndexedPages, "the class bits would overwrite the index");
  return (static_cast<long long>(length_class(tokens)) << kRowidClassShift) | static_cast<long long>(index + 1);
}

std::size_t page_index_of_rowid(long long rowid) {
  return static_cast<std::size_t>((rowid & ((1LL << kRowidClassShift) - 1)) - 1);
}

double tokens_of_rowid(long long rowid) {
  const auto c = static_cast<double>((rowid >> kRowidClassShift) & kMaxLengthClass);
  return std::exp2(c / kClassesPerDoubling) - 1.0;
}

std::size_t count_tokens(std::string_view text) {
  std::size_t tokens = 0;
  bool in_token = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      const bool part = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
      if (part && !in_token) ++tokens;
      in_token = part;
      ++i;
      continue;
    }
    // Chinese, Japanese and Korean are indexed a pair of characters at a time
    // (search_tokenizer.hpp): about a token a character.
    if (is_cjk(next_code_point(text, i))) {
      ++tokens;
      in_token = false;
    } else if (!in_token) {
      ++tokens;
      in_token = true;
    }
  }
  return tokens;
}

std::string register_search_rank(sqlite3* db) {
  // FTS5 hands out its API through a pointer-typed SQL value (the documented way).
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if (!api) return "this SQLite has no FTS5";
  if (api->xCreateFunction(api, kRankFunction, nullptr, rank_function, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  return {};
}

}  // namespace logbook
