// The search database: one SQLite file that the browser's search worker and
// `logbook search` both read. The caller opens the connection (a file natively, bytes
// in the browser); this module owns the schema.
//
// Schema version 1 (meta.schema_version = "1"; readers refuse any other version):
//
//   meta(key TEXT PRIMARY KEY, value TEXT)        schema_version, generator, page_count
//   pages(id INTEGER PRIMARY KEY,                 id = rowid of the page's row in `search`
//         path TEXT UNIQUE,                       source file relative to the content folder
//         url TEXT UNIQUE,                        clean URL without the base path, e.g. /guides/setup/
//         title TEXT, section TEXT,               section = titles of the enclosing sections, " › "-joined
//         description TEXT, date TEXT,
//         meta TEXT,                              every front matter field, as JSON
//         markdown TEXT)                          the page source, so the app can render it
//   headings(page_id, ord, level, text, slug)     the outline; slug = GitHub-compatible anchor
//   links(from_id, to_id, anchor)                 resolved links between pages
//   tags(page_id, tag)
//   search USING fts5(title, headings, body,      body = plain text of the page
//          tokenize = 'porter unicode61 remove_diacritics 2')
//
// Ranking (see query.cpp): bm25 with column weights title 10, headings 4, body 1.
#pragma once

#include <string>

#include "site.hpp"

struct sqlite3;

namespace logbook {

constexpr int kSearchSchemaVersion = 1;

// Creates the schema in an empty database and writes the site into it in one
// transaction. Returns an empty string on success, else what went wrong.
std::string write_search_database(sqlite3* db, const Site& site);

// Checks meta.schema_version. Returns an empty string when this build can read the
// database, else a message saying what to do.
std::string check_search_database(sqlite3* db);

}  // namespace logbook
