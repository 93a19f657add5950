// The reader's browser glue, an Emscripten JavaScript library (linked with --js-library,
// see wasm/CMakeLists.txt): fetch, images, history, the accessible
// copy of the page, clipboard, storage, the hidden text input, pointer/key/wheel
// listeners, resizing and the device pixel ratio, the frame loop and window.logbook.
// The search and its worker are web_search.js, a library of the same kind.
//
// The lbjs_* functions are the C side's imports, declared (with their C types) in
// web_platform.cpp. Functions named $lb* are JavaScript only: Emscripten emits them
// without the $ when a function that uses them lists them in its __deps, from this file
// or web_search.js alike (ctest js_lint checks that it does). JavaScript calls back into C through the lb_*
// functions main.cpp exports (Module._lb_*). State shared between the functions lives
// on Module (Module.lb*), never on window: boot.js explains why.
//
// Emscripten copies each function's source into logbook.js, so a function here sees only
// the module's scope (Module, HEAP*, _malloc, its __deps), not this file's.
mergeInto(LibraryManager.library, {
  // --- small helpers. Strings go to C as malloc'd copies (allocateUTF8, part of
  // Emscripten's runtime), which the C side frees (take_c_string in web_platform.cpp).

  // Calls fn with a C copy of s that lives only for the call.
  $lbWithCString: function (fn, s) {
    const p = allocateUTF8(s);
    try { return fn(p); } finally { _free(p); }
  },

  // The app's route: the location without the site's base path.
  $lbRoute: function () {
    const base = Module.lbBase || "";
    let path = location.pathname;
    if (base && path.startsWith(base)) path = path.slice(base.length);
    return (path || "/") + location.search + location.hash;
  },

  // Asks for one display frame: something changed that the next frame shows.
  $lbWake: function () { Module.lbWant(1); },

  // Runs the app's frame now, without drawing, so an input takes effect at once (a
  // keystroke's query leaves now, a tap can focus the text field inside the gesture);
  // the pixels follow in the next display frame, which that frame may also ask for.
  $lbFrameNow: function () { Module._lb_frame(0); Module.lbWant(1); },

  // Notes when the user last gave input. The event's own time: a keystroke that waited
  // behind a busy main thread counts its wait.
  $lbStamp: function (e) {
    Module.lbLastInput = e && e.timeStamp > 0 ? Math.min(e.timeStamp, performance.now()) : performance.now();
  },

  // --- fetch and images

  lbjs_fetch__deps: ["$lbDeliverFetch"],
  lbjs_fetch: function (id, url) {
    const u = UTF8ToString(url);
    fetch(u, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { lbDeliverFetch(id, false, r.status, null, "The server answered " + r.status + " for " + u + "."); return; }
      return r.arrayBuffer().then(function (b) { lbDeliverFetch(id, true, r.status, new Uint8Array(b), ""); });
    }).catch(function (e) { lbDeliverFetch(id, false, 0, null, "The network request for " + u + " failed (" + e.message + "); check the connection."); });
  },

  // The reader's copy of each page as they last read it: a cache of its own, which the
  // page writes (a first visit has no worker in control yet) and site/sw.js keeps across
  // deployments. Its answers come back as a fetch's do.
  $lbReadCopies: function () {
    return typeof caches === "object" && caches ? caches.open("logbook-read") : Promise.reject(new Error("no Cache Storage"));
  },

  lbjs_keep_read_copy__deps: ["$lbReadCopies"],
  lbjs_keep_read_copy: function (url, markdown, length) {
    const key = new URL(UTF8ToString(url), location.href).href;
    const bytes = HEAPU8.slice(markdown, markdown + length);
    lbReadCopies().then(function (c) {
      return c.put(key, new Response(bytes, { headers: { "Content-Type": "text/markdown; charset=utf-8" } }));
    }).catch(function () { /* storage refused or full: the next visit finds no copy and says so */ });
  },

  lbjs_read_copy__deps: ["$lbReadCopies", "$lbDeliverFetch"],
  lbjs_read_copy: function (id, url) {
    const key = new URL(UTF8ToString(url), location.href).href;
    lbReadCopies().then(function (c) { return c.match(key); }).then(function (r) {
      if (!r) { lbDeliverFetch(id, false, 404, null, "This device keeps no copy of the version you read."); return; }
      return r.arrayBuffer().then(function (b) { lbDeliverFetch(id, true, 200, new Uint8Array(b), ""); });
    }).catch(function () { lbDeliverFetch(id, false, 0, null, "This browser keeps no copy of the pages you read."); });
  },

  // Hands a fetch's answer to the C side (lb_fetch_done), which copies what it keeps.
  $lbDeliverFetch__deps: ["$lbWake"],
  $lbDeliverFetch: function (id, ok, status, bytes, error) {
    const n = bytes ? bytes.length : 0, p = _malloc(n || 1);
    if (n) HEAPU8.set(bytes, p);
    const e = allocateUTF8(error);
    Module._lb_fetch_done(id, ok ? 1 : 0, status, p, n, e);
    _free(p); _free(e);
    lbWake();
  },

  // Decodes an image off the main thread and uploads it as a GL texture that ImGui's
  // OpenGL backend can draw (registered in Emscripten's GL.textures by its name).
  lbjs_load_image__deps: ["$GL"],
  lbjs_load_image: function (id, url) {
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
  },

  // --- history, title, the accessible copy, new tabs

  // push 1 adds a history entry, 0 replaces the current one; the same URL changes nothing.
  lbjs_history: function (push, url) {
    const u = UTF8ToString(url);
    if (location.pathname + location.search + location.hash === u) return;
    if (push) history.pushState({logbook: 1}, "", u); else history.replaceState({logbook: 1}, "", u);
  },

  lbjs_set_title: function (t) { document.title = UTF8ToString(t); },

  // The page's static HTML replaces the visually hidden copy, for screen readers: all of
  // it (breadcrumbs, the section's navigation with the current page marked, the content,
  // the outline), so that it reads as the page the app shows. The reader moved to this
  // page: the focus goes to its heading, where a screen reader starts reading.
  lbjs_accessible_page__deps: ["$lbSanitizeImported", "$lbStaticParts", "$lbPlaceLists"],
  lbjs_accessible_page: function (url) {
    const u = UTF8ToString(url);
    if (Module.lbAccessibleUrl === undefined) Module.lbAccessibleUrl = location.pathname;  // the page loaded with it
    if (Module.lbAccessibleUrl === u) return;
    Module.lbAccessibleUrl = u;
    fetch(u).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
      if (!html || Module.lbAccessibleUrl !== u) return;
      const doc = new DOMParser().parseFromString(html, "text/html");
      const fresh = lbStaticParts(doc.body), old = lbStaticParts(document.body);
      if (!fresh.length || !old.length) return;
      fresh.forEach(function (e) { lbSanitizeImported(e); old[0].before(document.importNode(e, true)); });
      old.forEach(function (e) { e.remove(); });
      lbPlaceLists();
      const heading = document.querySelector("main h1") || document.querySelector("main");
      if (heading && document.activeElement !== Module.lbInput) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({preventScroll: true});
      }
      Module.lbMirroredUrl = u;  // for tests: the mirror has caught up
    }).catch(function () {});
  },

  // The static page's own elements under body: not the app's (its canvas, hidden input,
  // live region and notices, all named logbook-...), nor scripts.
  $lbStaticParts: function (body) {
    return Array.from(body.children).filter(function (e) {
      return e.tagName !== "SCRIPT" && e.id.indexOf("logbook-") !== 0 &&
        !Array.from(e.classList).some(function (c) { return c.indexOf("logbook-") === 0; });
    });
  },

  // The text field and the search palette as a screen reader meets them (app::AccessibleControls
  // as JSON): the hidden input is in the accessibility tree only while a field takes text, named
  // after it; with the palette open it is a combobox whose listbox lists the results and whose
  // active descendant is the one the arrows chose.
  lbjs_accessible_controls: function (json) {
    const c = JSON.parse(UTF8ToString(json)), input = Module.lbInput, list = Module.lbResults;
    if (!input || !list) return;
    if (c.field) {
      input.removeAttribute("aria-hidden");
      input.setAttribute("aria-label", c.field);
      input.tabIndex = 0;
    } else {
      input.setAttribute("aria-hidden", "true");
      input.removeAttribute("aria-label");
      input.tabIndex = -1;
    }
    ["role", "aria-expanded", "aria-controls", "aria-autocomplete", "aria-activedescendant"].forEach(function (a) { input.removeAttribute(a); });
    list.replaceChildren.apply(list, c.results.map(function (text, i) {
      const li = document.createElement("li");
      li.id = "logbook-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === c.selected ? "true" : "false");
      li.textContent = text;
      return li;
    }));
    list.hidden = !c.paletteOpen;
    if (!c.paletteOpen) return;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", c.results.length ? "true" : "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    if (c.selected >= 0 && c.selected < c.results.length) input.setAttribute("aria-activedescendant", "logbook-result-" + c.selected);
  },

  // The page's lists that only the app draws (app::AccessibleList as JSON), as a section
  // of the DOM copy after its heading; kept to be put back when the next page's HTML comes.
  lbjs_accessible_lists__deps: ["$lbPlaceLists"],
  lbjs_accessible_lists: function (json) {
    const lists = JSON.parse(UTF8ToString(json));
    const section = document.createElement("section");
    section.className = "logbook-lists";
    section.setAttribute("aria-label", "For you");
    lists.forEach(function (l) {
      const h = document.createElement("h2");
      h.textContent = l.title;
      const ul = document.createElement("ul");
      l.rows.forEach(function (r) {
        const li = document.createElement("li");
        if (r.url) { const a = document.createElement("a"); a.href = r.url; a.textContent = r.text; li.appendChild(a); }
        else li.textContent = r.text;
        ul.appendChild(li);
      });
      section.append(h, ul);
    });
    Module.lbLists = lists.length ? section : null;
    lbPlaceLists();
  },

  $lbPlaceLists: function () {
    document.querySelectorAll("main .logbook-lists").forEach(function (e) { e.remove(); });
    const heading = document.querySelector("main h1"), main = document.querySelector("main");
    if (!Module.lbLists || !main) return;
    if (heading) heading.after(Module.lbLists); else main.prepend(Module.lbLists);
  },

  // A link preview in words (app/link_preview.hpp): the DOM copy's links to url (a path
  // with the base, maybe with #anchor) are described by it; an empty url removes it.
  lbjs_accessible_description: function (url, text) {
    const u = UTF8ToString(url);
    document.querySelectorAll("[aria-describedby='logbook-preview']").forEach(function (a) { a.removeAttribute("aria-describedby"); });
    let box = document.getElementById("logbook-preview");
    if (!u) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "logbook-preview";
      box.className = "logbook-live";
      box.setAttribute("role", "tooltip");
      document.body.appendChild(box);
    }
    box.textContent = UTF8ToString(text);
    const wanted = new URL(u, location.href);
    document.querySelectorAll("main a[href]").forEach(function (a) {
      const h = new URL(a.href, location.href);
      if (h.pathname === wanted.pathname && h.hash === wanted.hash) a.setAttribute("aria-describedby", "logbook-preview");
    });
  },

  // Said by the polite live region. Set after a pause: while the reader types, each count
  // replaces the one before, and the same words said again are still a change.
  lbjs_announce: function (text) {
    const live = Module.lbLive, t = UTF8ToString(text);
    if (!live) return;
    clearTimeout(Module.lbAnnounceTimer);
    live.textContent = "";
    Module.lbAnnounceTimer = setTimeout(function () { live.textContent = t; }, 150);
  },

  // The build sanitizes pages already; this copy enters the live page, so whatever
  // could run, navigate or load there is dropped again before it is imported.
  $lbSanitizeImported: function (root) {
    root.querySelectorAll("script,meta,base,link,iframe,frame,object,embed,form,style,template,noscript").forEach(function (e) { e.remove(); });
    root.querySelectorAll("*").forEach(function (e) {
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
  },

  lbjs_open_tab: function (url) { window.open(UTF8ToString(url), "_blank", "noopener"); },

  // A site path ("/logbook/guides/#setup") as the address bar shows it, with the origin.
  lbjs_absolute_url: function (url) {
    let u = UTF8ToString(url);
    try { u = new URL(u, location.href).href; } catch { /* not a URL: as it is */ }
    return allocateUTF8(u);
  },

  // --- clipboard and storage

  // The async clipboard where the browser allows it; otherwise (no permission, plain
  // http) the old execCommand route through a textarea, after which the hidden input
  // takes the focus back.
  lbjs_copy: function (text) {
    const t = UTF8ToString(text);
    const fallback = function () {
      const ta = document.createElement("textarea");
      ta.value = t; ta.setAttribute("readonly", ""); ta.style.position = "fixed"; ta.style.opacity = "0";
      document.body.appendChild(ta); ta.select();
      try { document.execCommand("copy"); } catch { /* nothing more to try */ }
      ta.remove();
      if (Module.lbInput) Module.lbInput.focus({preventScroll: true});
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(fallback); else fallback();
    Module.lbLastCopied = t;  // for window.logbook.lastCopied (tests)
  },

  // Storage may be refused (private windows, blocked cookies): reads are then empty and
  // writes are dropped.
  lbjs_storage_get: function (key) {
    let v = "";
    try { v = localStorage.getItem(UTF8ToString(key)) || ""; } catch { /* refused: empty */ }
    return allocateUTF8(v);
  },

  lbjs_storage_set: function (key, value) {
    try { localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch { /* refused: dropped */ }
  },

  // --- time, theme, screen

  lbjs_prefers_dark: function () { return matchMedia("(prefers-color-scheme: dark)").matches ? 1 : 0; },

  // A touch screen: its main pointer is coarse and cannot hover (no keyboard hints then).
  lbjs_touch_screen: function () {
    if (!Module.lbTouchQuery) Module.lbTouchQuery = matchMedia("(hover: none) and (pointer: coarse)");
    return Module.lbTouchQuery.matches ? 1 : 0;
  },

  lbjs_request_frames: function (n) {
    if (Module.lbWant) Module.lbWant(n);
    else Module.lbFrames = Math.max(Module.lbFrames || 0, n);  // before lbjs_install: its first resize draws
  },

  lbjs_now: function () { return performance.now(); },

  // The local calendar date (toISOString would give UTC's, a day off in the evening).
  lbjs_today: function () {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return allocateUTF8(d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()));
  },

  lbjs_last_input: function () { return Module.lbLastInput || 0; },

  lbjs_dpr: function () { return window.devicePixelRatio || 1; },

  // The canvas's CSS size, as lbInstallResize last set it.
  lbjs_css_width: function () { return Module.lbCss ? Module.lbCss.w : window.innerWidth; },
  lbjs_css_height: function () { return Module.lbCss ? Module.lbCss.h : window.innerHeight; },

  lbjs_set_cursor: function (c) {
    const s = UTF8ToString(c);
    if (Module.canvas.style.cursor !== s) Module.canvas.style.cursor = s;
  },

  // The hidden input follows the focused text field, so the IME's candidate window
  // appears beside it; focusing it brings up a phone's keyboard.
  lbjs_text_input: function (active, x, y, h) {
    const input = Module.lbInput;
    Module.lbWantText = !!active;
    if (!input) return;
    if (active) {
      input.style.left = x + "px"; input.style.top = y + "px"; input.style.height = h + "px";
      if (document.activeElement !== input) input.focus({preventScroll: true});
    } else if (document.activeElement === input) {
      input.blur();
    }
  },

  // --- start-up and failure

  lbjs_notify_ready: function () { if (Module.lbResolveReady) Module.lbResolveReady(); },
  lbjs_start_search: function (list) { if (Module.lbStartSearch) Module.lbStartSearch(UTF8ToString(list)); },

  // Takes the bytes boot.js fetched before the wasm ran (fonts, the manifest, this
  // page's Markdown): a malloc'd copy, its length written to the scratch word, the
  // JavaScript copy dropped. 0 when there is none.
  lbjs_take_preload: function (name) {
    const pre = Module.logbookPreload || {};
    const v = pre[UTF8ToString(name)];
    if (!v) { HEAPU32[Module.lbScratch >> 2] = 0; return 0; }
    const bytes = typeof v === "string" ? new TextEncoder().encode(v) : new Uint8Array(v);
    delete pre[UTF8ToString(name)];
    const p = _malloc(bytes.length || 1);
    HEAPU8.set(bytes, p);
    HEAPU32[Module.lbScratch >> 2] = bytes.length;
    return p;
  },

  lbjs_initial_route__deps: ["$lbRoute"],
  lbjs_initial_route: function () { return allocateUTF8(lbRoute()); },

  // The app cannot run: boot.js restores the static page and says why.
  lbjs_fail: function (why) { if (Module.lbFail) Module.lbFail(UTF8ToString(why)); },
  // --- the offline copy (site/sw.js): its state as the worker last reported it, and the
  // reader's request for the whole site. 0 unknown (no worker), 1 partial, 2 downloading,
  // 3 complete (app::OfflineCopy::State); which 0 bytes done, 1 bytes in all.
  lbjs_offline_state: function () { return ({partial: 1, downloading: 2, complete: 3})[(Module.lbOffline || {}).state] || 0; },
  lbjs_offline_bytes: function (which) { const o = Module.lbOffline || {}; return (which ? o.total : o.done) || 0; },
  lbjs_offline_copy: function () { Module.lbOfflineCopy(); },

  lbjs_warn: function (text) { console.warn("Logbook: " + UTF8ToString(text)); },

  // --- lbjs_install: everything that listens, once, before the app's first frame

  // scratch: the C word lbjs_take_preload writes lengths to.
  lbjs_install__deps: ["$lbInstallFrameLoop", "$lbInstallResize", "$lbInstallWindowEvents", "$lbInstallPointer",
                       "$lbInstallTextInput", "$lbInstallKeys", "$lbInstallSearch", "$lbInstallApi",
                       "$lbInstallOffline", "$lbInstallMirror"],
  lbjs_install: function (scratch) {
    Module.lbScratch = scratch;
    lbInstallFrameLoop();
    lbInstallResize();
    lbInstallWindowEvents();
    lbInstallPointer();
    lbInstallTextInput();
    lbInstallKeys();
    const api = {};
    lbInstallSearch(api);
    lbInstallApi(api);
    lbInstallOffline(api);
    lbInstallMirror(api);
  },

  // For screen readers: the live region (lbjs_announce) and the palette's listbox
  // (lbjs_accessible_controls), visually hidden like the static page; and the static
  // page's links, which a screen reader follows there, open their page in the app
  // rather than loading it again.
  $lbInstallMirror: function (api) {
    const live = document.createElement("div");
    live.className = "logbook-live";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    document.body.appendChild(live);
    Module.lbLive = live;
    const list = document.createElement("ul");
    list.id = "logbook-results";
    list.className = "logbook-live";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    list.hidden = true;
    document.body.appendChild(list);
    Module.lbResults = list;
    document.addEventListener("click", function (e) {
      if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      if (!document.documentElement.classList.contains("logbook-app-on")) return;
      const a = e.target.closest ? e.target.closest("a[href]") : null;
      if (!a || a.target || a.hasAttribute("download")) return;
      const u = new URL(a.href, location.href), base = Module.lbBase || "";
      if (u.origin !== location.origin || !u.pathname.startsWith(base + "/") || !u.pathname.endsWith("/")) return;
      // A link within this page to something other than a heading (the skip link) stays the browser's.
      if (u.pathname === location.pathname && u.hash) {
        const target = document.getElementById(decodeURIComponent(u.hash.slice(1)));
        if (!target || !/^H[1-6]$/.test(target.tagName)) return;
      }
      e.preventDefault();
      api.open(u.pathname.slice(base.length) + u.search + u.hash);
    });
    api.announced = function () { return live.textContent; };
    api.mirrored = function () { return Module.lbMirroredUrl || ""; };
  },

  // Listens to the offline copy's worker (site/sw.js messages), asks it for its state
  // when it takes control, and every few seconds while the whole site downloads (which
  // also resumes a copy the browser cut short by stopping the worker).
  $lbInstallOffline__deps: ["$lbWake"],
  $lbInstallOffline: function (api) {
    const sw = navigator.serviceWorker;
    api.offline = function () { return Object.assign({}, Module.lbOffline || {state: "unknown"}); };
    // Asked for by the reader: the browser may then keep the copy under storage pressure.
    Module.lbOfflineCopy = function () {
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () { /* best effort */ });
      if (sw && sw.controller) sw.controller.postMessage({type: "copy"});
    };
    api.makeAvailableOffline = function () { Module.lbOfflineCopy(); };
    if (!sw) return;
    const ask = function () { if (sw.controller) sw.controller.postMessage({type: "status"}); };
    sw.addEventListener("message", function (m) {
      if (!m.data || m.data.type !== "offline-status") return;
      Module.lbOffline = m.data;
      lbWake();
    });
    sw.addEventListener("controllerchange", ask);
    ask();
    setInterval(function () { if (Module.lbOffline && Module.lbOffline.state === "downloading") ask(); }, 3000);
  },

  // Frames are drawn on demand (input, animation, loading), at most once per display
  // frame: drawing is what costs, and the browser shows at most one frame per refresh
  // anyway. An idle page asks for none and costs nothing. While a keystroke's search is
  // out (a few ms), its frame waits for the answer (lbHold), so the typed letter and its
  // results arrive together, in one frame.
  $lbInstallFrameLoop: function () {
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

    // Each drawn frame's time, for window.logbook.frameTimes (bench/app_bench.mjs).
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
  },

  // The canvas fills the window at the device's pixel ratio. Browser zoom and moving to
  // another screen change the ratio without a resize event, so a media query watches it.
  $lbInstallResize__deps: ["$lbWake"],
  $lbInstallResize: function () {
    const canvas = Module.canvas;
    const resize = function () {
      const dpr = window.devicePixelRatio || 1;
      const w = window.innerWidth, h = window.innerHeight;
      Module.lbCss = {w: w, h: h};
      canvas.style.width = w + "px"; canvas.style.height = h + "px";
      // Setting a canvas's size clears it, even to the same size; the app only redraws
      // a frame that differs from the one shown (see lb_frame).
      if (canvas.width !== Math.round(w * dpr)) canvas.width = Math.round(w * dpr);
      if (canvas.height !== Math.round(h * dpr)) canvas.height = Math.round(h * dpr);
      lbWake();
    };
    resize();
    window.addEventListener("resize", resize);
    const watchDpr = function () {
      matchMedia("(resolution: " + (window.devicePixelRatio || 1) + "dppx)").addEventListener("change", function () { resize(); watchDpr(); }, {once: true});
    };
    watchDpr();
  },

  // The page coming back into view, the system theme, the back and forward buttons.
  $lbInstallWindowEvents__deps: ["$lbWake", "$lbWithCString", "$lbRoute"],
  $lbInstallWindowEvents: function () {
    document.addEventListener("visibilitychange", lbWake);
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function (e) { Module._lb_system_theme(e.matches ? 1 : 0); lbWake(); });
    window.addEventListener("popstate", function () {
      lbWithCString(Module._lb_popstate, lbRoute());
      lbWake();
    });
  },

  // Mouse, pen and touch all arrive as pointer events on the canvas.
  $lbInstallPointer__deps: ["$lbWake", "$lbFrameNow", "$lbStamp"],
  $lbInstallPointer: function () {
    const canvas = Module.canvas;
    const source = function (e) { return e.pointerType === "touch" ? 2 : e.pointerType === "pen" ? 1 : 0; };
    const pos = function (e) { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    // The browser numbers buttons left, middle, right; ImGui left, right, middle.
    const button = function (e) { return e.button === 1 ? 2 : e.button === 2 ? 1 : 0; };
    canvas.addEventListener("pointermove", function (e) {
      lbStamp(e);
      const evs = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
      const last = evs.length ? evs[evs.length - 1] : e;
      const p = pos(last);
      Module._lb_pointer_move(p[0], p[1], source(e));
      lbWake();
    });
    canvas.addEventListener("pointerdown", function (e) {
      lbStamp(e);
      const p = pos(e);
      if (e.button === 0 || e.button === 1 || e.button === 2) {
        canvas.setPointerCapture(e.pointerId);
        Module._lb_pointer_move(p[0], p[1], source(e));
        Module._lb_pointer_button(button(e), 1, e.ctrlKey | 0, e.metaKey | 0, e.shiftKey | 0, e.altKey | 0);
      }
      if (e.button === 1) e.preventDefault();  // no autoscroll: middle click opens links in a new tab
      lbFrameNow();
      if (!Module.lbWantText && document.activeElement === Module.lbInput) Module.lbInput.blur();
    });
    const up = function (e) {
      lbStamp(e);
      const p = pos(e);
      Module._lb_pointer_move(p[0], p[1], source(e));
      Module._lb_pointer_button(button(e), 0, e.ctrlKey | 0, e.metaKey | 0, e.shiftKey | 0, e.altKey | 0);
      // Run the frame now, inside the gesture: a text field it focuses may take the
      // keyboard, which phones only allow while handling the tap.
      lbFrameNow();
      lbFrameNow();
      if (Module.lbWantText && Module.lbInput && document.activeElement !== Module.lbInput) Module.lbInput.focus({preventScroll: true});
      if (e.pointerType === "touch") Module._lb_pointer_move(-1e6, -1e6, 2);
    };
    canvas.addEventListener("pointerup", up);
    canvas.addEventListener("pointercancel", up);
    canvas.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse" && !e.buttons) { Module._lb_pointer_move(-1e6, -1e6, 0); lbWake(); } });
    canvas.addEventListener("auxclick", function (e) { e.preventDefault(); });
    canvas.addEventListener("contextmenu", function (e) { e.preventDefault(); });
    canvas.addEventListener("wheel", function (e) {
      lbStamp(e);
      const unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? window.innerHeight : 1;
      Module._lb_wheel(-e.deltaX * unit / 60, -e.deltaY * unit / 60);
      e.preventDefault();
      lbWake();
    }, {passive: false});
  },

  // Text comes from a hidden input's input and composition events, so IMEs, dead keys
  // and phone keyboards all work. Paste arrives there as text too (an input event);
  // ImGui's own paste stays empty.
  $lbInstallTextInput__deps: ["$lbFrameNow", "$lbStamp", "$lbWithCString"],
  $lbInstallTextInput: function () {
    const input = document.createElement("input");
    input.type = "text";
    input.autocomplete = "off"; input.autocapitalize = "off"; input.spellcheck = false;
    // Hidden from screen readers until a field takes text (lbjs_accessible_controls).
    input.setAttribute("aria-hidden", "true");
    input.tabIndex = -1;
    input.className = "logbook-ime";
    document.body.appendChild(input);
    Module.lbInput = input;
    let composing = false;
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function (e) {
      composing = false;
      if (e.data) lbWithCString(Module._lb_text, e.data);
      input.value = "";
      lbFrameNow();
    });
    input.addEventListener("beforeinput", function (e) {
      if (e.inputType === "deleteContentBackward" && !input.value) { Module._lb_key_tap(allocateUTF8("Backspace")); lbFrameNow(); }  // lb_key_tap frees it
    });
    input.addEventListener("input", function (e) {
      // Typed text follows its keydown, which was the keystroke; a phone keyboard or an
      // IME sends no keydown, and then the input event is the keystroke.
      if (!(Module.lbLastInput > e.timeStamp - 200)) lbStamp(e);
      if (composing || e.isComposing) return;
      if (input.value) lbWithCString(Module._lb_text, input.value);
      input.value = "";
      lbFrameNow();  // a keystroke is drawn (and its query sent) now, not at the next display frame
    });
  },

  // Keys go to ImGui as keys (lb_key), and window focus as focus.
  $lbInstallKeys__deps: ["$lbWake", "$lbFrameNow", "$lbStamp", "$lbWithCString"],
  $lbInstallKeys: function () {
    const input = Module.lbInput;
    const typingKey = function (e) { return e.key.length === 1 && !e.ctrlKey && !e.metaKey; };
    const onKey = function (down) {
      return function (e) {
        lbStamp(e);
        if (e.isComposing || e.keyCode === 229) return;
        const handled = lbWithCString(function (p) { return Module._lb_key(p, down ? 1 : 0, e.ctrlKey | 0, e.metaKey | 0, e.shiftKey | 0, e.altKey | 0); }, e.key);
        const wantText = Module.lbWantText;
        // A plain character from a physical keyboard is typed here, at its keydown, and the
        // hidden input never changes: the query leaves at once, without waiting for the
        // browser to edit the input first. Dead keys ("Dead"), IMEs (229) and phone
        // keyboards (229, "Unidentified") still come through the input's events.
        if (down && wantText && typingKey(e) && !e.altKey && document.activeElement === input) {
          e.preventDefault();
          lbWithCString(Module._lb_text, e.key);
          lbFrameNow();
          return;
        }
        const k = e.key.toLowerCase();
        const ours = (e.ctrlKey || e.metaKey) && (k === "f" || k === "k" || (k === "a" && !wantText));
        const nav = !wantText && handled && (e.key === " " || e.key === "/" || e.key.startsWith("Arrow") || e.key.startsWith("Page") || e.key === "Home" || e.key === "End");
        if (down && (ours || nav || e.key === "Tab" || (wantText && handled && !typingKey(e) && !(e.ctrlKey || e.metaKey)))) e.preventDefault();
        if (wantText && typingKey(e)) lbWake();  // its letter comes in the input event, which runs the frame
        else {
          lbFrameNow();
          if (down && !wantText) lbFrameNow();  // a shortcut that opens a text field focuses it in the next frame
        }
        if (down && Module.lbWantText && document.activeElement !== input) input.focus({preventScroll: true});
      };
    };
    window.addEventListener("keydown", onKey(true));
    window.addEventListener("keyup", onKey(false));
    window.addEventListener("blur", function () { Module._lb_focus(0); lbWake(); });
    window.addEventListener("focus", function () { Module._lb_focus(1); lbWake(); });
  },

  // window.logbook: the automation API (tests, benchmarks, boot.js). A fresh object the
  // app owns, defined on the window itself: an element of the page named or with the id
  // "logbook" (a heading "Logbook") would otherwise stand in for it, and its setters (an
  // anchor's `search`) would swallow the API's functions.
  $lbInstallApi__deps: ["$lbFrameNow", "$lbWithCString"],
  $lbInstallApi: function (api) {
    // The C side returns malloc'd JSON; this reads and frees it.
    const json = function (p) { const s = UTF8ToString(p); _free(p); return JSON.parse(s); };
    let resolveReady;
    api.ready = new Promise(function (r) { resolveReady = r; });
    Module.lbResolveReady = function () {
      if (!resolveReady) return;
      api.readyAt = performance.now();  // first page drawn, in ms since navigation
      resolveReady();
      resolveReady = null;
    };
    Module.lbApi = api;
    api.open = function (path) { lbWithCString(Module._lb_api_open, path); lbFrameNow(); return api.state(); };
    api.state = function () { return json(Module._lb_api_state()); };
    api.links = function () { return json(Module._lb_api_links()); };
    // Where the reader is, as JSON: live-reload.js keeps it across the reload.
    api.readingPosition = function () { const p = Module._lb_api_position(); const s = UTF8ToString(p); _free(p); return s; };
    api.focus = function () { return json(Module._lb_api_focus()); };
    api.setTheme = function (t) { lbWithCString(Module._lb_api_theme, t); lbFrameNow(); };
    api.frameTimes = function () { return Module.lbFrameTimes.slice(); };
    api.drawStats = function () { return json(Module._lb_api_draw_stats()); };
    // Per keystroke: from the key event to its results on screen, and the engine's share.
    const latencies = function (engine) {
      const n = Module._lb_api_latency_count(), out = [];
      for (let i = 0; i < n; ++i) out.push(Module._lb_api_latency(i, engine));
      return out;
    };
    api.searchLatencies = function () { return latencies(0); };
    api.searchEngineMillis = function () { return latencies(1); };
    api.lastCopied = function () { return Module.lbLastCopied || ""; };
    Object.defineProperty(window, "logbook", {value: api, enumerable: true, configurable: true, writable: false});
  },
});
