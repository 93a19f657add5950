// The messages between the reader's page and its search worker, as types.
//
// The reader (wasm/main.cpp, the page) and the search worker (wasm/search_worker.cpp,
// in a Web Worker) are two wasm modules that share no memory: they talk through
// postMessage, by way of JavaScript (wasm/web_platform.js on the page,
// site/search-worker.js in the worker). A page cached by the offline copy can meet a
// worker from a newer deployment, so every payload carries a format version, and a
// reader of another version says so instead of guessing.
//
// The conversation (postMessage objects; the JavaScript reads only `type` and `id`):
//   page -> worker  {type: "load", base, list, core}  once: the site's root, the search
//                                                      database's piece list and the engine's
//                                                      script (JavaScript only)
//   page -> worker  {type: "warm"}                    the palette opened: fetch the opening pieces
//   page -> worker  {type: "query", id, request}      request: SearchRequest as JSON
//   worker -> page  {type: "ready"}                   the engine is loaded
//   worker -> page  {type: "failed", error}           search is unavailable, and why
//   worker -> page  {type: "answer", id, answer,      answer: SearchAnswer as JSON; a word
//                    final, texts, received,          query is answered twice: its ranked hits
//                    started, done}                   (final false; texts: the files whose text
//                                                      the snippets need), then with snippets;
//                                                      stamps (ms since the epoch) for
//                                                      bench/app_bench.mjs's trace
//   page -> worker  {type: "snippets", id, texts}     texts: SearchTexts as JSON, the hits' text
//                                                      made on the page, which has the Markdown
//                                                      parser (the worker's download has not)
//   worker -> page  {type: "redeployed", list}        a new deployment was found
// "ready" and "failed" stay JavaScript objects: they are born in JavaScript (a failure
// is often that the worker's wasm could not be loaded at all) and read by JavaScript
// (the page's search state behind Platform::search_status), and carry no data beyond
// one message for the reader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search_db.hpp"

namespace logbook {

// Raise it when a field changes meaning or a reader would need a new field; both modules
// are built together, so both sides change in one commit. Version 3 added SearchTexts
// (the page makes the snippets' text).
constexpr int kSearchWireVersion = 3;

// One query, written by the page (WebPlatform::search; window.logbook.search through
// lb_search_request), read by the worker (sw_search).
// {"format": "logbook-search-request", "version": 3, "id": 7, "query": "deploy tag:infra", "limit": 20}
struct SearchRequest {
  int id = 0;          // the page's number for the query, echoed in the answer: the reader's
                       // keystrokes count up from 1, the automation API's queries down from -1
  std::string query;   // as typed (query_parser.hpp), any bytes
  int limit = 20;      // at most this many hits

  bool operator==(const SearchRequest&) const = default;
};

// One hit as the reader shows it (a subset of SearchHit: ranking stays in the worker).
struct SearchAnswerHit {
  std::string path;     // source file, relative to the content folder
  std::string url;      // clean URL without the base path
  std::string title;
  std::string section;  // "Guides › API"
  std::string snippet;  // plain text with kMarkOpen / kMarkClose around matched words
  std::string missing;  // a partial match: the query's words it lacks ("" when it has all)
  std::string marked_title;  // the title with marks around matched words ("" when none matched)
  std::string decision;      // a decision record's id and status ("" for other pages)
  std::string status;
  std::string date;          // YYYY-MM-DD or ""

  bool operator==(const SearchAnswerHit&) const = default;
};

// The answer to one SearchRequest, written by the worker (sw_search), read by the page
// (lb_search_answer, into App::on_search_answer; window.logbook.search reads hits and
// error in JavaScript).
// {"format": "logbook-search-answer", "version": 3, "id": 7, "error": "", "millis": 1.25, "corrected": "",
//  "hits": [{"path": "...", "url": "...", "title": "...", "section": "...", "snippet": "...", "missing": "",
//            "marked_title": "", "decision": "ADR-0003", "status": "accepted", "date": "2026-01-04"}]}
// Version 2 added corrected, missing, marked_title, decision, status and date.
struct SearchAnswer {
  int id = 0;                         // the request's id
  std::vector<SearchAnswerHit> hits;  // best first
  std::string error;                  // empty on success, else words for the reader
  double millis = 0;                  // time the engine took, in the worker
  std::string corrected;              // the query answered instead of a misspelt one, else ""

  bool operator==(const SearchAnswer&) const = default;
};

// The page's half of a word query's snippets: each ranked hit's indexed text, in the
// answer's order (page_texts in search_engine.hpp; empty for a page that could not be read),
// written by the page (lb_snippet_texts), read by the worker (sw_snippets, make_snippets).
// {"format": "logbook-search-texts", "version": 3, "id": 7,
//  "texts": [{"title": "...", "headings": "...", "body": "..."}]}
struct SearchTexts {
  int id = 0;                     // the answer's id
  std::vector<IndexedText> texts;

  bool operator==(const SearchTexts&) const = default;
};

// Each message's JSON. Invalid UTF-8 (a snippet cut inside a character) becomes U+FFFD.
std::string to_json(const SearchRequest& request);
std::string to_json(const SearchAnswer& answer);
std::string to_json(const SearchTexts& texts);

// Reads a message: "" on success, else what is wrong and what to do (out is then
// unchanged). Never throws, whatever the text.
std::string from_json(std::string_view json, SearchRequest& out);
std::string from_json(std::string_view json, SearchAnswer& out);
std::string from_json(std::string_view json, SearchTexts& out);

}  // namespace logbook
