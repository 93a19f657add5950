// The search worker's wasm: SQLite, FTS5 and the core's query engine, and nothing of
// the reader, so the first page never downloads it. site/search-worker.js owns the
// Worker side (loading the database, messages) and calls these two functions.
#include <emscripten.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/search_engine.hpp"

namespace {

std::unique_ptr<logbook::SearchEngine> g_engine;  // one database per worker

char* copy_out(const std::string& s) { return strdup(s.c_str()); }

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

// Answers one query as JSON: {"hits": [{path, url, title, section, snippet}], "error": ""}.
EMSCRIPTEN_KEEPALIVE char* sw_search(const char* query, int limit) {
  nlohmann::json out;
  if (!g_engine) {
    out["error"] = "The search database is not loaded.";
    out["hits"] = nlohmann::json::array();
    return copy_out(out.dump());
  }
  const logbook::SearchResult r = g_engine->search(query, limit);
  out["error"] = r.error;
  auto& hits = out["hits"] = nlohmann::json::array();
  for (const auto& h : r.hits)
    hits.push_back({{"path", h.path}, {"url", h.url}, {"title", h.title}, {"section", h.section}, {"snippet", h.snippet}});
  return copy_out(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // extern "C"
