// Offline reload of the content/ site: from navigation to the first page drawn, with the
// network off and the service worker answering from its cache (issue target: < 500 ms).
//
//   node bench/offline_reload.mjs [--logbook build/native/src/cli/logbook] [--app-dir build/wasm/wasm/app] [--runs 10]
//
// Prints p50/p95/max of window.logbook.readyAt (ms after navigation start) for reloads
// offline, next to reloads online through the same worker, and the first visit.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSite } from "../tests/browser/lib/build.mjs";  // a site written with errors is still built
import { repo, opt, logbook, appDir } from "./lib/options.mjs";

const runs = +opt("--runs", "10");
const { serve } = await import(join(repo, "tests/browser/lib/server.mjs"));
const { launch, openPage } = await import(join(repo, "tests/browser/lib/browser.mjs"));

const tmp = mkdtempSync(join(tmpdir(), "logbook-offline-bench-"));
buildSite(logbook, [join(repo, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);
const server = await serve(join(tmp, "site"));
const browser = await launch();
const { page, context } = await openPage(browser, { width: 1366, height: 860 });
const readyAt = async () => {
  await page.waitForFunction(() => window.logbook && window.logbook.ready, null, { timeout: 30000 });
  await page.evaluate(() => window.logbook.ready);
  await page.waitForFunction(() => window.logbook.readyAt > 0, null, { timeout: 30000 });
  return page.evaluate(() => window.logbook.readyAt);
};
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const line = (name, xs) => console.log(`${name}: p50 ${pct(xs, 0.5).toFixed(0)} ms, p95 ${pct(xs, 0.95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.length} runs)`);

await page.goto(server.url + "/guides/searching/");
const first = await readyAt();
await page.evaluate(() => navigator.serviceWorker.ready);
const online = [], offline = [];
for (let i = 0; i < runs; ++i) { await page.reload(); online.push(await readyAt()); }
await context.setOffline(true);
for (let i = 0; i < runs; ++i) { await page.reload(); offline.push(await readyAt()); }
console.log(`first visit (network, worker installing): ${first.toFixed(0)} ms`);
line("reload online, through the worker", online);
line("reload offline, from the worker's cache", offline);
await browser.close();
await server.close();
