// The reader's search, an Emscripten JavaScript library beside web_platform.js (linked
// with --js-library, see wasm/CMakeLists.txt): the C side's search imports, and the
// search worker (site/search-worker.js) that answers them, which lbjs_install starts.
// The conventions are web_platform.js's: lbjs_* are C imports (web_platform.cpp),
// $lb* are JavaScript only and listed in the __deps of what uses them, wherever in the
// two files they are defined (ctest js_lint checks it), and state lives on Module.
mergeInto(LibraryManager.library, {
  // --- the C side's imports: the queries go to the worker lbInstallSearch starts

  // request: a SearchRequest as JSON (src/core/search_wire.hpp lists every message).
  lbjs_search: function (id, request) { Module.lbSearch(id, UTF8ToString(request)); },

  // 0 loading, 1 ready, 2 failed (app::SearchStatus).
  lbjs_search_warm_up: function () { if (Module.lbSearchWarmUp) Module.lbSearchWarmUp(); },
  lbjs_search_status: function () { return Module.lbSearchState ? Module.lbSearchState.status : 0; },

  lbjs_search_error: function () { return allocateUTF8((Module.lbSearchState && Module.lbSearchState.error) || ""); },

  // --- the worker

  // The search worker, started by boot.js with the app and adopted (Module.lbStartSearch)
  // once the first page is drawn. The app's queries (Module.lbSearch) are answered into
  // lb_search_answer; the automation API's (api.search, negative ids) into a promise. Also
  // adds the API's search functions, which share the worker.
  $lbInstallSearch__deps: ["$lbWake", "$lbWithCString"],
  $lbInstallSearch: function (api) {
    const base = Module.lbBase || "";
    const state = {status: 0, error: ""};
    Module.lbSearchState = state;
    const waiting = new Map();
    // Where a keystroke's time goes, for bench/app_bench.mjs: key event, query posted,
    // answer back, answer read, results drawn (ms since navigation).
    const trace = new Map();
    Module.lbSearchTrace = trace;
    let worker = null, apiId = -1, heldFor = 0;
    // A word query's snippets need its hits' text, which this page makes: the worker's
    // download leaves the Markdown parser out. The pages' index.md, fetched in parallel and
    // kept (the next keystrokes' hits are mostly the same pages), become a SearchTexts
    // (src/core/search_wire.hpp) in the app's wasm, which the worker makes snippets of.
    const sources = new Map();  // path -> its index.md's text, the latest up to kSourceChars
    const kSourceChars = 8 * 1024 * 1024;
    let sourceChars = 0, fresh = false;  // fresh: a new deployment was seen, the HTTP cache may be stale
    const source = function (path) {
      if (sources.has(path)) return Promise.resolve(sources.get(path));
      return fetch(base + "/" + path, fresh ? {cache: "no-cache"} : {}).then(function (r) { return r.ok ? r.text() : null; })
        .then(function (t) {
          if (t === null) return null;
          sources.set(path, t);
          sourceChars += t.length;
          for (const oldest of sources.keys()) {  // (no destructuring: Emscripten's preprocessor mangles it)
            if (sourceChars <= kSourceChars || oldest === path) break;
            sourceChars -= sources.get(oldest).length;
            sources.delete(oldest);
          }
          return t;
        }, function () { return null; });
    };
    const makeSnippets = function (d) {
      Promise.all(d.texts.map(source)).then(function (list) {
        const p = lbWithCString(function (a) {
          return lbWithCString(function (t) { return Module._lb_snippet_texts(a, t); }, JSON.stringify(list));
        }, d.answer);
        const texts = UTF8ToString(p);
        _free(p);
        worker.postMessage({type: "snippets", id: d.id, texts: texts});
      });
    };
    // A word query is answered twice (site/search-worker.js): its hits, then the same hits
    // with snippets (final). The app draws both; the automation API waits for the final one.
    const answered = function (d) {
      if (!d.final && d.texts && d.texts.length) makeSnippets(d);
      const w = waiting.get(d.id);
      if (w) { if (d.final) { waiting.delete(d.id); w(d); } return; }
      if (d.id === heldFor) Module.lbReleaseHold();
      const t = trace.get(d.id);
      if (t && t.arrived) {  // the snippets: drawn with the next display frame, not at once
        lbWithCString(function (p) { return Module._lb_search_answer(d.id, p); }, d.answer);
        lbWake();
        t.snippets = performance.now();
        return;
      }
      if (t) { t.arrived = performance.now(); const o = performance.timeOrigin; t.received = d.received - o; t.started = d.started - o; t.done = d.done - o; t.engine = t.done - t.started; }
      lbWithCString(function (p) { return Module._lb_search_answer(d.id, p); }, d.answer);
      if (t) t.parsed = performance.now();
      Module.lbRunFrame();  // results are drawn as soon as they arrive, not at the next display frame
      if (t) {
        t.drawn = performance.now();
        requestAnimationFrame(function () { t.shown = performance.now(); });
      }
    };
    let warmed = false;
    // list: the manifest's search.list, the database's piece list ("" when there is none).
    const heard = function (d) {
      if (d.type === "ready") { state.status = 1; lbWake(); }
      else if (d.type === "failed") { state.status = 2; state.error = d.error; lbWake(); }
      else if (d.type === "answer") answered(d);
      else if (d.type === "redeployed") redeployed();
    };
    // The worker boot.js started with the app (Module.lbSearchWorker: the worker, its list
    // and what it has said) is adopted when it reads the same list; else one starts here.
    Module.lbStartSearch = function (list) {
      if (worker) return;
      const early = Module.lbSearchWorker;
      Module.lbSearchWorker = null;
      if (early && early.list === list) {
        worker = early.worker;
      } else {
        if (early) early.worker.terminate();
        try { worker = new Worker(base + "/app/search-worker.js"); } catch (e) { state.status = 2; state.error = "The search worker could not start: " + e.message; return; }
        worker.postMessage({type: "load", base: location.origin + base, list: list, core: base + "/app/search-core.js"});
      }
      worker.onmessage = function (m) { heard(m.data); };
      worker.onerror = function (e) { state.status = 2; state.error = "The search worker failed: " + (e.message || "unknown error"); lbWake(); };
      if (early && worker === early.worker && early.state) heard(early.state);
      if (warmed) worker.postMessage({type: "warm"});
    };
    Module.lbSearchWarmUp = function () {
      if (worker && !warmed) worker.postMessage({type: "warm"});
      warmed = true;
    };
    // The worker found the site deployed again and now searches the new deployment: the
    // service worker is asked to look for it, so that loader.js offers "a new version is
    // available" and the app, its pages and its search agree again after a reload.
    const redeployed = function () {
      state.redeployed = true;
      fresh = true;
      sources.clear();  // pages' text of the old deployment
      sourceChars = 0;
      if ("serviceWorker" in navigator)
        navigator.serviceWorker.getRegistration(base + "/").then(function (r) { if (r) return r.update(); })
          .catch(function () { /* no offline copy: the next navigation loads the new deployment */ });
    };
    Module.lbSearch = function (id, request) {
      if (!worker) return;
      heldFor = id;
      Module.lbHold(40);
      trace.set(id, {request: request, key: Module.lbLastInput || 0, sent: performance.now()});
      if (trace.size > 2000) trace.delete(trace.keys().next().value);
      worker.postMessage({type: "query", id: id, request: request, sent: performance.timeOrigin + performance.now()});
    };

    // A hit as `logbook search --json` gives it: marks dropped; what a partial match lacks
    // and the query searched instead of a misspelt one only when there are.
    const searchHit = function (h, corrected) {
      const hit = {path: h.path, url: h.url, title: h.title, snippet: h.snippet.split(String.fromCharCode(2)).join("").split(String.fromCharCode(3)).join("")};
      if (h.missing) hit.missing = h.missing;
      if (corrected) hit.corrected = corrected;
      return hit;
    };

    api.search = function (query) {
      return new Promise(function (resolve, reject) {
        const go = function () {
          if (state.status === 2) { reject(new Error(state.error)); return; }
          if (state.status !== 1) { setTimeout(go, 20); return; }
          const id = apiId--;
          waiting.set(id, function (d) {
            const r = JSON.parse(d.answer);  // a SearchAnswer (src/core/search_wire.hpp)
            if (r.error) reject(new Error(r.error));
            else resolve(r.hits.map(function (h) { return searchHit(h, r.corrected); }));
          });
          const text = String(query);  // its length too: a NUL in it is text, not its end
          const p = lbWithCString(function (q) { return Module._lb_search_request(id, q, lengthBytesUTF8(text), 20); }, text);
          const request = UTF8ToString(p);
          _free(p);
          worker.postMessage({type: "query", id: id, request: request});
        };
        go();
      });
    };
    api.searchTrace = function () { return Array.from(trace.values()).filter(function (t) { return t.drawn; }); };
    api.searchReady = function () { return state.status === 1; };
    api.searchRedeployed = function () { return !!state.redeployed; };
  },
});
