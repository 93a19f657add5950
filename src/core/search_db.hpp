// The search database: one SQLite file that the browser's search worker and
// `logbook search` both read. The caller opens the connection (a file natively, bytes
// in the browser); this module owns the schema.
//
// Schema version 2 (meta.schema_version = "2"; readers refuse any other version):
//
//   meta(key TEXT PRIMARY KEY, value TEXT)        schema_version, generator, page_count,
//                                                 decision_statuses (JSON array, from logbook.yml)
//   pages(id INTEGER PRIMARY KEY,                 id = rowid of the page's row in `search`
//         path TEXT UNIQUE,                       source file relative to the content folder
//         url TEXT UNIQUE,                        clean URL without the base path, e.g. /guides/setup/
//         title TEXT, section TEXT,               section = titles of the enclosing sections, " › "-joined
//         description TEXT,
//         date TEXT,                              YYYY-MM-DD or ""; a record's date from any dialect
//         meta TEXT,                              every front matter field, as JSON
//         markdown TEXT,                          the page source, so the app can render it
//         owner TEXT, review_by TEXT)             (v2) "" when absent; review_by as written
//   headings(page_id, ord, level, text, slug)     the outline; slug = GitHub-compatible anchor
//   links(from_id, to_id, anchor)                 resolved links between pages
//   tags(page_id, tag)                            a record's tags from any dialect
//   decisions(page_id INTEGER PRIMARY KEY,        (v2) one row per decision record
//             id TEXT, number INTEGER,            ADR-0003, 3 (-1 for date-named records)
//             title TEXT, status TEXT,            status lowercased ("" when missing)
//             date TEXT, review_by TEXT,          as written
//             dialect TEXT,                       front-matter | madr2 | nygard | none
//             deciders TEXT, consulted TEXT,      JSON arrays of names
//             informed TEXT,
//             supersedes TEXT,                    JSON arrays of decision ids: the chain derived
//             superseded_by TEXT)                 both ways, whichever side declared it
//   people(page_id, name, role)                   (v2) role: owner | decider | consulted | informed
//   search USING fts5(title, headings, body,      body = plain text of the page
//          tokenize = 'porter unicode61 remove_diacritics 2')
//
// Ranking: bm25 with column weights title 10, headings 4, body 1, stored as FTS5's rank
// when the database is written (search_db.cpp); search_engine.cpp orders by it.
#pragma once

#include <string>

#include "decision.hpp"
#include "site.hpp"
#include "site_config.hpp"

struct sqlite3;

namespace logbook {

constexpr int kSearchSchemaVersion = 2;

// Creates the schema in an empty database and writes the site into it in one
// transaction. Returns an empty string on success, else what went wrong.
std::string write_search_database(sqlite3* db, const Site& site, const DecisionLog& decisions, const SiteConfig& config);
// With the default configuration (decisions in decisions/).
std::string write_search_database(sqlite3* db, const Site& site);

// Checks meta.schema_version. Returns an empty string when this build can read the
// database, else a message saying what to do.
std::string check_search_database(sqlite3* db);

}  // namespace logbook
