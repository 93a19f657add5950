// Large sites on a slow network, Logbook beside Hugo + Pagefind on the same pages, in one
// run (issue 9). Chromium loads both sites from one server that behaves like GitHub Pages
// (HTTP/2 over TLS, gzip for anything compressible, `Range` ignored) on a throttled link:
// every response waits a round trip (40 ms) and all responses share 20 Mbit/s, workers and
// the service worker included, since the throttle is the server's. It counts every byte
// it sends. --http1 serves plain HTTP/1.1 instead, where the browser opens at most six
// connections to the server, so a seventh request waits for one of them.
//
// Per site and corpus, from a cold browser (a new context):
//   before first draw   bytes until the first page is drawn (Logbook: the app's first frame;
//                       Pagefind: the page's load event)
//   first search        the reader opens search right then and types the query: bytes and
//                       milliseconds from the first draw to the first results on screen
//                       (Pagefind: import, init, search and the 5 shown results' fragments)
//   warm search         the next queries of queries.json once the first is answered
//
// node bench/large_site.mjs [--corpus c10k[,c1k]] [--runs 3] [--rate-mbit 20] [--rtt 40] [--http1]
//   TIMELINE=1 also prints, per Logbook run, what happened around its first search: the
//   main thread's long tasks, each request (server times on the page's clock) and the
//   queries' trace (key, sent, received, started, done, drawn), in ms from opening search.
//   needs: build/native (logbook), build/wasm (the app), /tmp/anchors/site-<c>/public with
//   pagefind/ (../shared/peers-bench/run_hugo.sh and run_pagefind.sh), /tmp/anchors/queries.json
//   (pick_queries.py). Logbook's site is built into /tmp/logbook-large-<c>.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { createSecureServer } from "node:http2";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { existsSync, readFileSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { buildSite } from "../tests/browser/lib/build.mjs";  // a site written with errors is still built
import { repo, args, opt, logbook, appDir } from "./lib/options.mjs";

const anchors = process.env.ANCHORS || "/tmp/anchors";
const corpora = opt("--corpus", "c10k").split(",");
const runs = +opt("--runs", "3");
const rate = +opt("--rate-mbit", "20") * 1e6 / 8;  // bytes a second
const rtt = +opt("--rtt", "40");
const queries = JSON.parse(readFileSync(join(anchors, "queries.json"), "utf8"));
const http1 = args.includes("--http1");
// HTTP/2 needs TLS in browsers: a certificate made for this run, which Chromium is told to
// accept (as it is told nothing else about the server).
let tls = null;
if (!http1) {
  const dir = mkdtempSync(join(tmpdir(), "large-site-tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                           "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
  tls = { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")), allowHTTP1: true };
  // Trusted by its key's hash, so that Chromium treats the origin as any valid one: it
  // caches what it fetches (with a certificate error it would cache nothing).
  const spki = execFileSync("bash", ["-c", `openssl x509 -in ${join(dir, "cert.pem")} -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`], { encoding: "utf8" }).trim();
  process.env.LOGBOOK_CHROMIUM_FLAGS = `${process.env.LOGBOOK_CHROMIUM_FLAGS || ""} --ignore-certificate-errors-spki-list=${spki}`;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";  // the throttle check's own fetch
}
const { launch, openPage } = await import(join(repo, "tests/browser/lib/browser.mjs"));

// --- the server: GitHub Pages' compression, no Range, one shared throttled link -----------
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".md": "text/markdown; charset=utf-8", ".wasm": "application/wasm", ".svg": "image/svg+xml",
  ".xml": "application/xml", ".ttf": "font/ttf", ".otf": "font/otf", ".woff2": "font/woff2", ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream", ".pagefind": "application/octet-stream" };
const compressible = /^(text\/|application\/(json|wasm|xml|octet-stream)|font\/(ttf|otf)|image\/svg)/;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let linkFreeAt = 0;  // when the shared link has sent everything queued so far
async function throttledWrite(res, body) {
  for (let at = 0; at < body.length; at += 16384) {
    const chunk = body.subarray(at, at + 16384);
    const now = performance.now();
    linkFreeAt = Math.max(linkFreeAt, now) + chunk.length / rate * 1000;
    await sleep(linkFreeAt - now);
    res.write(chunk);
  }
  res.end();
}
function startServer(roots) {
  const log = [];
  const gz = new Map();
  const handler = async (req, res) => {
    const url = new URL(req.url, "http://x");
    const [, site, ...rest] = decodeURIComponent(url.pathname).split("/");
    const root = roots[site];
    let file = root && normalize(join(root, rest.join("/")));
    const begun = performance.now();
    await sleep(rtt);
    let status = 200, body;
    try {
      if (!file || !file.startsWith(root)) throw new Error("outside");
      if ((await stat(file)).isDirectory()) {
        if (!url.pathname.endsWith("/")) { res.writeHead(301, { Location: url.pathname + "/" + url.search }); return res.end(); }
        file = join(file, "index.html");
      }
      body = await readFile(file);
    } catch {
      status = 404;
      body = Buffer.from("Not found");
      file = "404";
    }
    const type = types[extname(file)] || "application/octet-stream";
    const headers = { "Content-Type": type, "Cache-Control": "max-age=600" };
    let out = body;
    if (compressible.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] || "") && body.length > 256) {
      if (!gz.has(file)) gz.set(file, gzipSync(body, { level: 6 }));
      out = gz.get(file);
      headers["Content-Encoding"] = "gzip";
    }
    headers["Content-Length"] = out.length;
    res.writeHead(status, headers);
    await throttledWrite(res, out);
    log.push({ url: url.pathname, status, bytes: out.length + 200, begun, at: performance.now() });  // ~200 bytes of headers
  };
  const server = tls ? createSecureServer(tls, handler) : createServer(handler);
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r({ server, log, url: `${tls ? "https" : "http"}://127.0.0.1:${server.address().port}` })));
}
const sum = (entries) => entries.reduce((a, e) => a + e.bytes, 0);
const kb = (b) => Math.round(b / 1024);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const top = (entries, n = 6) => Object.entries(entries.reduce((m, e) => {
  const k = e.url.replace(/\/site-[^/]+|\/logbook-[^/]+/, "").replace(/[0-9a-f]{16}/g, "H").replace(/_[0-9a-f]{10,}/g, "_H");
  m[k] = (m[k] || 0) + e.bytes; return m;
}, {})).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, b]) => `${k} ${kb(b)} KB`).join(", ");

// wait: how long after the first draw the reader opens search (0: at once, before the
// search engine, fetched right after the first draw, has arrived).
async function logbookRun(browser, srv, prefix, pagePath, q, wait = 0) {
  const { page, context } = await openPage(browser, { width: 1366, height: 860 });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  if (process.env.TIMELINE) {
    await page.addInitScript(() => {
      window.lbLongTasks = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.lbLongTasks.push([e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });
    });
  }
  const start = srv.log.length;
  await page.goto(srv.url + prefix + pagePath);
  await page.waitForFunction(() => window.logbook && window.logbook.readyAt, null, { timeout: 120000 });
  const before = srv.log.slice(start);
  if (wait) await page.waitForTimeout(wait);
  const mark = srv.log.length;
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.press("/");
  await page.keyboard.type(q);
  const drawnAt = await page.waitForFunction((q) => {
    const t = window.logbook.searchTrace().find((x) => JSON.parse(x.request).query === q);
    return t && t.drawn;
  }, q, { timeout: 600000, polling: 20 }).then((h) => h.jsonValue());
  const first = srv.log.slice(mark);
  if (process.env.TIMELINE) await timeline(page, srv.log.slice(start), t0);
  const hits = (await page.evaluate(() => window.logbook.state())).searchResults;
  // Warm: the other queries, each typed into a cleared palette.
  const warm = [];
  const warmMark = srv.log.length;
  for (const w of queries.queries.slice(0, 10)) {
    await page.keyboard.press("Control+A");
    const s = await page.evaluate(() => performance.now());
    await page.keyboard.type(w);
    const d = await page.waitForFunction((w) => {
      const t = window.logbook.searchTrace().find((x) => JSON.parse(x.request).query === w);
      return t && t.drawn;
    }, w, { timeout: 600000, polling: 20 }).then((h) => h.jsonValue());
    warm.push(d - s);
  }
  const warmBytes = sum(srv.log.slice(warmMark));
  await context.close();
  return { before: sum(before), beforeTop: top(before), ready: 0, first: sum(first), firstTop: top(first), firstMs: drawnAt - t0,
           hits, warmMs: median(warm), warmBytes, errors };
}

// TIMELINE=1: the first search's requests and its queries' trace, in ms from the moment
// search was opened (negative: before), server times mapped onto the page's clock.
async function timeline(page, entries, t0) {
  const n0 = performance.now(), pageNow = await page.evaluate(() => performance.now()), n1 = performance.now();
  const off = (n0 + n1) / 2 - pageNow;  // node time = page time + off (within (n1 - n0) / 2)
  const ready = await page.evaluate(() => window.logbook.readyAt);
  console.log(`  timeline: first draw at ${Math.round(ready - t0)} ms (clocks matched within ${Math.round((n1 - n0) / 2)} ms)`);
  const busy = await page.evaluate(() => window.lbLongTasks || []);
  for (const [at, ms] of busy) if (at + ms > ready - 100) console.log(`  ${Math.round(at - t0)}..${Math.round(at + ms - t0)} ms  main thread busy`);
  for (const e of entries)
    if (e.at - off > ready - 200) console.log(`  ${Math.round(e.begun - off - t0)}..${Math.round(e.at - off - t0)} ms  ${e.url.replace(/^\/[^/]+/, "").slice(0, 60)} ${e.bytes}`);
  const trace = await page.evaluate(() => window.logbook.searchTrace());
  for (const x of trace) {
    const y = { query: JSON.parse(x.request).query };
    for (const k in x) if (typeof x[k] === "number" && k !== "engine") y[k] = Math.round(x[k] - t0);
    y.engine = Math.round(x.engine);
    console.log("  query", JSON.stringify(y));
  }
}

async function pagefindRun(browser, srv, prefix, pagePath, q) {
  const { page, context } = await openPage(browser, { width: 1366, height: 860 });
  const start = srv.log.length;
  await page.goto(srv.url + prefix + pagePath, { waitUntil: "load" });
  const before = srv.log.slice(start);
  const mark = srv.log.length;
  const r = await page.evaluate(async ({ prefix, q }) => {
    const t0 = performance.now();
    const pf = await import(prefix + "/pagefind/pagefind.js");
    await pf.init();
    const res = await pf.search(q);
    await Promise.all(res.results.slice(0, 5).map((x) => x.data()));
    return { ms: performance.now() - t0, n: res.results.length };
  }, { prefix, q });
  const first = srv.log.slice(mark);
  await context.close();
  return { before: sum(before), beforeTop: top(before), first: sum(first), firstTop: top(first), firstMs: r.ms, hits: r.n };
}

const browser = await launch();
for (const c of corpora) {
  const hugo = join(anchors, `site-${c}/public`);
  if (!existsSync(join(hugo, "pagefind/pagefind.js"))) { console.log(`${c}: no Pagefind site at ${hugo}; run run_hugo.sh and run_pagefind.sh ${c}`); continue; }
  const out = `/tmp/logbook-large-${c}`;
  buildSite(logbook, [join(anchors, c), "-o", out, "--base-url", "/lb/", "--app-dir", appDir]);
  const srv = await startServer({ lb: out, pf: hugo });
  // Did the throttle take effect? A 2 MB file should take about 2e6 / rate seconds.
  const probe = join(appDir, "logbook.wasm");
  const t = performance.now();
  await fetch(srv.url + "/lb/app/logbook.wasm", { headers: { "accept-encoding": "identity" } }).then((r) => r.arrayBuffer());
  const expected = statSync(probe).size / rate * 1000 + rtt;
  console.log(`${c}: throttle check: ${kb(statSync(probe).size)} KB in ${Math.round(performance.now() - t)} ms (expected ≥ ${Math.round(expected)} ms at ${rate * 8 / 1e6} Mbit/s, ${rtt} ms)`);
  // A page two folders down, the same in both sites.
  const md = execFileSync("find", [join(anchors, c), "-mindepth", "2", "-name", "*.md"], { encoding: "utf8" }).split("\n").filter(Boolean).sort()[7];
  const pagePath = "/" + md.slice(join(anchors, c).length + 1).replace(/\.md$/, "/");
  const lb = [], lbLater = [], pf = [];
  for (let i = 0; i < runs; ++i) {
    lb.push(await logbookRun(browser, srv, "/lb", pagePath, queries.cold));
    lbLater.push(await logbookRun(browser, srv, "/lb", pagePath, queries.cold, 3000));
    pf.push(await pagefindRun(browser, srv, "/pf", pagePath, queries.cold));
  }
  const show = (name, rs) => {
    console.log(`${c} ${name}: before first draw ${kb(median(rs.map((r) => r.before)))} KB [${rs[0].beforeTop}]`);
    console.log(`${c} ${name}: first search "${queries.cold}" ${kb(median(rs.map((r) => r.first)))} KB, ${Math.round(median(rs.map((r) => r.firstMs)))} ms (runs: ${rs.map((r) => Math.round(r.firstMs)).join(", ")}) [${rs[0].firstTop}]`);
    if (rs[0].warmMs !== undefined) console.log(`${c} ${name}: next 10 queries typed: median ${Math.round(median(rs.map((r) => r.warmMs)))} ms to results drawn, ${kb(median(rs.map((r) => r.warmBytes)))} KB`);
    for (const r of rs) if (r.errors && r.errors.length) console.log(`  page errors: ${r.errors.join("; ")}`);
  };
  show("Logbook, search opened at the first draw", lb);
  show("Logbook, search opened 3 s after the first draw", lbLater);
  show("Pagefind", pf);
  const ratio = (rs) => (median(rs.map((r) => r.firstMs)) / median(pf.map((r) => r.firstMs))).toFixed(2);
  console.log(`${c}: first search time, Logbook / Pagefind: ${ratio(lb)} (search opened at the first draw), ${ratio(lbLater)} (3 s after)`);
  srv.server.close();
}
await browser.close();
