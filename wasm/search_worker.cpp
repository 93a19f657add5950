// The search worker's wasm: SQLite, FTS5 and the core's query engine, and nothing of
// the reader: no Markdown parser (the page makes the snippets' text, SearchTexts) and no
// C++ exceptions (wasm/CMakeLists.txt), so that it is small enough to travel with the
// app before the first page is drawn (ADR-0012). site/search-worker.js owns the
// Worker side (fetching files, the message queue, a new deployment) and calls these
// functions; the messages themselves are core/search_wire.hpp's.
//
// The database is read through its content-addressed pieces (core/db_pieces.hpp,
// ADR-0009): the engine asks for files of the site by path, and lb_fetch_files hands the
// batch to the worker's JavaScript, which fetches them synchronously (the VFS cannot wait
// for a promise) and may overlap a batch's requests.
#include <emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/db_pieces.hpp"
#include "core/search_engine.hpp"
#include "core/search_wire.hpp"

// Fetches files of the site (paths relative to its root, each NUL-terminated, one after
// another in `paths`). Returns a malloc'd block: per file, a little-endian int32 length
// (-1: missing) and that many bytes. Implemented by site/search-worker.js (Module.lbFetchFiles).
EM_JS(std::uint8_t*, lb_fetch_files, (const char* paths, int count), {
  const list = [];
  for (let i = 0, p = paths; i < count; ++i) {
    const s = UTF8ToString(p);
    list.push(s);
    p += lengthBytesUTF8(s) + 1;
  }
  return Module.lbFetchFiles(list);
});

namespace {

std::unique_ptr<logbook::SearchEngine> g_engine;  // one database per worker, over one list
// The last answer's hits, ranked, kept for their snippets (sw_snippets), and its id.
logbook::SearchResult g_ranked;
int g_ranked_id = 0;

char* copy_out(const std::string& s) { return strdup(s.c_str()); }

// Reads and frees a block of files as lb_fetch_files returns it (JavaScript's encodeFiles).
std::vector<std::optional<std::string>> take_files(std::uint8_t* block, std::size_t count) {
  std::vector<std::optional<std::string>> out;
  const std::uint8_t* p = block;
  for (std::size_t i = 0; i < count; ++i) {
    std::int32_t n = 0;
    std::memcpy(&n, p, 4);
    p += 4;
    if (n < 0) {
      out.emplace_back(std::nullopt);
      continue;
    }
    out.emplace_back(std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)));
    p += n;
  }
  std::free(block);
  return out;
}

std::vector<std::optional<std::string>> fetch_files(const std::vector<std::string>& paths) {
  std::string joined;
  for (const std::string& p : paths) joined.append(p.c_str(), std::strlen(p.c_str()) + 1);  // a NUL ends a path
  return take_files(lb_fetch_files(joined.data(), static_cast<int>(paths.size())), paths.size());
}

// A pasted query's control characters (a NUL, a tab, a newline) count as the spaces
// they stand for: "a<NUL>b" is searched as two words, not as one word holding a NUL.
std::string controls_as_spaces(std::string query) {
  for (char& c : query)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return query;
}

logbook::SearchAnswer answer_of(int id, const logbook::SearchResult& r, double millis) {
  logbook::SearchAnswer a{.id = id, .hits = {}, .error = r.error, .millis = millis, .corrected = r.corrected};
  for (const logbook::SearchHit& h : r.hits) a.hits.push_back({h.path, h.url, h.title, h.section, h.snippet, h.missing, h.marked_title, h.decision, h.status, h.date});
  return a;
}

// The first step: the ranked hits, without snippets for a word query (sw_snippets makes them).
logbook::SearchAnswer answer(const logbook::SearchRequest& request) {
  g_ranked = {};
  g_ranked_id = request.id;
  if (!g_engine) return logbook::SearchAnswer{.id = request.id, .hits = {}, .error = "The search database is not loaded."};
  const double start = emscripten_get_now();
  g_ranked = g_engine->search(controls_as_spaces(request.query), request.limit);
  return answer_of(request.id, g_ranked, emscripten_get_now() - start);
}

}  // namespace

extern "C" {

// Opens the database through the list at list_path (the manifest's search.list), fetching
// the list and its opening pieces. Returns "" or why not. Drops the engine of any earlier
// list first: two lists are never mixed. (A file that is gone, the sign of a new
// deployment, is seen by the JavaScript that fetched it.)
EMSCRIPTEN_KEEPALIVE char* sw_open(const char* list_path) {
  g_engine.reset();
  g_ranked = {};
  auto engine = logbook::SearchEngine::from_site(list_path, fetch_files);
  if (!engine->open_error().empty()) return copy_out(engine->open_error());
  g_engine = std::move(engine);
  return copy_out("");
}

// How many pieces the engine has fetched since it was opened (for the benchmark).
EMSCRIPTEN_KEEPALIVE int sw_pieces_fetched() {
  return g_engine && g_engine->pieces() ? static_cast<int>(g_engine->pieces()->fetched().size()) : 0;
}

// Answers one query. request: a SearchRequest as JSON; returns a SearchAnswer as JSON
// (core/search_wire.hpp). id is the one the message came with, so that a request this
// worker cannot read is still answered, with the reason, to the query that sent it.
// The hits come without snippets when they need their pages' text: sw_snippet_paths then
// names those pages' files, and sw_snippets makes the snippets from them.
EMSCRIPTEN_KEEPALIVE char* sw_search(int id, const char* request) {
  logbook::SearchRequest r;
  const std::string error = logbook::from_json(request, r);
  if (!error.empty()) g_ranked = {}, g_ranked_id = id;
  return copy_out(logbook::to_json(error.empty() ? answer(r) : logbook::SearchAnswer{.id = id, .hits = {}, .error = error}));
}

// The files (relative to the site root, one a line) whose text the last answer's snippets
// need: each hit's index.md, as SearchEngine::search_with_snippets fetches them; "" when
// none (a query of filters only has its snippets already).
EMSCRIPTEN_KEEPALIVE char* sw_snippet_paths() {
  std::string paths;
  for (const logbook::SearchHit& h : g_ranked.hits) {
    if (h.match.empty()) return copy_out("");
    paths += h.url.substr(h.url.empty() ? 0 : 1) + "index.md\n";
  }
  return copy_out(paths);
}

// The second step: the last answer again, with its snippets made from its hits' texts,
// which the page made from the files sw_snippet_paths named (texts: a SearchTexts as JSON;
// a page that could not be read keeps its hit without a snippet). Its id must be the last
// answer's.
EMSCRIPTEN_KEEPALIVE char* sw_snippets(int id, const char* texts_json) {
  logbook::SearchTexts texts;
  const std::string error = logbook::from_json(texts_json, texts);
  if (!error.empty()) return copy_out(logbook::to_json(logbook::SearchAnswer{.id = id, .hits = {}, .error = error}));
  if (id != g_ranked_id || texts.id != id)
    return copy_out(logbook::to_json(logbook::SearchAnswer{.id = id, .hits = {}, .error = "This answer was replaced by a newer one."}));
  const double start = emscripten_get_now();
  logbook::make_snippets(g_ranked, texts.texts);
  return copy_out(logbook::to_json(answer_of(id, g_ranked, emscripten_get_now() - start)));
}

}  // extern "C"
