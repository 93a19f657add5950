// Reading as a reader does, beyond the first screen: a save under `logbook serve` and the
// app taking over from a scrolled static page keep the reader's place; a right-click on a
// link offers its menu; a heading's permalink copies its address.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";
import { startServe } from "./lib/serve.mjs";

// A page long enough to scroll: six parts of six paragraphs.
function longPage(preface = "") {
  let md = "---\ntitle: Long page\n---\n# Long page\n\n" + preface;
  for (let s = 1; s <= 6; ++s) {
    md += `## Part ${s}\n\n`;
    for (let p = 1; p <= 6; ++p) md += `Paragraph ${s}.${p} says something long enough to wrap over a line or two of the page at this width.\n\n`;
  }
  return md;
}

function writeSite(dir, preface) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.md"), "---\ntitle: Home\n---\n# Home\n\nSee the [long page](long.md).\n");
  writeFileSync(join(dir, "long.md"), longPage(preface));
}

export function readingTests({ test, check, ready, state, until, shot, browser, logbook, appDir, tourUrl }) {
  const position = (page) => page.evaluate(() => JSON.parse(window.logbook.readingPosition()));

  test("reading: a save under logbook serve reloads the page at the words the writer was reading", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "logbook-reading-"));
    writeSite(join(tmp, "content"));
    const preview = await startServe(logbook, [join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(preview.url + "/long/");
      await ready(page);
      await page.mouse.move(700, 500);
      for (let i = 0; i < 12; ++i) await page.mouse.wheel(0, 120);
      await page.waitForTimeout(400);
      const before = await position(page);
      check(/^Part [2-6]$|^Paragraph [2-6]\./.test(before.text) && before.heading !== "", `scrolled into the page: ${JSON.stringify(before)}`);
      // The writer adds a paragraph at the top and saves: the page reloads by itself.
      const reloaded = page.waitForNavigation({ timeout: 20000 });
      writeSite(join(tmp, "content"), "A paragraph added at the top, which moves everything below it.\n\n");
      await reloaded;
      await ready(page);
      await page.waitForTimeout(200);
      const after = await position(page);
      check(after.heading === before.heading && after.text === before.text && Math.abs(after.offset - before.offset) < 4,
            `after the reload: ${JSON.stringify(after)}, before: ${JSON.stringify(before)}`);
      await shot(page, "reading-live-reload-kept");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      preview.stop();
    }
  });

  test("reading: the app taking over from a scrolled static page opens at the same heading and paragraph", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "logbook-takeover-"));
    writeSite(join(tmp, "content"));
    buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);
    const server = await serve(join(tmp, "site"));
    for (const view of [{ width: 1366, height: 860 }, { width: 390, height: 844, dpr: 3, mobile: true }]) {
      const { page, problems, context } = await openPage(browser, { ...view, serviceWorkers: "block" });
      try {
        // The app's wasm waits until the reader has scrolled the static page.
        let release;
        const gate = new Promise((r) => { release = r; });
        await page.route("**/app/logbook.wasm", async (route) => { await gate; await route.continue(); });
        await page.goto(server.url + "/long/");
        await page.evaluate(() => {
          const p = Array.from(document.querySelectorAll("main article p")).find((e) => e.textContent.startsWith("Paragraph 4.3"));
          window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY - 5);
        });
        release();
        await ready(page);
        await page.waitForTimeout(200);
        const s = await state(page), p = await position(page);
        check(s.heading === "part-4" && p.text.startsWith("Paragraph 4.3"), `${view.width}px: the app opened at ${JSON.stringify(p)} (${s.heading})`);
        await shot(page, `reading-takeover-${view.width}`);
        check(problems.length === 0, problems.join("\n"));
      } finally {
        await context.close();
      }
    }
    await server.close();
  });

  test("reading: a right-click on a link offers Open in new tab and Copy link address; a heading's permalink copies its address", async () => {
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(tourUrl + "/");
      await ready(page);
      const all = await page.evaluate(() => window.logbook.links());
      const setup = all.find((l) => l.href === "/guide/setup/");
      check(setup, "no link to the setup page on screen");
      await page.mouse.click(setup.x + 4, setup.y + setup.h / 2, { button: "right" });
      await page.waitForTimeout(100);
      check((await state(page)).path === "/", "a right-click followed the link");
      const menu = await page.evaluate(() => window.logbook.links());
      const copy = menu.find((l) => l.text === "Copy link address");
      check(copy && menu.some((l) => l.text === "Open in new tab"), `the link menu: ${menu.map((l) => l.text).join(" | ")}`);
      await shot(page, "reading-link-menu");
      await page.mouse.click(copy.x + 20, copy.y + copy.h / 2);
      await until(page, (u) => window.logbook.lastCopied() === u, tourUrl + "/guide/setup/", "the link's address copied");
      check((await page.evaluate(() => window.logbook.links())).every((l) => l.text !== "Copy link address"), "the menu stays open");

      // A heading shows its permalink while the pointer is on it.
      await page.evaluate(() => window.logbook.open("/guide/setup/"));
      await until(page, () => window.logbook.state().path === "/guide/setup/" && window.logbook.state().ready, null, "the setup page");
      let mark = null;
      for (let y = 110; y < 600 && !mark; y += 8) {
        await page.mouse.move(700, y);
        mark = (await page.evaluate(() => window.logbook.links())).find((l) => l.href === "/guide/setup/#install");
      }
      check(mark, "no permalink appeared over the Install heading");
      await page.mouse.move(mark.x + mark.w / 2, mark.y + mark.h / 2);
      await shot(page, "reading-permalink");
      await page.mouse.click(mark.x + mark.w / 2, mark.y + mark.h / 2);
      await until(page, (u) => window.logbook.lastCopied() === u, tourUrl + "/guide/setup/#install", "the heading's address copied");
      check(new URL(page.url()).hash === "#install", `the address bar: ${page.url()}`);
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
    }
  });

  test("reading: on a phone, a finger held on a link opens its menu, with rows a finger can hit, and does not follow it", async () => {
    const { page, problems, context } = await openPage(browser, { width: 390, height: 844, dpr: 3, mobile: true });
    try {
      await page.goto(tourUrl + "/");
      await ready(page);
      const setup = (await page.evaluate(() => window.logbook.links())).find((l) => l.href === "/guide/setup/");
      check(setup, "no link to the setup page on screen");
      // A long press: the finger goes down and stays, with no events until it lifts.
      const cdp = await context.newCDPSession(page);
      const at = [{ x: setup.x + 4, y: setup.y + setup.h / 2 }];
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at });
      await page.waitForTimeout(900);
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      await page.waitForTimeout(200);
      check((await state(page)).path === "/", "the long press followed the link");
      const copy = (await page.evaluate(() => window.logbook.links())).find((l) => l.text === "Copy link address");
      check(copy && copy.h >= 44, `the link menu's rows: ${JSON.stringify(copy)}`);
      await shot(page, "reading-phone-link-menu");
      await page.touchscreen.tap(copy.x + 20, copy.y + copy.h / 2);
      await until(page, (u) => window.logbook.lastCopied() === u, tourUrl + "/guide/setup/", "the link's address copied");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
    }
  });
}
