// The search worker: owns the search database and answers queries by message, so
// typing never waits on SQLite. The database is read through its content-addressed
// pieces (src/core/db_pieces.hpp, ADR-0009): the engine asks for files by path and
// lbFetchFiles fetches them by synchronous XHR (a VFS cannot wait for a promise; a
// dedicated worker may block), through the page's service worker.
//
// Messages in (the page's wasm/web_platform.js):
//   {type: "load", base, list, core}  once: base is the site root's absolute URL (no
//                                      trailing slash), list the manifest's search.list
//                                      ("" when the site has no search database), core
//                                      the engine's script; the list and the pieces every
//                                      query reads are fetched at once (warm)
//   {type: "warm"}                     the palette opened: the same for a list not yet
//                                      warmed (a new deployment's)
//   {type: "query", id, request, sent} request: a SearchRequest as JSON; sent: when the
//                                      page sent it (timeOrigin + now, ms), for the
//                                      keystroke rules below
//   {type: "snippets", id, texts}      texts: a SearchTexts as JSON, the ranked hits' text
//                                      (the page makes it from their index.md: this
//                                      worker's download has no Markdown parser)
// Out: {type: "ready"} (the engine is loaded) | {type: "failed", error} |
//      {type: "answer", id, answer, final, texts, received, started, done}: a word query
//                                      is answered twice, its ranked hits at once (final
//                                      false, no snippets; texts: the files whose text the
//                                      snippets need), then, once the page sent that text,
//                                      the same hits with their snippets (final true) |
//      {type: "redeployed", list}      a piece was gone: the site was deployed again, and
//                                      the worker now reads the new manifest's list
// request, texts and answer are JSON strings this file passes through untouched:
// src/core/search_wire.hpp's types, which also documents every message.
"use strict";
let core = null;
let failed = null;
let base = "";
let list = "";        // the list the engine reads: one list at a time, never two mixed
let opened = false;   // the engine is open over `list`
let warming = null;   // the warm-up's promise while it runs
let warmed = "";      // the list the warm-up last ran for (once per list)
let gone = "";        // a file under search/ that answered 404 during the current call
let unreachable = false;  // a file could not be fetched at all (offline) during the current call
const ahead = new Map();  // path -> bytes fetched ahead (the warm-up), handed to the engine once
let snipping = 0;         // an automation query waits for its snippets' text: queries wait
const queue = [];
let scheduled = false;

const siteUrl = function (path) { return base + "/" + path; };

// One file, synchronously: from what the warm-up fetched, else by XHR. null when missing.
function getSync(path) {
  if (ahead.has(path)) {
    const b = ahead.get(path);
    ahead.delete(path);
    return b;
  }
  const x = new XMLHttpRequest();
  x.open("GET", siteUrl(path), false);
  x.responseType = "arraybuffer";
  try { x.send(); } catch { unreachable = true; return null; }  // offline, or the host is unreachable
  if (x.status === 0) { unreachable = true; return null; }  // the same, said without a throw
  if (x.status === 200) return new Uint8Array(x.response);
  if (x.status === 404 && path.startsWith("search/")) gone = path;
  return null;
}

// The engine's FetchFiles (wasm/search_worker.cpp lb_fetch_files). A batch's other files
// are requested at once, so that they travel while the first is awaited and the
// synchronous reads that follow find them in the HTTP cache. Returns a malloc'd block:
// per file an int32 length (-1: missing), then its bytes.
function fetchFiles(paths) {
  for (let i = 1; i < paths.length; ++i)
    if (!ahead.has(paths[i])) fetch(siteUrl(paths[i])).catch(function () { /* the synchronous read reports it */ });
  return encodeFiles(paths.map(getSync));
}

// Files (bytes or null) as wasm/search_worker.cpp reads them (take_files): a malloc'd block.
function encodeFiles(files) {
  let n = 4;
  files.forEach(function (f) { n += 4 + (f ? f.length : 0); });
  const p = core._malloc(n);
  const view = new DataView(core.HEAPU8.buffer);
  let at = p;
  files.forEach(function (f) {
    view.setInt32(at, f ? f.length : -1, true);
    at += 4;
    if (f) { core.HEAPU8.set(f, at); at += f.length; }
  });
  return p;
}

function takeString(p) {
  const s = core.UTF8ToString(p);
  core._free(p);
  return s;
}

function withCString(text, fn) {
  const n = core.lengthBytesUTF8(text) + 1, q = core._malloc(n);
  core.stringToUTF8(text, q, n);
  const p = fn(q);
  core._free(q);
  return takeString(p);
}

// As the worker loads (with the app, before its first page is drawn), and again for a new
// deployment's list: the list, then the pieces every query reads (its "opening"), all in
// parallel, while the engine's own script loads; the engine opens over them without
// waiting further. So a first search, even at the first frame, fetches only what its
// words need (ADR-0009).
function warm() {
  if (warming || opened || !list || warmed === list) return;
  warmed = list;
  const get = function (path) {
    return fetch(siteUrl(path)).then(function (r) { return r.ok ? r.arrayBuffer() : null; })
      .then(function (b) { if (b) ahead.set(path, new Uint8Array(b)); return b; });
  };
  const l = list;
  warming = get(l).then(function (b) {
    const pieces = b ? JSON.parse(new TextDecoder().decode(b)) : {};  // format: src/core/db_pieces.hpp
    const names = Array.isArray(pieces.pieces) ? pieces.pieces : [];
    const opening = Array.isArray(pieces.opening) ? pieces.opening : [];
    return Promise.all(opening.filter(function (i) { return typeof names[i] === "string" && names[i]; })
      .map(function (i) { return get("search/" + names[i] + ".bin"); }));
  }).catch(function () { /* the synchronous open below says what is wrong */ }).then(function () {
    warming = null;
    if (core && l === list && !opened) open();
    schedule();
  });
}

function open() {
  gone = "";
  const error = withCString(list, function (q) { return core._sw_open(q); });
  opened = !error;
  return error;
}

// A file of the list is gone: the site was deployed again. Takes the new manifest's list
// (past the service worker's copy, ?fresh) and drops everything read through the old
// one. false when the manifest names the same list (the piece is really missing).
function redeploy() {
  const x = new XMLHttpRequest();
  x.open("GET", base + "/manifest.json?fresh=" + Date.now(), false);
  try { x.send(); } catch { return false; }
  let next = "";
  try { next = x.status === 200 ? JSON.parse(x.responseText).search.list : ""; } catch { /* no list */ }
  if (typeof next !== "string" || !next || next === list) return false;
  list = next;
  opened = false;
  ahead.clear();
  postMessage({type: "redeployed", list: list});
  return true;
}

// The one answer written here rather than by the core: the worker's wasm may be what
// failed to load. Its shape is SearchAnswer's, version 2 (src/core/search_wire.hpp).
function failedAnswer(id, error) {
  return JSON.stringify({format: "logbook-search-answer", version: 3, id: id, hits: [], error: error, millis: 0, corrected: ""});
}

// A query's answer; after a new deployment, the same query over the new list. A file the
// current manifest's list still names but the host does not have is a broken deployment.
function run(d, request) {
  for (let attempt = 0; ; ++attempt) {
    unreachable = false;
    const error = opened ? "" : open();
    if (!error) gone = "";
    const before = error ? 0 : core._sw_pieces_fetched();
    const json = error ? failedAnswer(d.id, error) : withCString(request, function (q) { return core._sw_search(d.id, q); });
    cold = !!error || core._sw_pieces_fetched() !== before;
    if (unreachable) {  // the engine failed for want of a file: not a new deployment
      // Its failure stays with its open database: the next query, perhaps online again,
      // opens a new one over the same list (the pieces read come from the caches).
      opened = false;
      return failedAnswer(d.id, "Search could not reach " + base + " for the part of its index this query needs (you may be " +
                                "offline). Parts read before are kept; try again when you are online.");
    }
    if (!gone || attempt > 0) return json;
    if (!redeploy()) {
      return failedAnswer(d.id, base + "/" + gone + " is missing on the server, though the site's manifest names it: the " +
                                "deployment is incomplete. Publish the whole output of `logbook build` again.");
    }
  }
}

function answer(d) {
  const t0 = performance.now();
  const request = typeof d.request === "string" ? d.request : "";  // the core says what is wrong with ""
  const json = run(d, request);
  const paths = takeString(core._sw_snippet_paths()).split("\n").filter(Boolean);
  const t1 = performance.now();
  postMessage({type: "answer", id: d.id, answer: json, final: !paths.length, texts: paths,
               received: d.received, started: performance.timeOrigin + t0, done: performance.timeOrigin + t1});
  if (paths.length && d.id < 0) snipping = d.id;
}

// The second step of an answer: its hits again, with snippets made from the text the page
// sent. Dropped when a newer query has been ranked meanwhile (the app shows only the
// latest); the automation API's queries (negative ids) hold the queue until their text
// comes, so that each gets its snippets.
function snippets(d) {
  const json = withCString(typeof d.texts === "string" ? d.texts : "", function (q) { return core._sw_snippets(d.id, q); });
  if (d.id === snipping) {
    snipping = 0;
    schedule();
  }
  if (JSON.parse(json).error && d.id > 0) return;  // replaced by a newer answer
  postMessage({type: "answer", id: d.id, answer: json, final: true});
}

// Once started, a query cannot be stopped (the engine blocks on its reads), so a word typed
// after it waits for it. So a reader's query waits a moment for the next keystroke when
// one is likely: one of one or two letters waits kShortQueryWaitMs (it is seldom the
// last, and reads much) while the engine is cold, and one that came within kBurstMs of
// the one before waits kBurstMs (a burst: pasting, an IME, automation), so that only a
// burst's last query runs. Past the second letter, typing at a person's pace (keys 25 ms
// or more apart) waits for nothing, nor does any keystroke once the engine is warm.
const kShortQueryWaitMs = 40;
const kBurstMs = 25;
let lastQueryAt = -1e9;
// Cold: the last query had to fetch pieces (or none ran yet). Once one is answered from
// the pieces at hand, a short query runs at once: the keystrokes of a reader who searches
// again draw without the wait (bench/search_pieces.mjs, the cached pass).
let cold = true;
function isShort(d) {
  try { return Array.from(String(JSON.parse(d.request).query).trim()).length <= 2; } catch { return false; }
}
function waitFor(d) {
  if (d.id <= 0 || failed) return 0;
  const quiet = isShort(d) && cold ? kShortQueryWaitMs : d.burst ? kBurstMs : 0;
  return d.sentAt + quiet - performance.now();
}

// Answers what is queued; of the reader's keystrokes (positive ids) only the latest
// matters, older ones are skipped unanswered (the app ignores their answers anyway).
// While the warm-up runs, queries wait for it: it fetches in parallel what they would
// fetch one by one.
function pump() {
  scheduled = false;
  if (core && !failed && !opened) warm();
  if (warming || snipping) return;
  while (queue.length && !snipping) {
    const d = queue[0];
    if (d.id > 0 && queue.some(function (later) { return later.id > 0 && later !== d; })) { queue.shift(); continue; }
    const wait = waitFor(d);
    if (wait > 0) { setTimeout(schedule, wait); return; }
    queue.shift();
    if (failed) postMessage({type: "answer", id: d.id, answer: failedAnswer(d.id, failed), final: true});
    else answer(d);
  }
}

// A message to ourselves runs pump() after the messages already waiting, and unlike
// setTimeout it is never throttled when the page is in the background.
const wake = new MessageChannel();
wake.port1.onmessage = pump;

function schedule() {
  if (scheduled || !core && !failed || !queue.length || snipping) return;
  scheduled = true;
  wake.port2.postMessage(0);
}

function fail(why) {
  failed = "Search is unavailable: " + why;
  postMessage({type: "failed", error: failed});
  schedule();
}

onmessage = function (m) {
  const d = m.data;
  if (d.type === "query") {
    d.arrivedAt = performance.now();
    d.received = performance.timeOrigin + d.arrivedAt;
    // Keystrokes are timed by when the page sent them: those typed while a query ran
    // arrive together once it is done, and are no burst for that.
    d.sentAt = typeof d.sent === "number" ? Math.min(d.sent - performance.timeOrigin, d.arrivedAt) : d.arrivedAt;
    if (d.id > 0) {
      d.burst = d.sentAt - lastQueryAt < kBurstMs;
      lastQueryAt = d.sentAt;
    }
    queue.push(d);
    schedule();
    return;
  }
  if (d.type === "warm") {
    warm();
    return;
  }
  if (d.type === "snippets") {
    if (core) snippets(d);
    return;
  }
  if (d.type !== "load") return;
  base = String(d.base || "");
  list = String(d.list || "");
  warm();  // its fetches travel while the engine's script below loads
  try {
    importScripts(d.core);
  } catch {
    fail("its engine (" + d.core + ") could not be loaded. Rebuild the site with the app, then reload.");
    return;
  }
  if (!list) {
    fail("this site was built without a search database; rebuild it with `logbook build`.");
    return;
  }
  createSearchCore({lbFetchFiles: fetchFiles}).then(function (mod) {
    core = mod;
    postMessage({type: "ready"});
    if (!warming && warmed === list && !opened) open();
    schedule();
  }).catch(function (e) {
    fail(e.message + ". Reload the page to try again.");
  });
};
