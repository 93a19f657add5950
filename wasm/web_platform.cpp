// Every bridge to the browser, in one file: fetch, images, the search worker, history,
// clipboard, storage, the hidden text input, pointer/key/wheel listeners, resizing and
// the device pixel ratio, the frame loop and window.logbook. JavaScript calls back into
// C through the lb_* functions exported by main.cpp.
#include "web_platform.hpp"

#include <emscripten.h>

#include <cstdlib>

#include "core/search_wire.hpp"

// clang-format off
EM_JS(void, lbjs_fetch, (int id, const char* url), {
  const u = UTF8ToString(url);
  fetch(u, {credentials: "same-origin"}).then(function (r) {
    if (!r.ok) { Module.lbDeliverFetch(id, false, r.status, null, "The server answered " + r.status + " for " + u + "."); return; }
    return r.arrayBuffer().then(function (b) { Module.lbDeliverFetch(id, true, r.status, new Uint8Array(b), ""); });
  }).catch(function (e) { Module.lbDeliverFetch(id, false, 0, null, "The network request for " + u + " failed (" + e.message + "); check the connection."); });
});

EM_JS(void, lbjs_load_image, (int id, const char* url), {
  const img = new Image();
  const u = UTF8ToString(url);
  if (!u.startsWith(location.origin) && /^https?:/.test(u)) img.crossOrigin = "anonymous";
  img.decoding = "async";
  img.src = u;
  img.decode().then(function () {
    const gl = GLctx;
    const tex = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, tex);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, img);
    const name = GL.getNewId(GL.textures);
    tex.name = name;
    GL.textures[name] = tex;
    Module._lb_image_done(id, 1, name, img.naturalWidth, img.naturalHeight);
  }).catch(function () { Module._lb_image_done(id, 0, 0, 0, 0); });
});

EM_JS(void, lbjs_search, (int id, const char* request), {
  Module.lbSearch(id, UTF8ToString(request));
});

EM_JS(int, lbjs_search_status, (), { return Module.lbSearchState ? Module.lbSearchState.status : 0; });

EM_JS(char*, lbjs_search_error, (), {
  const e = (Module.lbSearchState && Module.lbSearchState.error) || "";
  const n = lengthBytesUTF8(e) + 1, p = _malloc(n);
  stringToUTF8(e, p, n);
  return p;
});

EM_JS(void, lbjs_history, (int push, const char* url), {
  const u = UTF8ToString(url);
  if (location.pathname + location.search + location.hash === u) return;
  if (push) history.pushState({logbook: 1}, "", u); else history.replaceState({logbook: 1}, "", u);
});

EM_JS(void, lbjs_set_title, (const char* t), { document.title = UTF8ToString(t); });

// The page's static HTML replaces the visually hidden copy, for screen readers.
EM_JS(void, lbjs_accessible_page, (const char* url), {
  const u = UTF8ToString(url);
  if (Module.lbAccessibleUrl === undefined) Module.lbAccessibleUrl = location.pathname;  // the page loaded with it
  if (Module.lbAccessibleUrl === u) return;
  Module.lbAccessibleUrl = u;
  fetch(u).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
    if (!html || Module.lbAccessibleUrl !== u) return;
    const doc = new DOMParser().parseFromString(html, "text/html");
    const fresh = doc.querySelector("main"), old = document.querySelector("main");
    if (!fresh || !old) return;
    // The build sanitizes pages already; this copy enters the live page, so whatever
    // could run, navigate or load there is dropped again before it is imported.
    fresh.querySelectorAll("script,meta,base,link,iframe,frame,object,embed,form,style,template,noscript").forEach(function (e) { e.remove(); });
    fresh.querySelectorAll("*").forEach(function (e) {
      for (const a of Array.from(e.attributes)) {
        const name = a.name.toLowerCase();
        // A URL's scheme ignores spaces and control characters: "java&#9;script:" runs too.
        const scheme = a.value.replace(/[^a-z:]/gi, "").toLowerCase();
        if (name.startsWith("on") || name === "srcdoc" || name === "formaction" ||
            scheme.startsWith("javascript:") || scheme.startsWith("vbscript:"))
          e.removeAttribute(a.name);
        // A named image would replace that property of document (see loader.js).
        else if (e.tagName === "IMG" && (name === "name" || name === "id") && !a.value.startsWith("user-content-"))
          e.setAttribute(a.name, "user-content-" + a.value);
      }
    });
    old.replaceWith(document.importNode(fresh, true));
  }).catch(function () {});
});

EM_JS(void, lbjs_open_tab, (const char* url), { window.open(UTF8ToString(url), "_blank", "noopener"); });

EM_JS(void, lbjs_copy, (const char* text), {
  const t = UTF8ToString(text);
  const fallback = function () {
    const ta = document.createElement("textarea");
    ta.value = t; ta.setAttribute("readonly", ""); ta.style.position = "fixed"; ta.style.opacity = "0";
    document.body.appendChild(ta); ta.select();
    try { document.execCommand("copy"); } catch (e) {}
    ta.remove();
    if (Module.lbInput) Module.lbInput.focus({preventScroll: true});
  };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(fallback); else fallback();
  Module.lbLastCopied = t;
});

EM_JS(char*, lbjs_storage_get, (const char* key), {
  let v = "";
  try { v = localStorage.getItem(UTF8ToString(key)) || ""; } catch (e) {}
  const n = lengthBytesUTF8(v) + 1, p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

EM_JS(void, lbjs_storage_set, (const char* key, const char* value), {
  try { localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

EM_JS(int, lbjs_prefers_dark, (), { return matchMedia("(prefers-color-scheme: dark)").matches ? 1 : 0; });
EM_JS(void, lbjs_request_frames, (int n), {
  if (Module.lbWant) Module.lbWant(n);
  else Module.lbFrames = Math.max(Module.lbFrames || 0, n);  // before lbjs_install: its first resize draws
});
EM_JS(double, lbjs_now, (), { return performance.now(); });
// The local calendar date (toISOString would give UTC's, a day off in the evening).
EM_JS(char*, lbjs_today, (), {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const v = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  const n = lengthBytesUTF8(v) + 1, p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});
EM_JS(double, lbjs_last_input, (), { return Module.lbLastInput || 0; });
EM_JS(float, lbjs_dpr, (), { return window.devicePixelRatio || 1; });
EM_JS(float, lbjs_css_width, (), { return Module.lbCss ? Module.lbCss.w : window.innerWidth; });
EM_JS(float, lbjs_css_height, (), { return Module.lbCss ? Module.lbCss.h : window.innerHeight; });
EM_JS(int, lbjs_frames_wanted, (), { return (Module.lbFrames || 0) > 0 ? 1 : 0; });

EM_JS(void, lbjs_set_cursor, (const char* c), {
  const s = UTF8ToString(c);
  if (Module.canvas.style.cursor !== s) Module.canvas.style.cursor = s;
});

// The hidden input follows the focused text field, so the IME's candidate window
// appears beside it; focusing it brings up a phone's keyboard.
EM_JS(void, lbjs_text_input, (int active, float x, float y, float h), {
  const input = Module.lbInput;
  Module.lbWantText = !!active;
  if (!input) return;
  if (active) {
    input.style.left = x + "px"; input.style.top = y + "px"; input.style.height = h + "px";
    if (document.activeElement !== input) input.focus({preventScroll: true});
  } else if (document.activeElement === input) {
    input.blur();
  }
});

EM_JS(void, lbjs_notify_ready, (), { if (Module.lbResolveReady) Module.lbResolveReady(); });
EM_JS(void, lbjs_start_search, (), { if (Module.lbStartSearch) Module.lbStartSearch(); });

EM_JS(char*, lbjs_take_preload, (const char* name), {
  const pre = Module.logbookPreload || {};
  const v = pre[UTF8ToString(name)];
  if (!v) { HEAPU32[Module.lbScratch >> 2] = 0; return 0; }
  const bytes = typeof v === "string" ? new TextEncoder().encode(v) : new Uint8Array(v);
  delete pre[UTF8ToString(name)];
  const p = _malloc(bytes.length || 1);
  HEAPU8.set(bytes, p);
  HEAPU32[Module.lbScratch >> 2] = bytes.length;
  return p;
});

EM_JS(char*, lbjs_initial_route, (), {
  const base = Module.lbBase || "";
  let path = location.pathname;
  if (base && path.startsWith(base)) path = path.slice(base.length);
  const r = (path || "/") + location.search + location.hash;
  const n = lengthBytesUTF8(r) + 1, p = _malloc(n);
  stringToUTF8(r, p, n);
  return p;
});

EM_JS(void, lbjs_install, (void* scratch), {
  Module.lbScratch = scratch;
  const canvas = Module.canvas;
  const base = Module.lbBase || "";
  const str = function (s) { const n = lengthBytesUTF8(s) + 1, p = _malloc(n); stringToUTF8(s, p, n); return p; };
  const callStr = function (fn, s) { const p = str(s); try { return fn(p); } finally { _free(p); } };
  // Input is handled at once (a keystroke's query leaves now, a tap can focus the text
  // field inside the gesture), but pixels are drawn once per display frame: drawing is
  // what costs, and the browser shows at most one frame per refresh anyway.
  const frameNow = function () { Module._lb_frame(0); Module.lbWant(1); };  // after the frame: it may hold the next one
  const wake = function () { Module.lbWant(1); };
  // The event's own time: a keystroke that waited behind a busy main thread counts its wait.
  const stamp = function (e) { Module.lbLastInput = e && e.timeStamp > 0 ? Math.min(e.timeStamp, performance.now()) : performance.now(); };

  // A display frame is asked for only when there is something to draw: an idle page
  // costs nothing. While a keystroke's search is out (a few ms), its frame waits for the
  // answer (lbHold), so the typed letter and its results arrive together, in one frame.
  let scheduled = false, holdUntil = 0, holdTimer = 0;
  const tick = function () {
    scheduled = false;
    if ((Module.lbFrames || 0) <= 0) return;
    if (performance.now() < holdUntil) { schedule(); return; }
    Module.lbRunFrame();
    if (Module.lbFrames > 0) schedule();
  };
  const schedule = function () {
    if (scheduled) return;
    scheduled = true;
    const wait = holdUntil - performance.now();
    if (wait > 0) holdTimer = setTimeout(function () { holdTimer = 0; scheduled = false; schedule(); }, wait);
    else requestAnimationFrame(tick);
  };
  Module.lbWant = function (n) { Module.lbFrames = Math.max(Module.lbFrames || 0, n); schedule(); };
  Module.lbHold = function (ms) { holdUntil = performance.now() + ms; };
  Module.lbReleaseHold = function () {
    holdUntil = 0;
    if (holdTimer) { clearTimeout(holdTimer); holdTimer = 0; scheduled = false; }
    if (Module.lbFrames > 0) schedule();
  };

  Module.lbDeliverFetch = function (id, ok, status, bytes, error) {
    const n = bytes ? bytes.length : 0, p = _malloc(n || 1);
    if (n) HEAPU8.set(bytes, p);
    const e = str(error);
    Module._lb_fetch_done(id, ok ? 1 : 0, status, p, n, e);
    _free(p); _free(e);
    wake();
  };

  // --- frames: drawn on demand (input, animation, loading), at most once per display frame.
  const times = [];
  Module.lbFrameTimes = times;
  Module.lbRunFrame = function () {
    const t0 = performance.now();
    Module._lb_frame(1);
    const dt = performance.now() - t0;
    times.push(dt);
    if (times.length > 4000) times.splice(0, 1000);
    Module.lbFrames = Math.max(0, (Module.lbFrames || 0) - 1);
  };
  const resize = function () {
    const dpr = window.devicePixelRatio || 1;
    const w = window.innerWidth, h = window.innerHeight;
    Module.lbCss = {w: w, h: h};
    canvas.style.width = w + "px"; canvas.style.height = h + "px";
    // Setting a canvas's size clears it, even to the same size; the app only redraws
    // a frame that differs from the one shown (see lb_frame).
    if (canvas.width !== Math.round(w * dpr)) canvas.width = Math.round(w * dpr);
    if (canvas.height !== Math.round(h * dpr)) canvas.height = Math.round(h * dpr);
    wake();
  };
  resize();
  window.addEventListener("resize", resize);
  // Browser zoom and moving to another screen change the pixel ratio without a resize.
  const watchDpr = function () {
    matchMedia("(resolution: " + (window.devicePixelRatio || 1) + "dppx)").addEventListener("change", function () { resize(); watchDpr(); }, {once: true});
  };
  watchDpr();
  document.addEventListener("visibilitychange", wake);
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function (e) { Module._lb_system_theme(e.matches ? 1 : 0); wake(); });
  window.addEventListener("popstate", function () {
    let path = location.pathname;
    if (base && path.startsWith(base)) path = path.slice(base.length);
    callStr(Module._lb_popstate, (path || "/") + location.search + location.hash);
    wake();
  });

  // --- pointer: mouse, pen and touch all arrive as pointer events on the canvas.
  const source = function (e) { return e.pointerType === "touch" ? 2 : e.pointerType === "pen" ? 1 : 0; };
  const pos = function (e) { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
  canvas.addEventListener("pointermove", function (e) {
    stamp(e);
    const evs = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
    const last = evs.length ? evs[evs.length - 1] : e;
    const p = pos(last);
    Module._lb_pointer_move(p[0], p[1], source(e));
    wake();
  });
  canvas.addEventListener("pointerdown", function (e) {
    stamp(e);
    const p = pos(e);
    if (e.button === 0 || e.button === 1 || e.button === 2) {
      canvas.setPointerCapture(e.pointerId);
      Module._lb_pointer_move(p[0], p[1], source(e));
      Module._lb_pointer_button(e.button === 1 ? 2 : e.button === 2 ? 1 : 0, 1, e.ctrlKey | 0, e.metaKey | 0, e.shiftKey | 0, e.altKey | 0);
    }
    if (e.button === 1) e.preventDefault();  // no autoscroll: middle click opens links in a new tab
    frameNow();
    if (!Module.lbWantText && document.activeElement === Module.lbInput) Module.lbInput.blur();
  });
  const up = function (e) {
    stamp(e);
    const p = pos(e);
    Module._lb_pointer_move(p[0], p[1], source(e));
    Module._lb_pointer_button(e.button === 1 ? 2 : e.button === 2 ? 1 : 0, 0, e.ctrlKey | 0, e.metaKey | 0, e.shiftKey | 0, e.altKey | 0);
    // Run the frame now, inside the gesture: a text field it focuses may take the
    // keyboard, which phones only allow while handling the tap.
    frameNow();
    frameNow();
    if (Module.lbWantText && Module.lbInput && document.activeElement !== Module.lbInput) Module.lbInput.focus({preventScroll: true});
    if (e.pointerType === "touch") Module._lb_pointer_move(-1e6, -1e6, 2);
  };
  canvas.addEventListener("pointerup", up);
  canvas.addEventListener("pointercancel", up);
  canvas.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse" && !e.buttons) { Module._lb_pointer_move(-1e6, -1e6, 0); wake(); } });
  canvas.addEventListener("auxclick", function (e) { e.preventDefault(); });
  canvas.addEventListener("contextmenu", function (e) { e.preventDefault(); });
  canvas.addEventListener("wheel", function (e) {
    stamp(e);
    const unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? window.innerHeight : 1;
    Module._lb_wheel(-e.deltaX * unit / 60, -e.deltaY * unit / 60);
    e.preventDefault();
    wake();
  }, {passive: false});

  // --- keys and text. Keys go to ImGui as keys; text comes from the hidden input's
  // input and composition events, so IME, dead keys and phone keyboards all work.
  const input = document.createElement("input");
  input.type = "text";
  input.autocomplete = "off"; input.autocapitalize = "off"; input.spellcheck = false;
  input.setAttribute("aria-label", "Search the documentation");
  input.className = "logbook-ime";
  document.body.appendChild(input);
  Module.lbInput = input;
  let composing = false;
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function (e) {
    composing = false;
    if (e.data) callStr(Module._lb_text, e.data);
    input.value = "";
    frameNow();
  });
  input.addEventListener("beforeinput", function (e) {
    if (e.inputType === "deleteContentBackward" && !input.value) { Module._lb_key_tap(str("Backspace")); frameNow(); }
  });
  input.addEventListener("input", function (e) {
    // Typed text follows its keydown, which was the keystroke; a phone keyboard or an
    // IME sends no keydown, and then the input event is the keystroke.
    if (!(Module.lbLastInput > e.timeStamp - 200)) stamp(e);
    if (composing || e.isComposing) return;
    if (input.value) callStr(Module._lb_text, input.value);
    input.value = "";
    frameNow();  // a keystroke is drawn (and its query sent) now, not at the next display frame
  });
  const typingKey = function (e) { return e.key.length === 1 && !e.ctrlKey && !e.metaKey; };
  const onKey = function (down) {
    return function (e) {
      stamp(e);
      if (e.isComposing || e.keyCode === 229) return;
      const handled = callStr(function (p) { return Module._lb_key(p, down ? 1 : 0, e.ctrlKey | 0, e.metaKey | 0, e.shiftKey | 0, e.altKey | 0); }, e.key);
      const wantText = Module.lbWantText;
      // A plain character from a physical keyboard is typed here, at its keydown, and the
      // hidden input never changes: the query leaves at once, without waiting for the
      // browser to edit the input first. Dead keys ("Dead"), IMEs (229) and phone
      // keyboards (229, "Unidentified") still come through the input's events below.
      if (down && wantText && typingKey(e) && !e.altKey && document.activeElement === input) {
        e.preventDefault();
        callStr(Module._lb_text, e.key);
        frameNow();
        return;
      }
      const k = e.key.toLowerCase();
      const ours = (e.ctrlKey || e.metaKey) && (k === "f" || k === "k" || (k === "a" && !wantText));
      const nav = !wantText && handled && (e.key === " " || e.key === "/" || e.key.startsWith("Arrow") || e.key.startsWith("Page") || e.key === "Home" || e.key === "End");
      if (down && (ours || nav || e.key === "Tab" || (wantText && handled && !typingKey(e) && !(e.ctrlKey || e.metaKey)))) e.preventDefault();
      if (wantText && typingKey(e)) wake();  // its letter comes in the input event, which runs the frame
      else {
        frameNow();
        if (down && !wantText) frameNow();  // a shortcut that opens a text field focuses it in the next frame
      }
      if (down && Module.lbWantText && document.activeElement !== input) input.focus({preventScroll: true});
    };
  };
  window.addEventListener("keydown", onKey(true));
  window.addEventListener("keyup", onKey(false));
  window.addEventListener("blur", function () { Module._lb_focus(0); wake(); });
  window.addEventListener("focus", function () { Module._lb_focus(1); wake(); });
  // Paste arrives in the hidden input as text (input event); ImGui's own paste stays empty.

  // --- the search worker, started once the first page is drawn.
  const state = {status: 0, error: ""};
  Module.lbSearchState = state;
  const waiting = new Map();
  let worker = null, apiId = -1;
  Module.lbStartSearch = function () {
    if (worker) return;
    try { worker = new Worker(base + "/app/search-worker.js"); } catch (e) { state.status = 2; state.error = "The search worker could not start: " + e.message; return; }
    worker.onmessage = function (m) {
      const d = m.data;
      if (d.type === "ready") { state.status = 1; wake(); }
      else if (d.type === "failed") { state.status = 2; state.error = d.error; wake(); }
      else if (d.type === "answer") {
        const w = waiting.get(d.id);
        if (w) { waiting.delete(d.id); w(d); return; }
        if (d.id === heldFor) Module.lbReleaseHold();
        const t = trace.get(d.id);
        if (t) { t.arrived = performance.now(); const o = performance.timeOrigin; t.received = d.received - o; t.started = d.started - o; t.done = d.done - o; t.engine = t.done - t.started; }
        callStr(function (p) { return Module._lb_search_answer(d.id, p); }, d.answer);
        if (t) t.parsed = performance.now();
        Module.lbRunFrame();  // results are drawn as soon as they arrive, not at the next display frame
        if (t) {
          t.drawn = performance.now();
          requestAnimationFrame(function () { t.shown = performance.now(); });
        }
      }
    };
    worker.onerror = function (e) { state.status = 2; state.error = "The search worker failed: " + (e.message || "unknown error"); wake(); };
    worker.postMessage({type: "load", url: base + "/search.db", core: base + "/app/search-core.js"});
  };
  // Where a keystroke's time goes, for bench/app_bench.mjs: key event, query posted,
  // answer back, answer read, results drawn (ms since navigation).
  const trace = new Map();
  let heldFor = 0;
  // request: a SearchRequest as JSON (src/core/search_wire.hpp lists every message).
  Module.lbSearch = function (id, request) {
    if (!worker) return;
    heldFor = id;
    Module.lbHold(40);
    trace.set(id, {request: request, key: Module.lbLastInput || 0, sent: performance.now()});
    if (trace.size > 2000) trace.delete(trace.keys().next().value);
    worker.postMessage({type: "query", id: id, request: request});
  };
  Module.lbSearchTrace = trace;

  // --- window.logbook: the automation API. A fresh object the app owns, defined on the
  // window itself: an element of the page named or with the id "logbook" (a heading
  // "Logbook") would otherwise stand in for it, and its setters (an anchor's `search`)
  // would swallow the API's functions.
  let resolveReady;
  const ready = new Promise(function (r) { resolveReady = r; });
  Module.lbResolveReady = function () {
    if (!resolveReady) return;
    api.readyAt = performance.now();  // first page drawn, in ms since navigation
    resolveReady();
    resolveReady = null;
  };
  const api = {};
  Module.lbApi = api;
  api.ready = ready;
  api.open = function (path) { callStr(Module._lb_api_open, path); frameNow(); return api.state(); };
  api.state = function () { const p = Module._lb_api_state(); const s = UTF8ToString(p); _free(p); return JSON.parse(s); };
  api.search = function (query) {
    return new Promise(function (resolve, reject) {
      const go = function () {
        if (state.status === 2) { reject(new Error(state.error)); return; }
        if (state.status !== 1) { setTimeout(go, 20); return; }
        const id = apiId--;
        waiting.set(id, function (d) {
          const r = JSON.parse(d.answer);  // a SearchAnswer (src/core/search_wire.hpp)
          if (r.error) reject(new Error(r.error));
          else resolve(r.hits.map(function (h) { return {path: h.path, url: h.url, title: h.title, snippet: h.snippet.split(String.fromCharCode(2)).join("").split(String.fromCharCode(3)).join("")}; }));
        });
        const text = String(query);  // its length too: a NUL in it is text, not its end
        const p = callStr(function (q) { return Module._lb_search_request(id, q, lengthBytesUTF8(text), 20); }, text);
        const request = UTF8ToString(p);
        _free(p);
        worker.postMessage({type: "query", id: id, request: request});
      };
      go();
    });
  };
  api.links = function () { const p = Module._lb_api_links(); const s = UTF8ToString(p); _free(p); return JSON.parse(s); };
  api.setTheme = function (t) { callStr(Module._lb_api_theme, t); frameNow(); };
  api.frameTimes = function () { return times.slice(); };
  api.drawStats = function () { const p = Module._lb_api_draw_stats(); const s = UTF8ToString(p); _free(p); return JSON.parse(s); };
  // Per keystroke: from the key event to its results on screen, and the engine's share.
  api.searchLatencies = function () {
    const n = Module._lb_api_latency_count(), out = [];
    for (let i = 0; i < n; ++i) out.push(Module._lb_api_latency(i, 0));
    return out;
  };
  api.searchEngineMillis = function () {
    const n = Module._lb_api_latency_count(), out = [];
    for (let i = 0; i < n; ++i) out.push(Module._lb_api_latency(i, 1));
    return out;
  };
  api.searchTrace = function () { return Array.from(Module.lbSearchTrace.values()).filter(function (t) { return t.drawn; }); };
  api.searchReady = function () { return state.status === 1; };
  api.lastCopied = function () { return Module.lbLastCopied || ""; };
  Object.defineProperty(window, "logbook", {value: api, enumerable: true, configurable: true, writable: false});
});
EM_JS(void, lbjs_fail, (const char* why), { if (Module.lbFail) Module.lbFail(UTF8ToString(why)); });
EM_JS(void, lbjs_warn, (const char* text), { console.warn("Logbook: " + UTF8ToString(text)); });
// clang-format on

namespace logbook::web {

namespace {

std::string take_c_string(char* p) {
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

std::uint32_t g_scratch = 0;  // JavaScript writes the length of a preload here

}  // namespace

void WebPlatform::fetch(const std::string& url, std::function<void(app::FetchResult)> done) {
  const int id = next_id_++;
  fetches_[id] = std::move(done);
  lbjs_fetch(id, url.c_str());
}

void WebPlatform::fetch_done(int id, app::FetchResult result) {
  auto it = fetches_.find(id);
  if (it == fetches_.end()) return;
  auto done = std::move(it->second);
  fetches_.erase(it);
  done(std::move(result));
}

void WebPlatform::load_image(const std::string& url, std::function<void(app::ImageResult)> done) {
  const int id = next_id_++;
  images_[id] = std::move(done);
  lbjs_load_image(id, url.c_str());
}

void WebPlatform::image_done(int id, app::ImageResult result) {
  auto it = images_.find(id);
  if (it == images_.end()) return;
  auto done = std::move(it->second);
  images_.erase(it);
  done(result);
}

void WebPlatform::search(int id, const std::string& query, int limit) {
  lbjs_search(id, to_json(SearchRequest{.id = id, .query = query, .limit = limit}).c_str());
}
app::SearchStatus WebPlatform::search_status() const {
  const int s = lbjs_search_status();
  return s == 1 ? app::SearchStatus::ready : s == 2 ? app::SearchStatus::failed : app::SearchStatus::loading;
}
std::string WebPlatform::search_error() const { return take_c_string(lbjs_search_error()); }
void WebPlatform::history_push(const std::string& url) { lbjs_history(1, url.c_str()); }
void WebPlatform::history_replace(const std::string& url) { lbjs_history(0, url.c_str()); }
void WebPlatform::set_title(const std::string& title) { lbjs_set_title(title.c_str()); }
void WebPlatform::set_accessible_page(const std::string& url) { lbjs_accessible_page(url.c_str()); }
void WebPlatform::open_in_new_tab(const std::string& url) { lbjs_open_tab(url.c_str()); }
void WebPlatform::copy_to_clipboard(const std::string& text) { lbjs_copy(text.c_str()); }
std::string WebPlatform::storage_get(const std::string& key) { return take_c_string(lbjs_storage_get(key.c_str())); }
void WebPlatform::storage_set(const std::string& key, const std::string& value) { lbjs_storage_set(key.c_str(), value.c_str()); }
bool WebPlatform::system_prefers_dark() const { return lbjs_prefers_dark() != 0; }
void WebPlatform::request_frames(int count) { lbjs_request_frames(count); }
double WebPlatform::now_ms() const { return lbjs_now(); }
std::string WebPlatform::today() const { return take_c_string(lbjs_today()); }
double WebPlatform::last_input_ms() const { return lbjs_last_input(); }

void js_install(double) { lbjs_install(&g_scratch); }

std::string js_take_preload(const char* name) {
  char* p = lbjs_take_preload(name);
  if (!p) return {};
  std::string bytes(p, g_scratch);
  std::free(p);
  return bytes;
}

std::string js_initial_route() { return take_c_string(lbjs_initial_route()); }
float js_device_pixel_ratio() { return lbjs_dpr(); }
void js_canvas_size(float& width, float& height) {
  width = lbjs_css_width();
  height = lbjs_css_height();
}
void js_set_cursor(const char* cursor) { lbjs_set_cursor(cursor); }
void js_text_input(bool active, float x, float y, float h) { lbjs_text_input(active ? 1 : 0, x, y, h); }
void js_notify_ready() { lbjs_notify_ready(); }
void js_start_search() { lbjs_start_search(); }
bool js_frames_wanted() { return lbjs_frames_wanted() != 0; }
void js_fail(const char* why) { lbjs_fail(why); }
void js_warn(const char* text) { lbjs_warn(text); }

}  // namespace logbook::web
