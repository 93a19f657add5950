// Boots the Logbook app on top of a static page when the app has been built and the
// browser can run it; otherwise the static page stays as it is.
(function () {
  "use strict";
  unclobberDocument();
  var updating = false;  // the reader chose Reload: the new worker's takeover reloads the page
  var meta = document.querySelector('meta[name="logbook:page"]');
  if (!meta) return;
  var base = meta.getAttribute("data-base") || "";
  var appComing = true;  // until the manifest says otherwise
  registerOfflineCopy(base);
  fetch(base + "/manifest.json").then(function (r) { return r.ok ? r.json() : null; }).then(function (m) {
    if (!m || !m.app) return settle();  // the wasm app was not part of this build
    var s = document.createElement("script");
    // boot.js reads it from its own script element instead of fetching it again (never
    // from a window global, which an element of the page's content could stand in for).
    s.logbookManifest = m;
    s.src = base + "/" + m.app.boot;
    document.head.appendChild(s);
  }).catch(settle);  // offline or no manifest: keep the static page

  function settle() {
    appComing = false;
    if (document.readyState === "complete") document.dispatchEvent(new Event("logbook:settled"));
  }

  // A named img, form, embed, object or iframe in the content (<img name="querySelector">,
  // <form name="body">) replaces that property of `document` for every script of the
  // page, the app's runtime included. Their names and ids get GitHub's "user-content-"
  // prefix before anything reads `document`, through methods that cannot be replaced.
  function unclobberDocument() {
    var named = Document.prototype.querySelectorAll.call(document,
      "img[name],form[name],embed[name],object[name],iframe[name],img[id],object[id]");
    Array.prototype.forEach.call(named, function (e) {
      ["name", "id"].forEach(function (attr) {
        var value = Element.prototype.getAttribute.call(e, attr);
        if (value && value.indexOf("user-content-") !== 0) Element.prototype.setAttribute.call(e, attr, "user-content-" + value);
      });
    });
  }

  // The offline copy (sw.js): registered on every page, once the app has started (or the
  // static page has loaded), so that the worker's first caching finds in the HTTP cache
  // what the page has just downloaded instead of downloading it again. `logbook serve`
  // pages (live reload) are always fresh, so there it stays off.
  function registerOfflineCopy(base) {
    if (!("serviceWorker" in navigator) || document.querySelector('script[src$="/_logbook/live-reload.js"]')) return;
    var started = false;
    function start() {
      if (started) return;
      started = true;
      navigator.serviceWorker.register(base + "/sw.js", { scope: base + "/" }).then(function (reg) {
        // A new worker may already be waiting, or installing (the browser checks on navigation).
        function track(worker) {
          if (!worker || !navigator.serviceWorker.controller) return;
          if (worker.state === "installed") return offerNewVersion(worker);
          worker.addEventListener("statechange", function () {
            if (worker.state === "installed") offerNewVersion(worker);
          });
        }
        track(reg.waiting);
        track(reg.installing);
        reg.addEventListener("updatefound", function () { track(reg.installing); });
        // A worker installed just now is this deployment's: asking again would fetch sw.js twice.
        if (navigator.serviceWorker.controller) reg.update().catch(function () { /* offline: keep the copy we have */ });
      }).catch(function () { /* no offline copy: the site works online as before */ });
      navigator.serviceWorker.ready.then(function (reg) {
        // What this page fetched before a worker controlled it, then the offline status
        // (which starts the whole-site copy of a small site).
        var fetched = performance.getEntriesByType("resource").map(function (e) { return e.name; });
        reg.active.postMessage({ type: "keep", urls: fetched.concat([location.href]) });
        reg.active.postMessage({ type: "status" });
      });
    }
    // boot.js says when the app has started or failed; a page without the app, when loaded.
    document.addEventListener("logbook:settled", start);
    window.addEventListener("load", function () { setTimeout(start, appComing ? 20000 : 0); });
    var reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (reloading || !updating) return;
      reloading = true;
      location.reload();
    });
  }

  // A new deployment has been downloaded completely; it takes over when the reader reloads.
  function offerNewVersion(worker) {
    if (document.querySelector(".logbook-update")) return;
    var bar = document.createElement("div");
    bar.className = "logbook-update";
    bar.setAttribute("role", "status");
    bar.style.cssText = "position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);z-index:2147483646;" +
      "background:#1f2328;color:#fff;border-radius:8px;padding:.6rem .8rem .6rem 1rem;display:flex;gap:1rem;" +
      "align-items:center;font:14px/1.4 Inter,system-ui,sans-serif;box-shadow:0 8px 24px rgba(0,0,0,.3)";
    bar.appendChild(document.createTextNode("A new version of this site is available."));
    var button = document.createElement("button");
    button.textContent = "Reload";
    button.style.cssText = "font:inherit;font-weight:600;border:0;border-radius:6px;padding:.35rem .8rem;background:#4493f8;color:#fff;cursor:pointer";
    button.onclick = function () {
      updating = true;
      worker.postMessage({ type: "activate" });
    };
    bar.appendChild(button);
    document.body.appendChild(bar);
  }
})();
