// What a first search costs in the browser now that the worker reads the database's
// pieces (ADR-0009): bytes and requests from the palette opening to the first results on
// screen, cold (empty cache) and warm (the same browser after a reload: HTTP cache), and
// the keystroke-to-results latency once the pieces are cached, as bench/app_bench.mjs
// measures it. The server counts every byte it sends (gzip, as GitHub Pages); the service
// worker is blocked so that its precache does not mix into the counts.
//
// node bench/search_pieces.mjs [--corpus /tmp/anchors/c10k] [--out /tmp/wt-worker/bench-c10k]
//                              [--delay 0] [--query evidence] [--rebuild] [--first-only]
//                              [--logbook ...] [--app-dir ...]
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSite } from "../tests/browser/lib/build.mjs";  // a site written with errors is still built
import { repo, args, opt, logbook, appDir } from "./lib/options.mjs";

const corpus = resolve(opt("--corpus", "/tmp/anchors/c10k"));
const out = resolve(opt("--out", "/tmp/logbook-bench-pieces"));
const delay = +opt("--delay", "0");
const query = opt("--query", "evidence");

const { serve } = await import(join(repo, "tests/browser/lib/server.mjs"));
const { launch, openPage } = await import(join(repo, "tests/browser/lib/browser.mjs"));
if (!existsSync(join(out, "manifest.json")) || args.includes("--rebuild"))
  buildSite(logbook, [corpus, "-o", out, "--app-dir", appDir]);
const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
const server = await serve(out, { delay });
const browser = await launch();
const { page, context } = await openPage(browser, { width: 1366, height: 860, serviceWorkers: "block" });
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const kib = (b) => (b / 1024).toFixed(1) + " KiB";

async function boot() {
  await page.goto(server.url + manifest.parts[0].from);  // the first page (manifest format 4: pages in parts)
  await page.waitForFunction(() => window.logbook && window.logbook.ready, null, { timeout: 60000 });
  await page.evaluate(() => window.logbook.ready);
  await page.waitForFunction(() => window.logbook.searchReady(), null, { timeout: 60000, polling: 50 });
  await page.waitForTimeout(300);  // the page's own downloads settle
}

// Palette opening to the first results drawn: time, and what the server sent meanwhile.
async function firstSearch(label) {
  const mark = server.log.length, t0 = performance.now();
  await page.keyboard.press("/");
  await page.waitForFunction(() => window.logbook.state().searchOpen);
  await page.keyboard.insertText(query);
  await page.waitForFunction(() => window.logbook.state().searchResults > 0, null, { timeout: 60000, polling: 5 });
  const ms = performance.now() - t0;
  const sent = server.log.slice(mark);
  const kind = (u) => /\/search\/list\./.test(u) ? "list" : /\/search\//.test(u) ? "pieces" : /index\.md$/.test(u) ? "index.md" : "other";
  const by = {};
  for (const r of sent) { const k = kind(r.url); by[k] = by[k] || { requests: 0, bytes: 0 }; by[k].requests++; by[k].bytes += r.bytes; }
  const total = sent.reduce((a, r) => a + r.bytes, 0);
  console.log(`${label}: palette open to first results ${ms.toFixed(0)} ms, ${sent.length} requests, ${kib(total)} sent` +
              Object.entries(by).map(([k, v]) => `; ${k} ${v.requests} / ${kib(v.bytes)}`).join(""));
  await page.keyboard.press("Escape");
  return { ms, requests: sent.length, bytes: total, by };
}

console.log(`${manifest.parts.reduce((n, p) => n + p.count, 0)} pages, database ${kib(manifest.search.bytes)} in ${manifest.search.pieces} pieces; server delay ${delay} ms; query "${query}"`);
await boot();
const cold = await firstSearch("cold");
await boot();  // a reload: the worker starts again, the HTTP cache keeps what it fetched
const warm = await firstSearch("warm (reload)");

if (args.includes("--first-only")) {
  console.log(JSON.stringify({ cold, warm }));
  await browser.close();
  await server.close();
  process.exit(0);
}

// Keystrokes, as bench/app_bench.mjs types them: a first pass fetches the pieces, the
// second is measured with them in the worker's cache.
const queries = ["madrassa", "deviate", "perfectest", "berates", "biologists", "spheroid", "mattocks", "brooders", "homonym",
                 "pooping", "barricades", "multilateral", "system", "search", "people", "biologists homonym", "madrassa system"];
const pass = async () => {
  const before = (await page.evaluate(() => window.logbook.searchLatencies())).length;
  for (const q of queries) {
    await page.keyboard.press("/");
    await page.waitForFunction(() => window.logbook.state().searchOpen);
    await page.keyboard.type(q, { delay: 90 });
    await page.waitForTimeout(150 + delay * 4);
    await page.keyboard.press("Escape");
  }
  return (await page.evaluate(() => window.logbook.searchLatencies())).slice(before);
};
const first = await pass();
const traced = (await page.evaluate(() => window.logbook.searchTrace())).length;
const cached = await pass();
// Where a cached keystroke's time goes (wasm/web_platform.js's trace, as app_bench.mjs reads it).
const trace = (await page.evaluate(() => window.logbook.searchTrace())).slice(traced);
const stage = (a, b) => trace.map((t) => t[b] - t[a]).filter((x) => x >= 0);
for (const [name, a, b] of [["key to query sent", "key", "sent"], ["to worker", "sent", "received"], ["queued", "received", "started"], ["engine (hits)", "started", "done"],
                            ["back", "done", "arrived"], ["drawn", "arrived", "drawn"], ["drawn to next display frame", "drawn", "shown"], ["snippets after the hits", "drawn", "snippets"]])
  console.log(`  cached pass, ${name}: p50 ${pct(stage(a, b), 0.5).toFixed(1)} ms, p95 ${pct(stage(a, b), 0.95).toFixed(1)} ms`);
for (const [name, lat] of [["first pass (fetching pieces)", first], ["cached pass", cached]])
  console.log(`keystroke to results drawn, ${name}: p50 ${pct(lat, 0.5).toFixed(1)} ms, p95 ${pct(lat, 0.95).toFixed(1)} ms over ${lat.length} keystrokes`);
console.log(JSON.stringify({ cold, warm, first_p95: pct(first, 0.95), cached_p50: pct(cached, 0.5), cached_p95: pct(cached, 0.95) }));
await context.close();
await browser.close();
await server.close();
