// Offline and deployments, as a reader meets them: after a first visit the site opens,
// navigates and searches with no network; a new deployment is offered with "a new
// version is available" and taken on reload, never mixed with the old one.
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";

export function offlineTests({ test, check, ready, state, until, shot, browser, logbook, appDir, repo }) {
  test("offline: visit, go offline, reload, navigate, search; then a new deployment is offered and taken", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "logbook-offline-"));
    cpSync(join(repo, "content"), join(tmp, "content"), { recursive: true });
    const build = () => execFileSync(logbook, ["build", join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir,
                                               "--base-url", "/handbook/"], { stdio: "pipe" });
    build();
    const server = await serve(join(tmp, "site"), { base: "/handbook" });
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/guides/linking/");
      await ready(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
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
      await page.goto(server.url + "/getting-started/");
      await ready(page);
      const before = await page.evaluate(() => fetch(location.pathname + "index.md").then((r) => r.text()));
      check(!before.includes("second deployment"), "the new deployment was mixed into the old one before the reader reloaded");
      await page.waitForSelector(".logbook-update", { timeout: 20000 });
      check((await page.textContent(".logbook-update")).includes("A new version"), "no new-version notice");
      await Promise.all([page.waitForNavigation(), page.click(".logbook-update button")]);
      await ready(page);
      const after = await page.evaluate(() => fetch(location.pathname + "index.md").then((r) => r.text()));
      check(after.includes("second deployment"), "after Reload the page is still the old deployment");
      check(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)).length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });
}
