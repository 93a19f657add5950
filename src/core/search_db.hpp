// The search database: one SQLite file that the browser's search worker and
// `logbook search` both read. The caller opens the connection (a file natively, bytes
// in the browser); this module owns the schema.
//
// Schema version 5 (meta.schema_version = "5"; readers refuse any other version). The file
// is published cut into pieces (db_pieces.hpp) that a reader fetches as queries touch
// them, so it holds the index and the rows a query returns, and no copy of the text:
// snippets are made from each shown page's own index.md (search_engine.hpp).
//
//   search USING fts5(title, headings, body,      contentless (content=''): the index only;
//          content = '', columnsize = 0,          rowid = pages.id, which carries the page's
//          tokenize = 'logbook')                 length (search_rank.hpp), so there is no
//                                                 docsize table. Written first and `optimize`d
//                                                 into one segment, so the index lies at the
//                                                 start of the file. Columns as indexed_text()
//                                                 makes them.
//   meta(key TEXT PRIMARY KEY, value TEXT)        schema_version, generator, page_count,
//                                                 decision_statuses (JSON array, from logbook.yml)
//   pages(id INTEGER PRIMARY KEY,                 id = rowid in `search`: (length class << 24) | (n + 1)
//         path TEXT,                              source file relative to the content folder
//         url TEXT,                               clean URL without the base path, e.g. /guides/setup/
//                                                 (unique, but not indexed: rows are read by id)
//         title TEXT, section TEXT,               section = titles of the enclosing sections, " › "-joined
//         description TEXT,                       the snippet of a query of filters only
//         date TEXT,                              YYYY-MM-DD or ""; a record's date from any dialect
//         owner TEXT, review_by TEXT)             "" when absent; review_by as written
//   tags(page_id, tag)                            a record's tags from any dialect
//   decisions(page_id INTEGER PRIMARY KEY,        one row per decision record
//             id TEXT, number INTEGER,            ADR-0003, 3 (-1 for date-named records)
//             title TEXT, status TEXT,            status lowercased ("" when missing)
//             date TEXT, review_by TEXT,          as written
//             dialect TEXT,                       front-matter | madr2 | nygard | none
//             deciders TEXT, consulted TEXT,      JSON arrays of names
//             informed TEXT,
//             supersedes TEXT,                    JSON arrays of decision ids: the chain derived
//             superseded_by TEXT)                 both ways, whichever side declared it
//   people(page_id, name, role)                   role: owner | decider | consulted | informed
//   vocab(length, word, pages,                    the words typo correction reads: every word of
//         PRIMARY KEY(length, word))              4-24 ASCII letters as written, lowercased, and on
//                                                 how many pages (search_tokenizer.hpp)
//
// Version 3 dropped pages.markdown and pages.meta, the tables headings and links (the app
// reads them from the manifest and the page's Markdown), the indexes on pages.path and
// pages.url (no query reads them) and FTS5's copy of the text. Version 4 dropped FTS5's
// docsize table (search_rank.hpp): a page's rowid carries its length. Version 5 indexes with
// the `logbook` tokenizer (identifiers by their parts, CJK pairs: search_tokenizer.hpp), adds
// the vocab table and the file name's words to the headings column.
// SQLite pages of 4096 bytes; no VACUUM (it only grows the gzipped pieces, ADR-0009).
//
// Ranking: BM25 with column weights title 10, headings 4, body 1 (logbook_rank,
// search_rank.hpp), stored as FTS5's rank when the database is written (search_db.cpp);
// search_engine.cpp orders by it. A reader registers logbook_rank on its connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decision.hpp"
#include "site.hpp"
#include "site_config.hpp"

struct sqlite3;

namespace logbook {

constexpr int kSearchSchemaVersion = 5;

// A page's text as the index holds it, column by column. The writer and the snippets
// (made from the published index.md) both use it, so they cannot disagree.
struct IndexedText {
  std::string title;
  std::string headings;  // every heading but the one repeating the title, one a line, then
                         // the file name's words unless the title says the same
                         // (guides/deploy-checklist.md: "deploy checklist")
  std::string body;      // the plain text of the Markdown

  bool operator==(const IndexedText&) const = default;
};
IndexedText indexed_text(const std::string& title, const std::vector<Heading>& headings, std::string plain_text,
                         std::string_view path = {});
// From a page's source as published (front matter and all), its title as indexed and its path.
IndexedText indexed_text_of_source(const std::string& title, std::string_view source, std::string_view path = {});

// Creates the schema in an empty database and writes the site into it in one
// transaction. Returns an empty string on success, else what went wrong.
// pending_bytes: FTS5's buffer of pending terms; a site whose index outgrows it is written
// in several segments, merged after (tests make it small to get there).
constexpr std::size_t kIndexPendingBytes = 64u * 1024 * 1024;
std::string write_search_database(sqlite3* db, const Site& site, const DecisionLog& decisions, const SiteConfig& config,
                                  std::size_t pending_bytes = kIndexPendingBytes);
// With the default configuration (decisions in decisions/).
std::string write_search_database(sqlite3* db, const Site& site);

// Where the index ends: the byte after the last SQLite page of FTS5's tables (search_*),
// found with dbstat. The index is written first, so what follows it is the rows, which
// queries read one at a time; the cutter puts them in small pieces (db_pieces.hpp).
// 0 when the file has no index.
std::uint64_t search_index_end(sqlite3* db);
// Where the interior pages of the tables a hit's row is read from (pages, decisions) are,
// as byte offsets, in file order: the b-tree levels above their leaves (dbstat).
std::vector<std::uint64_t> row_table_interior_pages(sqlite3* db);

// Checks meta.schema_version. Returns an empty string when this build can read the
// database, else a message saying what to do.
std::string check_search_database(sqlite3* db);

}  // namespace logbook
