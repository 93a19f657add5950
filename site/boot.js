// Boots the Logbook app over the static page: checks that the browser can run it,
// downloads the wasm, the fonts and this page's Markdown in parallel with a progress
// bar, then starts the app at this page. If anything is missing, the static page stays
// and a short notice says why.
//
// Nothing here reads or writes a window global of its own: a page's content may hold
// elements whose id or name becomes one (a heading "Logbook" has id="logbook"), so the
// state lives in this closure and in properties of elements the shell itself made.
(function () {
  "use strict";
  var self = document.currentScript;
  var meta = document.querySelector('meta[name="logbook:page"]');
  if (!meta || meta.logbookBooted === true) return;  // booted once per page
  meta.logbookBooted = true;
  var base = meta.getAttribute("data-base") || "";
  var app = base + "/app/";
  var page = meta.getAttribute("content") || "/";

  // Tells loader.js that the app has started or will not: the offline copy may begin.
  function settled() { document.dispatchEvent(new Event("logbook:settled")); }

  function notice(text) {
    var n = document.createElement("div");
    n.className = "logbook-notice";
    n.setAttribute("role", "status");
    n.textContent = text;
    var b = document.createElement("button");
    b.textContent = "OK";
    b.onclick = function () { n.remove(); };
    n.appendChild(b);
    document.body.appendChild(n);
  }

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = app + "boot.css";
  document.head.appendChild(css);

  function webgl2() {
    try { return !!document.createElement("canvas").getContext("webgl2"); } catch (e) { return false; }
  }
  if (typeof WebAssembly !== "object" || !webgl2()) {
    notice("This browser cannot run the Logbook app (it needs WebAssembly and WebGL2). You are reading the static pages, which have everything.");
    return settled();
  }
  if (/[?&]app=off\b/.test(location.search)) {
    // The reader turned the app off: offer it back, now that it is known to run here. The
    // link is made here, not written into every page, where no reader without this script
    // could use it.
    var top = document.querySelector("header.top");
    if (top) {
      var appLink = document.createElement("a");
      appLink.className = "app-link";
      appLink.href = base + page + "?app";
      appLink.textContent = "Open in the app";
      top.appendChild(appLink);
    }
    return settled();
  }
  // Pages' URLs end in "/"; the 404 page ("/404.html") has no Markdown and no part to
  // fetch, nor have the tag pages, which have no source file (data-path="").
  var isPage = page.slice(-1) === "/" && meta.getAttribute("data-path") !== "";

  var bar = document.createElement("div");
  bar.className = "logbook-progress";
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-label", "Loading the app");
  var fill = document.createElement("div");
  bar.appendChild(fill);
  document.body.appendChild(bar);

  // Expected sizes (refined by Content-Length) so the bar moves smoothly from the start.
  var loaded = {}, expected = {};
  function progress() {
    var a = 0, b = 0;
    for (var k in expected) { a += Math.min(loaded[k] || 0, expected[k]); b += expected[k]; }
    fill.style.width = (b ? Math.round(100 * a / b) : 0) + "%";
    bar.setAttribute("aria-valuenow", b ? Math.round(100 * a / b) : 0);
  }
  function download(key, url, guess, asText) {
    expected[key] = guess;
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + " answered HTTP " + r.status);
      var len = +r.headers.get("Content-Length");
      if (len && !r.headers.get("Content-Encoding")) expected[key] = len;
      if (!r.body || !r.body.getReader) return asText ? r.text() : r.arrayBuffer();
      var reader = r.body.getReader(), parts = [], got = 0;
      return (function pump() {
        return reader.read().then(function (x) {
          if (x.done) {
            var all = new Uint8Array(got), at = 0;
            parts.forEach(function (p) { all.set(p, at); at += p.length; });
            loaded[key] = expected[key] = Math.max(got, 1);
            progress();
            return asText ? new TextDecoder().decode(all) : all.buffer;
          }
          parts.push(x.value);
          got += x.value.length;
          loaded[key] = got;
          progress();
          return pump();
        });
      })();
    });
  }
  function script(url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url;
      s.onload = resolve;
      s.onerror = function () { reject(new Error(url + " could not be loaded")); };
      document.head.appendChild(s);
    });
  }

  // loader.js hands over the manifest it fetched on this script element; anything else
  // in its place (an element of the content named currentScript) is not trusted.
  var handed = self instanceof HTMLScriptElement ? self.logbookManifest : null;
  var manifest = handed && typeof handed === "object" && !(handed instanceof Node)
    ? Promise.resolve(JSON.stringify(handed))
    : download("manifest", base + "/manifest.json", 20000, true);
  var fonts = {
    "font-regular": "inter-regular.otf", "font-bold": "inter-bold.otf", "font-italic": "inter-italic.otf",
    "font-mono": "mono-regular.ttf"
  };
  // The rare faces are not fetched before the first page is drawn: the app draws them
  // with a stand-in (bold, code) and fetches each the first time text needs it
  // (src/app/typography.hpp), so a page without bold italic never pays for it.
  // They live in fonts/late/, which the offline copy's shell leaves out (wasm/CMakeLists.txt).
  var lateFonts = {"font-bold-italic": "late/inter-bold-italic.otf", "font-mono-bold": "late/mono-bold.ttf"};
  // The wasm compiles while it downloads: its bytes stream into the compiler through a
  // counting stream, so the progress bar still moves.
  function compileWasm(url, guess) {
    expected.wasm = guess;
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + " answered HTTP " + r.status);
      var len = +r.headers.get("Content-Length");
      if (len && !r.headers.get("Content-Encoding")) expected.wasm = len;
      if (!WebAssembly.compileStreaming || !r.body || typeof ReadableStream !== "function")
        return r.arrayBuffer().then(function (b) { loaded.wasm = expected.wasm = b.byteLength; progress(); return WebAssembly.compile(b); });
      var reader = r.body.getReader(), got = 0;
      var counted = new ReadableStream({
        pull: function (controller) {
          return reader.read().then(function (x) {
            if (x.done) { loaded.wasm = expected.wasm = Math.max(got, 1); progress(); controller.close(); return; }
            got += x.value.length;
            loaded.wasm = got;
            progress();
            controller.enqueue(x.value);
          });
        }
      });
      return WebAssembly.compileStreaming(new Response(counted, {headers: {"Content-Type": "application/wasm"}}));
    });
  }
  // The head, parsed once for what boot.js itself reads from it (the app reads it again,
  // and reports a bad manifest).
  var head = manifest.then(function (text) {
    try { return JSON.parse(text); } catch (e) { return {}; }
  });
  var jobs = [
    compileWasm(app + "logbook.wasm", 1500000),
    script(app + "logbook.js"),
    manifest,
    isPage ? download("markdown", base + page + "index.md", 8000, true).catch(function () { return ""; }) : "",
    // The manifest's part holding this page, fetched as soon as the head names it and
    // while the app's wasm still downloads (the pages' HTML does not name it: a part's
    // name changes with any of its pages). The app checks it, and fetches the right one
    // itself if this guess by URL range was wrong.
    head.then(function (m) {
      var part = isPage && (m.parts || []).filter(function (p) { return p.from <= page && page <= p.to; })[0];
      return part ? download("part", base + "/" + part.name, 40000, true).catch(function () { return ""; }) : "";
    })
  ];
  // The search worker and its engine load with the app (ADR-0012), so that a search at the
  // first frame waits for nothing: the worker is started here, with the head's piece list,
  // and handed to the app (Module.lbSearchWorker), which adopts it once the first page is
  // drawn. Its "ready" (or "failed") is awaited with the rest; what it said is kept for
  // the app, whose listener comes later.
  var searchWorker = head.then(function (m) {
    var list = m.search && typeof m.search.list === "string" ? m.search.list : "";
    if (!list || typeof Worker !== "function") return null;
    var w;
    try { w = new Worker(app + "search-worker.js"); } catch (e) { return null; }
    return new Promise(function (resolve) {
      var said = {list: list, worker: w, state: null};
      w.onmessage = function (e) {
        if (e.data && (e.data.type === "ready" || e.data.type === "failed")) { said.state = e.data; resolve(said); }
      };
      w.onerror = function () { said.state = {type: "failed", error: "The search worker failed to start."}; resolve(said); };
      w.postMessage({type: "load", base: location.origin + base, list: list, core: app + "search-core.js"});
    });
  });
  jobs.push(searchWorker);
  var names = Object.keys(fonts);
  names.forEach(function (k) { jobs.push(download(k, app + "fonts/" + fonts[k], 60000)); });
  // Faces the build subset to the characters this content uses beyond the bundled fonts
  // (CJK, other scripts): listed in the manifest, fetched as soon as it is known.
  jobs.push(head.then(function (m) {
    return Promise.all((m.fallback_fonts || []).map(function (f, i) {
      return download("font-fallback-" + i, base + "/" + f, 40000);
    }));
  }));

  // Where the reader is, for the app to open at the same words (src/app/reading_position.hpp):
  // the position live-reload.js kept from the app before the reload, or else the static
  // page's: the heading above the top of the window, the first words of the block there
  // and how far into it. "" at the top.
  function readingPosition() {
    try {
      var kept = JSON.parse(sessionStorage.getItem("logbook:position") || "null");
      sessionStorage.removeItem("logbook:position");
      if (kept && kept.path === location.pathname && typeof kept.position === "string") return kept.position;
    } catch (e) { /* storage refused, or not ours: read the static page */ }
    var article = document.querySelector("main article");
    if (!article || window.scrollY < 8) return "";
    var heading = "", blocks = article.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li,pre,blockquote,table,dt,dd");
    for (var i = 0; i < blocks.length; ++i) {
      var b = blocks[i], box = b.getBoundingClientRect();
      if (/^H[1-6]$/.test(b.tagName) && box.top <= 1) heading = b.id.replace(/^user-content-/, "");
      if (box.bottom <= 0 || (b.tagName === "LI" && b.querySelector("p"))) continue;  // above; or its paragraphs are the blocks
      return JSON.stringify({heading: heading, text: b.textContent.replace(/\s+/g, " ").trim().slice(0, 240), offset: Math.max(0, -box.top)});
    }
    return JSON.stringify({heading: heading, text: "", offset: 0});
  }

  Promise.all(jobs).then(function (r) {
    var preload = {manifest: r[2], markdown: r[3], part: r[4], position: readingPosition()};
    names.forEach(function (k, i) { preload[k] = r[6 + i]; });
    Object.keys(lateFonts).forEach(function (k) { preload[k + "-url"] = app + "fonts/" + lateFonts[k]; });
    r[6 + names.length].forEach(function (bytes, i) { preload["font-fallback-" + i] = bytes; });
    var host = document.createElement("div");
    host.id = "logbook-app";
    var canvas = document.createElement("canvas");
    canvas.id = "logbook-canvas";
    canvas.setAttribute("aria-hidden", "true");
    canvas.tabIndex = -1;
    host.appendChild(canvas);
    document.body.appendChild(host);
    var failed = function (why) {
      bar.remove();
      host.remove();
      document.documentElement.classList.remove("logbook-app-on");
      notice("The Logbook app could not start (" + why + "). You are reading the static pages.");
      settled();
    };
    return createLogbookApp({
      canvas: canvas,
      instantiateWasm: function (imports, done) {
        WebAssembly.instantiate(r[0], imports).then(function (instance) { done(instance, r[0]); }, failed);
        return {};
      },
      logbookPreload: preload,
      lbSearchWorker: r[5],
      lbBase: base,
      lbFail: failed,
      print: function (t) { console.log(t); },
      printErr: function (t) { console.warn(t); }
    }).then(function (module) {
      // The app's own API object (window.logbook points to it; see $lbInstallApi in wasm/web_platform.js).
      var api = module.lbApi;
      return api.ready.then(function () {
        document.documentElement.classList.add("logbook-app-on");
      // The canvas was sized while the static page showed; a page wider than a phone
      // (deep nesting) had widened the viewport then. Hidden now, it no longer does.
      window.dispatchEvent(new Event("resize"));
        bar.style.opacity = "0";
        setTimeout(function () { bar.remove(); }, 400);
        api.bootMillis = performance.now();
        settled();
      });
    });
  }).catch(function (e) {
    bar.remove();
    console.warn("Logbook: the app did not start: " + e.message);
    notice("The Logbook app could not be loaded (" + e.message + "). You are reading the static pages.");
    settled();
  });
})();
