// Offline and deployments, as a reader meets them: after a first visit the site opens,
// navigates and searches with no network; a new deployment is offered with "a new
// version is available" and taken on reload, never mixed with the old one.
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";

export function offlineTests({ test, check, ready, state, until, shot, browser, logbook, appDir, repo }) {
  test("offline: visit, go offline, reload, navigate, search; then a new deployment is offered and taken", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "logbook-offline-"));
    cpSync(join(repo, "content"), join(tmp, "content"), { recursive: true });
    const build = () => buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir,
                                           "--base-url", "/handbook/"]);
    build();
    const server = await serve(join(tmp, "site"), { base: "/handbook" });
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/guides/linking/");
      await ready(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
      // A small site (below offline_budget_mb) is copied whole by itself, after the first
      // page is shown, and nothing of the first visit went over the network twice.
      await until(page, () => window.logbook.offline().state === "complete", null, "the whole-site copy of a small site");
      const twice = server.log.filter((e, i, all) => e.status === 200 && all.findIndex((f) => f.url === e.url) !== i);
      check(twice.length === 0, `downloaded twice on a first visit: ${twice.map((e) => e.url).join(", ")}`);
      const firstVisit = server.log.reduce((n, e) => n + e.bytes, 0);
      console.log(`     first visit with the whole-site copy: ${server.log.length} requests, ${(firstVisit / 1024).toFixed(0)} KiB`);
      await page.reload();
      await ready(page);
      check(await page.evaluate(() => !!navigator.serviceWorker.controller), "the service worker does not control the page");

      await context.setOffline(true);
      const t0 = performance.now();
      await page.reload();
      await ready(page);
      const offlineReload = performance.now() - t0;
      check((await state(page)).title === "Linking pages", `offline reload: ${JSON.stringify(await state(page))}`);
      await page.evaluate(() => window.logbook.open("/reference/cli/"));
      await until(page, () => window.logbook.state().path === "/reference/cli/" && window.logbook.state().ready, null, "offline navigation");
      const hits = await page.evaluate(() => window.logbook.search("wikilink"));
      check(hits.length > 0, "offline search found nothing");
      await page.goto(server.url + "/decisions/");  // a deep link typed while offline
      await ready(page);
      check((await state(page)).path === "/decisions/", `offline deep link: ${JSON.stringify(await state(page))}`);
      await shot(page, "offline-decisions");
      console.log(`     offline reload to first page drawn: ${Math.round(offlineReload)} ms`);

      await context.setOffline(false);
      appendFileSync(join(tmp, "content/getting-started.md"), "\n\nA sentence from the second deployment.\n");
      build();
      const before0 = server.log.length;
      await page.goto(server.url + "/getting-started/");
      await ready(page);
      const before = await page.evaluate(() => fetch(location.pathname + "index.md").then((r) => r.text()));
      check(!before.includes("second deployment"), "the new deployment was mixed into the old one before the reader reloaded");
      await page.waitForSelector(".logbook-update", { timeout: 20000 });
      // The new deployment by difference: what changed, and nothing the reader has unchanged.
      const update = server.log.slice(before0).filter((e) => e.status === 200);
      const fetched = update.map((e) => e.url.replace(/^\/handbook\//, "").replace(/\?.*$/, ""));
      const allowed = /^(sw\.js|offline\.json|manifest\.json|search\.db|getting-started\/(index\.(html|md))?|site\/offline\.[0-9a-f]{16}\.json)$/;
      check(fetched.every((u) => allowed.test(u)), `a one-page redeploy fetched unchanged files: ${fetched.filter((u) => !allowed.test(u)).join(", ")}`);
      console.log(`     one-page redeploy, returning reader with the whole copy: ${update.length} requests, ${(update.reduce((n, e) => n + e.bytes, 0) / 1024).toFixed(0)} KiB (${fetched.join(" ")})`);
      check((await page.textContent(".logbook-update")).includes("A new version"), "no new-version notice");
      await Promise.all([page.waitForNavigation(), page.click(".logbook-update button")]);
      await ready(page);
      const after = await page.evaluate(() => fetch(location.pathname + "index.md").then((r) => r.text()));
      check(after.includes("second deployment"), "after Reload the page is still the old deployment");
      // Files named by their hash are shared by deployments; those the new one no longer
      // lists (here: offline.json's old parts) are deleted once it takes over.
      await until(page, async () => {
        const listed = (await (await fetch("/handbook/offline.json")).json()).parts.map((p) => "/handbook/" + p);
        const held = (await (await caches.open("logbook-addressed")).keys()).map((r) => new URL(r.url).pathname);
        return held.length > 0 && held.every((p) => listed.includes(p));
      }, null, "old content-addressed files evicted");
      check(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)).length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("offline: the offline copy starts once the reader is quiet, not under a search typed at the first frame", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "logbook-offline-quiet-"));
    buildSite(logbook, [join(repo, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);
    const server = await serve(join(tmp, "site"));
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/guides/linking/");
      await ready(page);
      await page.keyboard.press("/");
      await page.keyboard.type("wikilinks", { delay: 150 });  // a reader's pace: about 1.3 s of typing
      const typed = performance.now();
      await until(page, () => window.logbook.state().searchResults > 0, null, "the search's results");
      await page.evaluate(() => navigator.serviceWorker.ready);
      const sw = server.log.find((e) => /\/sw\.js$/.test(e.url));
      check(sw && sw.at > typed, `the offline copy's worker was fetched ${sw ? Math.round(typed - sw.at) + " ms before the reader stopped typing" : "never"}`);
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("offline: above offline_budget_mb the reader asks for the whole site, sees its progress, then has every page and search offline", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "logbook-offline-ask-"));
    cpSync(join(repo, "content"), join(tmp, "content"), { recursive: true });
    writeFileSync(join(tmp, "logbook.yml"), "version: 1\noffline_budget_mb: 0\n");  // every site is above the budget
    buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);
    const server = await serve(join(tmp, "site"));
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/");
      await ready(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await until(page, () => window.logbook.offline().state === "partial", null, "the offer of a whole-site copy");
      const offer = await page.evaluate(() => window.logbook.offline());
      check(offer.total > 0, `no size offered: ${JSON.stringify(offer)}`);
      const pages = server.log.filter((e) => /\/index\.md$/.test(e.url)).length;
      check(pages <= 1, `above the budget, pages were copied before the reader asked: ${pages}`);
      await shot(page, "offline-offer");
      await page.keyboard.press("o");  // the key cap beside the offer
      await until(page, () => window.logbook.offline().state === "downloading", null, "progress of the whole-site copy");
      await shot(page, "offline-progress");
      const progress = await page.evaluate(() => window.logbook.offline());
      check(progress.done < progress.total, `no progress shown: ${JSON.stringify(progress)}`);
      await until(page, () => window.logbook.offline().state === "complete", null, "the whole-site copy the reader asked for");
      await shot(page, "offline-available");
      await context.setOffline(true);
      await page.evaluate(() => window.logbook.open("/reference/configuration/"));
      await until(page, () => window.logbook.state().path === "/reference/configuration/" && window.logbook.state().ready, null, "offline navigation to a page never read");
      const hits = await page.evaluate(() => window.logbook.search("service worker"));
      check(hits.length > 0, "offline search found nothing");
      check(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)).length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });
}
