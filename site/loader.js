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
  installLinkPreviews(base);
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
    var QUIET_MS = 1000;
    if (!("serviceWorker" in navigator) || document.querySelector('script[src$="/_logbook/live-reload.js"]')) return;
    var started = false, quiet = 0;
    function start() {
      if (started) return;
      started = true;
      clearTimeout(quiet);
      ["keydown", "pointerdown"].forEach(function (t) { window.removeEventListener(t, whenQuiet, true); });
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
    // Then the worker waits until the reader has given no input for QUIET_MS: its install
    // downloads and hashes the shell, which slowed a search typed at the first frame
    // (the link and the CPU alike), and the 20 s after load bound the wait.
    function whenQuiet() {
      clearTimeout(quiet);
      if (!started) quiet = setTimeout(start, QUIET_MS);
    }
    document.addEventListener("logbook:settled", function () {
      ["keydown", "pointerdown"].forEach(function (t) { window.addEventListener(t, whenQuiet, true); });
      whenQuiet();
    });
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

  // Link previews on the static page (the app draws its own): resting the pointer on a
  // link to another page of the site, focusing it, or a long press shows the target's
  // title, a decision's status and its first paragraph (or the first of the section a
  // #heading link names), read from the target's HTML. Nothing of it is parsed into the
  // page: the text is copied into new nodes with textContent, links rebuilt from their
  // href. Escape closes it, as does the pointer leaving the link and the popover.
  function installLinkPreviews(base) {
    var box = null, shownFor = null, openTimer = 0, closeTimer = 0, pressed = null, cache = {}, cached = [];
    var HOVER_MS = 400, GRACE_MS = 300, PRESS_MS = 500, LONGEST = 600;

    function appOn() { return document.documentElement.classList.contains("logbook-app-on"); }
    // A link of the page's content to a page of this site (URLs of pages end in "/").
    function pageLink(e) {
      var a = e && e.closest ? e.closest("main a[href]") : null;
      if (!a || a.classList.contains("anchor") || appOn() || a.closest(".lb-preview")) return null;
      var u = new URL(a.href, location.href);
      if (u.origin !== location.origin || u.pathname.indexOf(base + "/") !== 0 || u.pathname.slice(-1) !== "/") return null;
      if (u.pathname === location.pathname && !u.hash) return null;
      return a;
    }

    function load(url) {
      var key = url.pathname;
      if (!cache[key]) {
        cached.push(key);
        if (cached.length > 20) delete cache[cached.shift()];
        cache[key] = fetch(key).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.text();
        }).then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });  // inert: nothing runs or loads
      }
      return cache[key];
    }

    // The first paragraph of the page's content (past its headings), or of the section
    // under the heading the hash names (before the next heading), as the app chooses.
    function firstParagraph(doc, hash) {
      var start = doc.querySelector("main .doc h1");
      if (hash) {
        var target = doc.getElementById(decodeURIComponent(hash.slice(1)));
        start = target ? target.closest("h1,h2,h3,h4,h5,h6") : null;
        if (!start) return null;
      }
      for (var e = start ? start.nextElementSibling : doc.querySelector("main .doc").firstElementChild; e; e = e.nextElementSibling) {
        if (hash && /^H[1-6]$/.test(e.tagName)) return null;  // the section ended
        if (e.tagName === "P") return e;
      }
      return null;
    }

    // The paragraph's text as new nodes: its links (to http(s) addresses or this site)
    // and inline code, emphasis and strong text kept, anything else as its text.
    function copyText(from, into, url, left) {
      Array.prototype.forEach.call(from.childNodes, function (n) {
        if (left.n <= 0) return;
        var text = n.textContent.slice(0, left.n), e;
        left.n -= text.length;
        if (n.nodeType !== 1) return into.appendChild(document.createTextNode(text + (left.n <= 0 ? "\u2026" : "")));
        if (n.tagName === "A" && n.getAttribute("href")) {
          var href = new URL(n.getAttribute("href"), url);
          e = document.createElement(/^https?:$/.test(href.protocol) ? "a" : "span");
          if (e.tagName === "A") e.href = href.href;
        } else {
          e = document.createElement(/^(CODE|EM|STRONG)$/.test(n.tagName) ? n.tagName.toLowerCase() : "span");
        }
        e.textContent = text;
        into.appendChild(e);
      });
    }

    function fill(doc, url) {
      box.replaceChildren();
      var title = document.createElement("p"), h1 = doc.querySelector("main h1");
      title.className = "lb-preview-title";
      title.textContent = h1 ? h1.textContent : doc.title;
      box.appendChild(title);
      var status = doc.querySelector("main .decision .status");
      if (status) {
        var badge = document.createElement("span"), kind = /status-([a-z]+)/.exec(status.className);
        badge.className = "status" + (kind ? " status-" + kind[1] : "");
        badge.textContent = status.textContent;
        box.appendChild(badge);
      }
      var p = firstParagraph(doc, url.hash), text = document.createElement("p");
      if (p) copyText(p, text, url, { n: LONGEST });
      else text.textContent = "This page has no paragraph to preview.";
      box.appendChild(text);
    }

    function place(a) {
      var r = a.getBoundingClientRect(), w = box.offsetWidth, h = box.offsetHeight;
      var top = r.bottom + 6 + h > innerHeight - 8 && r.top - 6 - h > 8 ? r.top - 6 - h : r.bottom + 6;
      box.style.left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - w - 8)) + scrollX + "px";
      box.style.top = top + scrollY + "px";
    }

    function show(a) {
      clearTimeout(closeTimer);
      if (shownFor === a) return;
      hide();
      if (!box) {
        box = document.createElement("div");
        box.id = "lb-preview";
        box.className = "lb-preview";
        box.setAttribute("role", "tooltip");
        box.addEventListener("mouseenter", function () { clearTimeout(closeTimer); });
        box.addEventListener("mouseleave", function () { closeSoon(); });
      }
      shownFor = a;
      var url = new URL(a.href, location.href);
      box.replaceChildren(document.createTextNode("Loading\u2026"));
      box.hidden = false;
      document.body.appendChild(box);
      a.setAttribute("aria-describedby", box.id);
      place(a);
      load(url).then(function (doc) {
        if (shownFor !== a) return;
        fill(doc, url);
        place(a);
      }, function (err) {
        if (shownFor === a) box.textContent = "Could not load the preview (" + err.message + ").";
      });
    }

    function hide() {
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      if (shownFor) shownFor.removeAttribute("aria-describedby");
      shownFor = null;
      if (box) box.hidden = true;
    }
    function closeSoon() {
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      closeTimer = setTimeout(hide, GRACE_MS);
    }

    document.addEventListener("mouseover", function (e) {
      var a = pageLink(e.target);
      if (!a) return;
      clearTimeout(openTimer);
      if (shownFor === a) return clearTimeout(closeTimer);
      openTimer = setTimeout(function () { show(a); }, HOVER_MS);
    });
    document.addEventListener("mouseout", function (e) {
      if (pageLink(e.target) && !(box && box.contains(e.relatedTarget))) closeSoon();
    });
    document.addEventListener("focusin", function (e) {
      var a = pageLink(e.target);
      if (a) show(a);
      else if (shownFor && !(box && box.contains(e.target))) hide();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && shownFor) hide();
    });
    // A long press: the preview instead of the browser's menu, and no click when the finger lifts.
    document.addEventListener("touchstart", function (e) {
      var a = pageLink(e.target);
      clearTimeout(openTimer);
      pressed = null;
      if (shownFor && !(box && box.contains(e.target)) && shownFor !== a) hide();
      if (a) openTimer = setTimeout(function () { pressed = a; show(a); }, PRESS_MS);
    }, { passive: true });
    document.addEventListener("touchmove", function () { clearTimeout(openTimer); }, { passive: true });
    document.addEventListener("touchend", function (e) {
      clearTimeout(openTimer);
      if (pressed && pageLink(e.target) === pressed) e.preventDefault();
      pressed = null;
    });
    document.addEventListener("contextmenu", function (e) {
      if (shownFor && pageLink(e.target) === shownFor) e.preventDefault();
    });
  }
})();
