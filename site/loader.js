// Boots the Logbook app on top of a static page when the app has been built and the
// browser can run it; otherwise the static page stays as it is.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="logbook:page"]');
  if (!meta) return;
  var base = meta.getAttribute("data-base") || "";
  fetch(base + "/manifest.json").then(function (r) { return r.ok ? r.json() : null; }).then(function (m) {
    if (!m || !m.app) return;  // the wasm app was not part of this build
    window.logbookManifest = m;  // the app reads it from here instead of fetching it again
    var s = document.createElement("script");
    s.src = base + "/" + m.app.boot;
    document.head.appendChild(s);
  }).catch(function () { /* offline or no manifest: keep the static page */ });
})();
