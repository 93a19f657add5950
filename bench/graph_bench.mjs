// The link graph at 10k pages (ADR-0015), in Debian's headless Chromium: the graph file's
// size (raw and gzip), the time the build spends laying it out, and the frame time while
// the reader pans and zooms the whole site's graph. Target: frame p95 <= 16 ms.
//
// node bench/graph_bench.mjs [--logbook build/native/src/cli/logbook] [--app-dir build/wasm/wasm/app]
//                            [--corpus /tmp/anchors/c10k] [--seconds 6]
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { buildSite } from "../tests/browser/lib/build.mjs";
import { repo, opt, logbook, appDir } from "./lib/options.mjs";

const corpus = resolve(opt("--corpus", "/tmp/anchors/c10k"));
const seconds = +opt("--seconds", "6");
for (const [what, path] of [["logbook", logbook], ["the wasm app", join(appDir, "logbook.wasm")], ["the corpus", corpus]])
  if (!existsSync(path)) { console.error(`graph_bench: ${what} is missing at ${path}`); process.exit(1); }

const { serve } = await import(join(repo, "tests/browser/lib/server.mjs"));
const { launch, openPage } = await import(join(repo, "tests/browser/lib/browser.mjs"));
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

const out = join(mkdtempSync(join(tmpdir(), "graph-bench-")), "site");
const t0 = performance.now();
buildSite(logbook, [corpus, "-o", out, "--app-dir", appDir]);
const buildSeconds = (performance.now() - t0) / 1000;
const head = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
const graph = readFileSync(join(out, head.graph));
const pages = head.parts.reduce((n, p) => n + p.count, 0);
console.log(`${pages} pages built in ${buildSeconds.toFixed(1)} s`);
console.log(`graph file ${head.graph}: ${Math.round(graph.length / 1024)} KB, ${Math.round(gzipSync(graph, { level: 9 }).length / 1024)} KB gzip`);
const json = JSON.parse(graph);
console.log(`${json.nodes} nodes, ${json.out.reduce((a, b) => a + b, 0)} links, ${json.supersedes.length / 2} supersessions`);

const site = await serve(out);
const browser = await launch();
const { page, context } = await openPage(browser, { width: 1366, height: 860 });
await page.goto(site.url + head.parts[0].from + "?graph");  // the corpus has no home page
await page.waitForFunction(() => window.logbook && window.logbook.ready, null, { timeout: 60000 });
await page.evaluate(() => window.logbook.ready);
await page.waitForFunction(() => window.logbook.links().some((l) => l.w <= 40 && !l.href.startsWith("action:")), null, { timeout: 60000 });
const draw = await page.evaluate(() => window.logbook.drawStats());
console.log(`a frame of the whole graph: ${draw.vertices} vertices, ${draw.pixels} pixels filled`);

// Pan and zoom: drags across the canvas, wheel in and out about the pointer.
const before = (await page.evaluate(() => window.logbook.frameTimes())).length;
const end = performance.now() + seconds * 1000;
let step = 0;
await page.mouse.move(683, 480);
while (performance.now() < end) {
  const phase = step++ % 40;
  if (phase < 10) await page.mouse.wheel(0, -120);        // zoom in
  else if (phase < 20) {                                  // drag
    await page.mouse.down();
    await page.mouse.move(683 + (phase - 10) * 30, 480 + (phase - 10) * 12, { steps: 4 });
    await page.mouse.up();
  } else if (phase < 30) await page.mouse.wheel(0, 120);  // zoom out
  else await page.keyboard.press(phase % 2 ? "ArrowRight" : "ArrowDown");
  await page.waitForTimeout(16);
}
const times = (await page.evaluate(() => window.logbook.frameTimes())).slice(before);
console.log(`frame time while panning and zooming ${pages} pages: p50 ${pct(times, 0.5).toFixed(1)} ms, ` +
            `p95 ${pct(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over ${times.length} frames (target p95 <= 16 ms)`);
await context.close();
await browser.close();
await site.close();
