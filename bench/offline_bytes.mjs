// What the offline copy costs a reader, in bytes counted at the server (gzip as GitHub
// Pages sends it): a first visit (home page, five pages read, one search), then a new
// deployment (a second build of the same content with one page changed) as that
// returning reader downloads it, and the whole-site copy when the reader asks for it.
//
//   node bench/offline_bytes.mjs SITE SITE_AFTER_ONE_PAGE_CHANGE [--whole]
//
// Both folders are built by `logbook build`; the server swaps the first for the second.
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [first, second] = process.argv.slice(2).filter((a) => !a.startsWith("--")).map((p) => resolve(p));
const whole = process.argv.includes("--whole");
const { serve } = await import(join(repo, "tests/browser/lib/server.mjs"));
const { launch, openPage } = await import(join(repo, "tests/browser/lib/browser.mjs"));

const live = join(mkdtempSync(join(tmpdir(), "logbook-offline-bytes-")), "site");
symlinkSync(first, live);
const server = await serve(live);
const browser = await launch();
const { page } = await openPage(browser, { width: 1366, height: 860 });
const kib = (entries) => `${entries.length} requests, ${(entries.reduce((n, e) => n + e.bytes, 0) / 1024).toFixed(0)} KiB`;
const until = (fn, arg) => page.waitForFunction(fn, arg, { timeout: 600000, polling: 100 });

await page.goto(server.url + "/");
await until(() => window.logbook && window.logbook.readyAt > 0);
await page.evaluate(() => navigator.serviceWorker.ready);
await until(() => ["partial", "complete"].includes(window.logbook.offline().state));
// The pages live in the manifest's parts (published_site.hpp): the first part's.
const paths = await page.evaluate(() => fetch("manifest.json").then((r) => r.json())
  .then((m) => fetch(m.parts[0].name)).then((r) => r.json()).then((part) => part.pages.slice(1, 6).map((p) => p.url)));
for (const p of paths) {
  await page.evaluate((p) => window.logbook.open(p), p);
  await until(() => window.logbook.state().ready);
}
await page.evaluate(() => window.logbook.search("the"));
const visit = server.log.filter((e) => e.status === 200);
const twice = visit.filter((e, i) => visit.findIndex((f) => f.url.split("?")[0] === e.url.split("?")[0]) !== i);
console.log(`first visit (home + ${paths.length} pages + a search): ${kib(visit)}; downloaded twice: ${twice.length ? twice.map((e) => e.url).join(" ") : "nothing"}`);
console.log(`offline state: ${JSON.stringify(await page.evaluate(() => window.logbook.offline()))}`);
if (whole) {
  const at = server.log.length, t0 = performance.now();
  await page.evaluate(() => window.logbook.makeAvailableOffline());
  await until(() => window.logbook.offline().state === "complete");
  console.log(`whole-site copy: ${kib(server.log.slice(at))} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
rmSync(live);
symlinkSync(second, live);
const at = server.log.length;
await page.reload();
await page.waitForSelector(".logbook-update", { timeout: 600000 });
const update = server.log.slice(at).filter((e) => e.status === 200);
console.log(`new deployment, one page changed, returning reader: ${kib(update)}`);
for (const e of update) console.log(`  ${e.bytes}\t${e.url}`);
if (whole) {
  // The reader takes the update; the whole copy then fetches what the new deployment has
  // that the old one did not (the search pieces a change rewrote), and is whole again.
  await Promise.all([page.waitForNavigation({ timeout: 600000 }), page.click(".logbook-update button")]);
  await until(() => window.logbook && window.logbook.readyAt > 0);
  await until(() => ["partial", "downloading", "complete"].includes(window.logbook.offline().state));
  await until(() => window.logbook.offline().state === "complete");
  const all = server.log.slice(at).filter((e) => e.status === 200);
  const pieces = all.filter((e) => e.url.includes("/search/"));
  console.log(`the same reader with the whole copy, after taking the update until the copy is whole again: ${kib(all)}, of which search pieces ${kib(pieces)}`);
}
await browser.close();
await server.close();
