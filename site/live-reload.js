// `logbook serve` adds this to every page it serves: it reloads the page when the site
// has been rebuilt and shows build problems over the page instead of failing quietly.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = (script && script.getAttribute("data-base")) || "";
  var events = new EventSource(base + "/_logbook/events");
  // A site being edited is always served fresh: drop an offline copy left from a published build.
  if ("serviceWorker" in navigator)
    navigator.serviceWorker.getRegistrations().then(function (rs) { rs.forEach(function (r) { r.unregister(); }); });
  var panel = null;

  function hide() {
    if (panel) panel.remove();
    panel = null;
  }

  // The build's findings, as the terminal and `logbook check` print them: errors red,
  // warnings amber (a panel of warnings only is amber too).
  var isError = function (line) { return /: error: |^logbook: /.test(line); };
  function show(problems) {
    hide();
    var errors = problems.lines.some(isError);
    panel = document.createElement("div");
    panel.className = "logbook-problems";
    panel.setAttribute("role", errors ? "alert" : "status");
    panel.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:50vh;overflow:auto;z-index:2147483647;" +
      "background:" + (errors ? "#fff8f8" : "#fff8c5") + ";color:#1f2328;border:2px solid " + (errors ? "#cf222e" : "#9a6700") +
      ";border-radius:8px;padding:1rem 1.25rem;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;box-shadow:0 8px 24px rgba(0,0,0,.25)";
    var title = document.createElement("div");
    title.style.cssText = "font:600 15px/1.4 system-ui,sans-serif;margin-bottom:.5rem;display:flex;justify-content:space-between";
    title.textContent = problems.title;
    var close = document.createElement("button");
    close.textContent = "Dismiss";
    close.onclick = hide;
    title.appendChild(close);
    panel.appendChild(title);
    problems.lines.forEach(function (line) {
      var row = document.createElement("div");
      row.textContent = line;
      row.className = isError(line) ? "error" : "warning";
      row.style.color = isError(line) ? "#cf222e" : "#7d4e00";
      panel.appendChild(row);
    });
    document.body.appendChild(panel);
  }

  // The app's reading position, kept for the reloaded page (boot.js hands it to the app),
  // so that a save puts the writer back where they were. A static page keeps its own
  // scroll across a reload.
  function keepPosition() {
    try {
      var api = window.logbook;
      if (api && typeof api.readingPosition === "function")
        sessionStorage.setItem("logbook:position", JSON.stringify({path: location.pathname, position: api.readingPosition()}));
    } catch (e) { /* storage refused: the reload starts at the top */ }
  }

  events.addEventListener("reload", function () { keepPosition(); location.reload(); });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
})();
