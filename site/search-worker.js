// The search worker: owns the search database and answers queries by message, so
// typing never waits on SQLite. Messages in: {type:"load", url, core} once, then
// {type:"query", id, request}. Out: {type:"ready"} | {type:"failed", error} |
// {type:"answer", id, answer, received, started, done}. request and answer are JSON
// strings this file passes through untouched: SearchRequest and SearchAnswer in
// src/core/search_wire.hpp, which also documents every message. Today it loads the whole
// file; HTTP range reads can replace the load without changing the messages.
"use strict";
let core = null;
let failed = null;
const queue = [];
let scheduled = false;

function answer(d) {
  const t0 = performance.now();
  const request = typeof d.request === "string" ? d.request : "";  // the core says what is wrong with ""
  const n = core.lengthBytesUTF8(request) + 1, q = core._malloc(n);
  core.stringToUTF8(request, q, n);
  const p = core._sw_search(d.id, q);
  core._free(q);
  const json = core.UTF8ToString(p);
  core._free(p);
  const t1 = performance.now();
  postMessage({type: "answer", id: d.id, answer: json,
               received: d.received, started: performance.timeOrigin + t0, done: performance.timeOrigin + t1});
}

// The one answer written here rather than by the core: the worker's wasm may be what
// failed to load. Its shape is SearchAnswer's, version 1 (src/core/search_wire.hpp).
function failedAnswer(id) {
  return JSON.stringify({format: "logbook-search-answer", version: 1, id: id, hits: [], error: failed, millis: 0});
}

// Answers what is queued; of the reader's keystrokes (positive ids) only the latest
// matters, older ones are skipped unanswered (the app ignores their answers anyway).
function pump() {
  scheduled = false;
  while (queue.length) {
    const d = queue.shift();
    if (d.id > 0 && queue.some(function (later) { return later.id > 0; })) continue;
    if (failed) postMessage({type: "answer", id: d.id, answer: failedAnswer(d.id)});
    else answer(d);
  }
}

// A message to ourselves runs pump() after the messages already waiting, and unlike
// setTimeout it is never throttled when the page is in the background.
const wake = new MessageChannel();
wake.port1.onmessage = pump;

function schedule() {
  if (scheduled || !core && !failed) return;
  scheduled = true;
  wake.port2.postMessage(0);
}

onmessage = function (m) {
  const d = m.data;
  if (d.type === "query") {
    d.received = performance.timeOrigin + performance.now();
    queue.push(d);
    schedule();
    return;
  }
  if (d.type !== "load") return;
  try {
    importScripts(d.core);
  } catch {
    failed = "Search is unavailable: its engine (" + d.core + ") could not be loaded. Rebuild the site with the app, then reload.";
    postMessage({type: "failed", error: failed});
    return;
  }
  const database = fetch(d.url).then(function (r) {
    if (!r.ok) throw new Error("the search database answered HTTP " + r.status + " at " + d.url + "; rebuild the site with `logbook build`");
    return r.arrayBuffer();
  });
  Promise.all([createSearchCore(), database]).then(function (both) {
    const mod = both[0], bytes = new Uint8Array(both[1]);
    const p = mod._malloc(bytes.length || 1);
    mod.HEAPU8.set(bytes, p);
    const e = mod._sw_open(p, bytes.length);
    mod._free(p);
    const error = mod.UTF8ToString(e);
    mod._free(e);
    if (error) throw new Error(error);
    core = mod;
    postMessage({type: "ready"});
    schedule();
  }).catch(function (e) {
    failed = "Search is unavailable: " + e.message + ". Reload the page to try again.";
    postMessage({type: "failed", error: failed});
    schedule();
  });
};
