// The static pages and the preview as a reader and a writer meet them: the 404 page asks
// the server for nothing more than itself and settles ("ready"), "Open in the app" is
// offered only where the app can run and is not running, and `logbook serve` lists every
// problem of the last build over the page, warnings too, with broken links drawn as such,
// on the static page and in the app.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { decodePng, difference, inkRatio } from "./lib/png.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";
import { startServe } from "./lib/serve.mjs";

function writeContent(dir) {
  mkdirSync(join(dir, "guides"), { recursive: true });
  writeFileSync(join(dir, "index.md"), "# Handbook\n\nSee [[Setup]] and [[Setpu]].\n");
  writeFileSync(join(dir, "guides/setup.md"), "---\ntitle: Setup\n---\n# Setup\n\nHow to set up.\n");
  writeFileSync(join(dir, "lonely.md"), "# Lonely\n\nNo page links here.\n");
  mkdirSync(join(dir, "decisions"), { recursive: true });
  writeFileSync(join(dir, "decisions/index.md"), "# Decision log\n\n## The decisions so far\n\nSee the table.\n\n## Writing a record\n\nUse the template.\n");
  writeFileSync(join(dir, "decisions/0001-a.md"), "---\nstatus: accepted\ndate: 2026-01-01\n---\n# Use A\n\nWhy.\n");
}

export function staticPageTests({ test, check, ready, state, browser, logbook, appDir }) {
  const tmp = mkdtempSync(join(tmpdir(), "logbook-static-"));
  writeContent(join(tmp, "content"));
  buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);

  test("404: the app says the page is not found and is ready, with no second request; the icon is linked", async () => {
    const server = await serve(join(tmp, "site"));
    const { page, context } = await openPage(browser, { width: 1366, height: 860 });
    const missing = [];
    page.on("response", (r) => { if (r.status() >= 400) missing.push(r.url().replace(server.url, "")); });
    await page.goto(server.url + "/no/such/page/");
    await ready(page);
    const s = await state(page);
    check(s.title === "Page not found" && s.ready, `state on a missing page: ${JSON.stringify(s)}`);
    check(missing.length === 1 && missing[0] === "/no/such/page/", `requests answered with an error: ${missing.join(", ")}`);
    const icon = await page.evaluate(() => document.querySelector('link[rel="icon"]')?.getAttribute("href"));
    check(icon === "/assets/favicon.svg", `the 404 page's icon: ${icon}`);
    const got = await page.evaluate(async (u) => (await fetch(u)).status, icon);
    check(got === 200, `the icon answered ${got}`);
    await context.close();
    await server.close();
  });

  test("'Open in the app' is offered only where the app can run and is not running", async () => {
    const server = await serve(join(tmp, "site"));
    const { page, context } = await openPage(browser, { width: 1366, height: 860 });
    const shown = () => page.evaluate(() => { const a = document.querySelector("header.top .app-link"); return !!a && !a.hidden && a.offsetWidth > 0; });
    await page.goto(server.url + "/guides/setup/");
    check(!(await shown()), "offered before the app started");
    await ready(page);
    check(!(await shown()), "offered while the app runs");
    await page.goto(server.url + "/guides/setup/?app=off");
    await page.waitForFunction(() => { const a = document.querySelector("header.top .app-link"); return a && !a.hidden; }, null, { timeout: 5000 });
    check(await shown(), "not offered with the app turned off");
    // No WebGL2: the app cannot run, so it is not offered.
    await page.addInitScript(() => { HTMLCanvasElement.prototype.getContext = () => null; });
    await page.goto(server.url + "/guides/setup/");
    await page.waitForSelector(".logbook-notice", { timeout: 5000 });
    check(!(await shown()), "offered in a browser that cannot run the app");
    await context.close();
    await server.close();
  });

  test("the decision log's outline lists its headings beside the table", async () => {
    // Regression: the table left the window clipped to the document, and the outline's
    // entries were clipped away (only its label showed).
    const server = await serve(join(tmp, "site"));
    const { page, context } = await openPage(browser, { width: 1366, height: 860 });
    await page.goto(server.url + "/decisions/");
    await ready(page);
    await page.waitForTimeout(200);
    const entries = decodePng(await page.screenshot({ clip: { x: 1120, y: 118, width: 230, height: 50 } }));
    check(inkRatio(entries) > 0.02, `the outline shows no entries (${(inkRatio(entries) * 100).toFixed(2)}% ink)`);
    await context.close();
    await server.close();
  });

  test("logbook serve lists warnings over the page too, and draws a broken link as broken", async () => {
    const preview = await startServe(logbook, [join(tmp, "content"), "-o", join(tmp, "preview"), "--app-dir", appDir]);
    try {
      const { page, context } = await openPage(browser, { width: 1366, height: 860 });
      await page.goto(preview.url + "/?app=off");
      await page.waitForSelector(".logbook-problems", { timeout: 10000 });
      const rows = await page.evaluate(() => [...document.querySelectorAll(".logbook-problems div.error, .logbook-problems div.warning")]
        .map((r) => `${r.className} ${r.textContent}`));
      const terminal = preview.log();
      check(rows.some((r) => /^error .*content\/index\.md:3:\d+: error: link to \[\[Setpu\]\] is broken.*Did you mean \[\[Setup\]\]\?/.test(r)),
        `no broken-link error in the overlay: ${rows.join("\n")}`);
      check(rows.some((r) => /^warning .*content\/lonely\.md:1:1: warning: no page links here/.test(r)), `no warning in the overlay: ${rows.join("\n")}`);
      for (const r of rows) check(terminal.includes(r.replace(/^(error|warning) /, "")), `the overlay says what the terminal does not: ${r}\n${terminal}`);
      const broken = await page.evaluate(() => [...document.querySelectorAll("main a.broken")].map((a) => [a.textContent, getComputedStyle(a).textDecorationStyle]));
      check(broken.length === 1 && broken[0][0] === "Setpu" && broken[0][1] === "wavy", `broken links: ${JSON.stringify(broken)}`);
      await context.close();
    } finally {
      preview.stop();
    }
  });

  test("the app under logbook serve draws a broken link as broken: red and wavy, a tooltip on hover, and a click goes nowhere", async () => {
    const preview = await startServe(logbook, [join(tmp, "content"), "-o", join(tmp, "preview-app"), "--app-dir", appDir]);
    try {
      const { page, context } = await openPage(browser, { width: 1366, height: 860 });
      await page.goto(preview.url + "/");
      await ready(page);
      const links = await page.evaluate(() => window.logbook.links());
      const broken = links.find((l) => l.text === "Setpu"), fine = links.find((l) => l.text === "Setup");
      check(broken && fine, `links drawn: ${JSON.stringify(links.map((l) => l.text))}`);
      // The caution red (#cf222e), in the text and the wavy line under it; a working link has none.
      const redShare = async (l) => {
        const png = decodePng(await page.screenshot({ clip: { x: l.x, y: l.y, width: l.w, height: l.h + 4 } }));
        let red = 0;
        for (let i = 0; i < png.pixels.length; i += png.channels) {
          const [r, g, b] = [png.pixels[i], png.pixels[i + 1], png.pixels[i + 2]];
          if (r > 150 && g < 120 && b < 120) ++red;
        }
        return red / (png.pixels.length / png.channels);
      };
      const brokenRed = await redShare(broken), fineRed = await redShare(fine);
      check(brokenRed > 0.05 && fineRed === 0, `red share: broken link ${brokenRed.toFixed(3)}, working link ${fineRed.toFixed(3)}`);
      const below = { x: broken.x, y: broken.y + broken.h, width: 420, height: 70 };
      const before = decodePng(await page.screenshot({ clip: below }));
      await page.mouse.move(broken.x + 4, broken.y + broken.h / 2);
      await page.mouse.move(broken.x + 6, broken.y + broken.h / 2);
      await page.waitForTimeout(300);
      const during = decodePng(await page.screenshot({ clip: below }));
      check(difference(before, during) > 0.02, `no tooltip under the pointer (${(difference(before, during) * 100).toFixed(1)}% changed)`);
      await page.mouse.down();
      await page.mouse.up();
      await page.waitForTimeout(300);
      const s = await state(page);
      check(s.path === "/" && new URL(page.url()).pathname === "/", `a click on a broken link went to ${s.path} (${page.url()})`);
      await context.close();
    } finally {
      preview.stop();
    }
  });
}
