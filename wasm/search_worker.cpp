// The search worker's wasm: SQLite, FTS5 and the core's query engine, and nothing of
// the reader, so the first page never downloads it. site/search-worker.js owns the
// Worker side (loading the database, the message queue) and calls these two functions;
// the messages themselves are core/search_wire.hpp's.
#include <emscripten.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "core/search_engine.hpp"
#include "core/search_wire.hpp"

namespace {

std::unique_ptr<logbook::SearchEngine> g_engine;  // one database per worker

char* copy_out(const std::string& s) { return strdup(s.c_str()); }

// A pasted query's control characters (a NUL, a tab, a newline) count as the spaces
// they stand for: "a<NUL>b" is searched as two words, not as one word holding a NUL.
std::string controls_as_spaces(std::string query) {
  for (char& c : query)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return query;
}

logbook::SearchAnswer answer(const logbook::SearchRequest& request) {
  logbook::SearchAnswer a{.id = request.id, .hits = {}, .error = "", .millis = 0};
  if (!g_engine) {
    a.error = "The search database is not loaded.";
    return a;
  }
  const double start = emscripten_get_now();
  const logbook::SearchResult r = g_engine->search(controls_as_spaces(request.query), request.limit);
  a.millis = emscripten_get_now() - start;
  a.error = r.error;
  for (const logbook::SearchHit& h : r.hits) a.hits.push_back({h.path, h.url, h.title, h.section, h.snippet});
  return a;
}

}  // namespace

extern "C" {

// Opens the database from bytes (which the worker then frees). Returns "" or why not.
EMSCRIPTEN_KEEPALIVE char* sw_open(const char* bytes, int len) {
  g_engine = logbook::SearchEngine::from_bytes(std::string_view(bytes, static_cast<std::size_t>(len)));
  if (!g_engine) return copy_out("The search database could not be opened; rebuild the site with `logbook build`.");
  if (!g_engine->open_error().empty()) {
    std::string e = g_engine->open_error();
    g_engine.reset();
    return copy_out(e);
  }
  return copy_out("");
}

// Answers one query. request: a SearchRequest as JSON; returns a SearchAnswer as JSON
// (core/search_wire.hpp). id is the one the message came with, so that a request this
// worker cannot read is still answered, with the reason, to the query that sent it.
EMSCRIPTEN_KEEPALIVE char* sw_search(int id, const char* request) {
  logbook::SearchRequest r;
  const std::string error = logbook::from_json(request, r);
  return copy_out(logbook::to_json(error.empty() ? answer(r) : logbook::SearchAnswer{.id = id, .hits = {}, .error = error}));
}

}  // extern "C"
