// Benchmarks of the browser app, in Debian's headless Chromium (playwright-core from
// tests/browser). Figures against the targets:
//   transfer before the first page is drawn (gzip)           < 1.2 MB
//   cold start, navigation to first page drawn, content/      < 1 s
//   search latency per keystroke, 10k-page corpus, p95        < 16 ms
//   frame time while scrolling a 500 KB Markdown page, p95    < 8 ms
//
// node bench/app_bench.mjs [--logbook build/native/src/cli/logbook] [--app-dir build/wasm/wasm/app]
//                          [--corpus /tmp/anchors/c10k] [--runs 5] [--only start|scroll|search] [--skip-search]
// The 10k corpus: python3 /work/shared/peers-bench/gen_corpus.py 10000 /tmp/anchors/c10k
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSite } from "../tests/browser/lib/build.mjs";  // a site written with errors is still built
import { repo, args, opt, logbook, appDir } from "./lib/options.mjs";

const corpus = resolve(opt("--corpus", "/tmp/anchors/c10k"));
const runs = +opt("--runs", "5");
const only = opt("--only", "");  // start | scroll | search
const want = (name) => !only || only === name;
for (const [what, path] of [["logbook", logbook], ["the wasm app", join(appDir, "logbook.wasm")], ["playwright-core", join(repo, "tests/browser/node_modules/playwright-core")]])
  if (!existsSync(path)) { console.error(`app_bench: ${what} is missing at ${path} (build it, or run tests/browser/run.mjs once for playwright-core)`); process.exit(1); }

const { serve } = await import(join(repo, "tests/browser/lib/server.mjs"));
const { launch, openPage } = await import(join(repo, "tests/browser/lib/browser.mjs"));
const tmp = mkdtempSync(join(tmpdir(), "logbook-bench-"));
const build = (content, out) => buildSite(logbook, [content, "-o", out, "--app-dir", appDir]);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const f1 = (x) => x.toFixed(1);
const browser = await launch();
const results = {};

async function boot(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.logbook && window.logbook.ready, null, { timeout: 60000 });
  await page.evaluate(() => window.logbook.ready);
}

// 1 and 2: the content/ site, cold (a new browser context: empty cache), several runs.
if (want("start")) {
build(join(repo, "content"), join(tmp, "content"));
const docs = await serve(join(tmp, "content"));
const starts = [], transfers = [];
let files = [];
for (let i = 0; i < runs; ++i) {
  const { page, context } = await openPage(browser, { width: 1366, height: 860 });
  await boot(page, docs.url + "/guides/searching/");
  const m = await page.evaluate(() => {
    const ready = window.logbook.readyAt;
    const nav = performance.getEntriesByType("navigation")[0];
    const entries = performance.getEntriesByType("resource").filter((e) => e.responseEnd <= ready);
    return { ready, files: [{ name: nav.name, bytes: nav.encodedBodySize }, ...entries.map((e) => ({ name: e.name, bytes: e.encodedBodySize }))] };
  });
  starts.push(m.ready);
  transfers.push(m.files.reduce((a, f) => a + f.bytes, 0));
  files = m.files;
  await context.close();
}
results.transfer_before_first_draw_kb = Math.round(Math.max(...transfers) / 1024);
results.cold_start_ms = { median: Math.round(pct(starts, 0.5)), max: Math.round(Math.max(...starts)) };
console.log(`transfer before the first page is drawn (gzip): ${results.transfer_before_first_draw_kb} KB (target < 1200 KB)`);
for (const f of files.sort((a, b) => b.bytes - a.bytes)) console.log(`  ${String(Math.round(f.bytes / 1024)).padStart(5)} KB  ${f.name.replace(docs.url, "")}`);
console.log(`cold start to first page drawn, content/: median ${results.cold_start_ms.median} ms, max ${results.cold_start_ms.max} ms over ${runs} runs (target < 1000 ms)`);
await docs.close();
}

// 4: frame time while scrolling a 500 KB page.
if (want("scroll")) {
const big = join(tmp, "big");
mkdirSync(big, { recursive: true });
let md = "# A long page\n\n";
for (let i = 0; md.length < 500 * 1024; ++i) {
  md += `## Section ${i}\n\nThis paragraph has **bold**, *italic*, \`code\` and a [link](#section-${i}) in it, and goes on long enough to wrap over several lines of the page at any width a reader might use, so that layout has work to do. Item ${i}.\n\n`;
  md += `- first point of ${i}\n- second point with more words in it\n  1. nested\n  2. nested again\n\n`;
  if (i % 4 === 0) md += "```cpp\nint main() {\n  return " + i + ";\n}\n```\n\n";
  if (i % 6 === 0) md += "| Name | Value | Notes |\n|:--|--:|:-:|\n| alpha | 1 | first |\n| beta | 2 | second |\n\n";
  if (i % 5 === 0) md += "> [!NOTE]\n> A note in the middle of the page.\n\n";
}
writeFileSync(join(big, "index.md"), md);
build(big, join(tmp, "big-site"));
const bigServer = await serve(join(tmp, "big-site"));
{
  const { page, context } = await openPage(browser, { width: 1366, height: 860 });
  await boot(page, bigServer.url + "/");
  await page.mouse.move(700, 450);
  // What a frame asks of the GPU: a software renderer (SwiftShader here) pays for every pixel filled.
  const draw = await page.evaluate(() => window.logbook.drawStats());
  results.frame_fill = { vertices: draw.vertices, pixels: draw.pixels, screens: +(draw.pixels / (1366 * 860)).toFixed(2) };
  console.log(`a frame of the page: ${draw.vertices} vertices, ${draw.pixels} pixels filled (${results.frame_fill.screens} screenfuls)`);
  await page.evaluate(() => window.logbook.frameTimes().length);
  const before = (await page.evaluate(() => window.logbook.frameTimes())).length;
  for (let i = 0; i < 400; ++i) {
    await page.mouse.wheel(0, i < 200 ? 240 : -120);
    await page.waitForTimeout(8);
  }
  await page.waitForTimeout(300);
  const times = (await page.evaluate(() => window.logbook.frameTimes())).slice(before);
  results.scroll_frame_ms = { frames: times.length, p50: +f1(pct(times, 0.5)), p95: +f1(pct(times, 0.95)), max: +f1(Math.max(...times)) };
  console.log(`frame time while scrolling a ${Math.round(md.length / 1024)} KB page: p50 ${results.scroll_frame_ms.p50} ms, p95 ${results.scroll_frame_ms.p95} ms, max ${results.scroll_frame_ms.max} ms over ${times.length} frames (target p95 < 8 ms)`);
  await context.close();
}
await bigServer.close();
}

// 3: search latency per keystroke on the 10k corpus: from the key event to the results drawn.
if (want("search") && !args.includes("--skip-search")) {
  if (!existsSync(corpus)) {
    console.log(`search latency: skipped, no corpus at ${corpus} (python3 /work/shared/peers-bench/gen_corpus.py 10000 ${corpus})`);
  } else {
    build(corpus, join(tmp, "c10k"));
    const site = await serve(join(tmp, "c10k"));
    const { page, context } = await openPage(browser, { width: 1366, height: 860 });
    const t0 = Date.now();
    const head = JSON.parse(readFileSync(join(tmp, "c10k/manifest.json"), "utf8"));
    const first = JSON.parse(readFileSync(join(tmp, "c10k", head.parts[0].name), "utf8")).pages[0].url;
    await boot(page, site.url + first);
    await page.waitForFunction(() => window.logbook.searchReady(), null, { timeout: 300000, polling: 200 });
    const loadSeconds = (Date.now() - t0) / 1000;
    const queries = ["madrassa", "deviate", "perfectest", "berates", "biologists", "spheroid", "mattocks", "brooders", "homonym",
                     "pooping", "barricades", "multilateral", "system", "search", "people", "biologists homonym", "madrassa system"];
    for (const q of queries) {
      await page.keyboard.press("/");
      await page.waitForFunction(() => window.logbook.state().searchOpen);
      await page.keyboard.type(q, { delay: 90 });
      await page.waitForTimeout(150);
      await page.keyboard.press("Escape");
    }
    const lat = await page.evaluate(() => window.logbook.searchLatencies());
    const engine = await page.evaluate(() => window.logbook.searchEngineMillis());
    const trace = await page.evaluate(() => window.logbook.searchTrace());
    const stage = (a, b) => trace.map((t) => t[b] - t[a]);
    const stages = { "key to query sent": stage("key", "sent"), "query sent to answer back": stage("sent", "arrived"),
                     "  to worker": stage("sent", "received"), "  queued": stage("received", "started"), "  engine": stage("started", "done"), "  back": stage("done", "arrived"),
                     "answer read": stage("arrived", "parsed"), "results drawn": stage("parsed", "drawn"),
                     "key to the next display frame after": stage("key", "shown") };
    results.search_ms = { keystrokes: lat.length, p50: +f1(pct(lat, 0.5)), p95: +f1(pct(lat, 0.95)), max: +f1(Math.max(...lat)),
                          engine_p50: +f1(pct(engine, 0.5)), engine_p95: +f1(pct(engine, 0.95)), db_ready_s: +f1(loadSeconds) };
    console.log(`search latency per keystroke, 10k pages, key event to results on screen: p50 ${results.search_ms.p50} ms, p95 ${results.search_ms.p95} ms, max ${results.search_ms.max} ms over ${lat.length} keystrokes (target p95 < 16 ms)`);
    const slowest = [...trace].sort((a, b) => (b.shown - b.key) - (a.shown - a.key)).slice(0, 8);
    if (args.includes("--verbose")) for (const t of slowest) console.log(`  slow: "${JSON.parse(t.request).query}" key→drawn ${f1(t.drawn - t.key)} ms, engine ${f1(t.engine)} ms, back ${f1(t.arrived - t.done)} ms`);
    for (const [name, xs] of Object.entries(stages)) console.log(`  ${name}: p50 ${f1(pct(xs, 0.5))} ms, p95 ${f1(pct(xs, 0.95))} ms`);
    console.log(`  of which the engine in the worker: p50 ${results.search_ms.engine_p50} ms, p95 ${results.search_ms.engine_p95} ms; database ready ${f1(loadSeconds)} s after navigation`);
    await context.close();
    await site.close();
  }
}
await browser.close();
console.log(JSON.stringify(results));
