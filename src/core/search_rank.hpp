// How search hits are ranked: BM25 over the columns (title, headings, body), computed
// without FTS5's docsize table.
//
// FTS5's own bm25() reads each hit's length from the table `search_docsize`, one row per
// page spread over the whole table: a query for a word in 400 of 10,000 pages read all of
// it (112 KiB at 10k pages, 1.2 MiB at 100k), more than the rest of the query together.
// So the search database has no docsize table (columnsize=0) and a page's rowid carries
// its length instead, as a class: rowid = (length class << kRowidClassShift) | (index + 1).
// The class is the length in tokens on a log scale, 4 classes per doubling, so the length
// the ranking uses is within 9 % of the true one; that is well inside what BM25's length
// normalisation can tell apart, and it costs nothing to read: the rowid is in the doclist.
// A page keeps its rowid across builds unless it moves in the site or its length changes
// class, so an edit rewrites no other page's entries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

struct sqlite3;

namespace logbook {

constexpr int kRowidClassShift = 24;
constexpr std::size_t kMaxIndexedPages = (std::size_t{1} << kRowidClassShift) - 1;
constexpr int kMaxLengthClass = 127;
// The FTS5 auxiliary function; search_db.cpp stores "logbook_rank(10.0, 4.0, 1.0)" as the
// table's rank, so `ORDER BY rank` calls it with the column weights.
constexpr const char* kRankFunction = "logbook_rank";

// The rowid of the page at `index` (0-based, < kMaxIndexedPages) whose columns hold
// `tokens` tokens in all.
long long search_rowid(std::size_t index, std::size_t tokens);
// The page's index (0-based) in Site::pages that a rowid stands for.
std::size_t page_index_of_rowid(long long rowid);
// The length a rowid's class stands for, in tokens.
double tokens_of_rowid(long long rowid);
// Tokens about as the index's tokenizer counts them: runs of letters and digits (any other
// non-ASCII character counts as a letter, close enough for a length class), and a token
// for each Chinese, Japanese or Korean character (indexed in pairs).
std::size_t count_tokens(std::string_view text);

// Registers kRankFunction on the connection. "" on success, else SQLite's reason.
std::string register_search_rank(sqlite3* db);

}  // namespace logbook
