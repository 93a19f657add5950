// Catching up, as a reader coming back to a changed page meets it (issue 15): they read a
// page, one paragraph of it changes in a new deployment, and on their next visit exactly
// that paragraph is marked, with who changed it and why; the text it replaced shows on
// demand; all of it offline too, from their own copy of the version they read; "Mark as
// read" ends it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";

const before = "The build checks every link before it writes the site.";
const after = "The build checks every link and every image before it writes the site.";

function guide(second) {
  return `# Guide\n\nThe first paragraph says what this guide is for.\n\n${second}\n\n` +
    "The third paragraph links to [the home page](index.md).\n\n- an item that stays\n- another item\n";
}

export function catchupTests({ test, check, ready, until, shot, browser, logbook, appDir }) {
  test("catching up: one paragraph changed in a redeploy is exactly what is marked, also offline; removed text on demand; mark as read", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "logbook-catchup-"));
    const content = join(tmp, "content");
    mkdirSync(content);
    const git = (...args) => execFileSync("git", ["-C", tmp, "-c", "user.email=x@example.org", ...args], { encoding: "utf8" });
    writeFileSync(join(content, "index.md"), "# Home\n\nWelcome.\n");
    writeFileSync(join(content, "guide.md"), guide(before));
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("-c", "user.name=ana", "commit", "-qm", "Write the guide");
    const build = () => buildSite(logbook, [content, "-o", join(tmp, "site"), "--app-dir", appDir]);
    build();
    const server = await serve(join(tmp, "site"));
    const links = (page) => page.evaluate(() => window.logbook.links());
    const find = async (page, text) => (await links(page)).find((l) => l.text === text);
    const marked = (page) => page.evaluate(() => [...document.querySelectorAll(".logbook-lists li")].map((li) => li.textContent));
    const click = async (page, l) => { await page.mouse.click(l.x + l.w / 2, l.y + l.h / 2); await page.waitForTimeout(100); };
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/guide/");
      await ready(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await until(page, () => !!navigator.serviceWorker.controller, null, "the offline copy controls the page");
      check(!(await find(page, "Mark as read")), "a first visit marks nothing");
      check(await page.evaluate(() => caches.open("logbook-read").then((c) => c.keys()).then((k) => k.length)) === 1, "the page read was not kept");

      writeFileSync(join(content, "guide.md"), guide(after));
      git("add", "-A");
      git("-c", "user.name=bo", "commit", "-qm", "Say that images are checked too");
      build();
      await page.reload();
      await ready(page);
      await page.waitForSelector(".logbook-update", { timeout: 20000 });
      await Promise.all([page.waitForNavigation(), page.click(".logbook-update button")]);
      await ready(page);
      await until(page, () => window.logbook.links().some((l) => l.text === "Show removed text"), null, "the changes of the page");
      const expectMarks = async (where) => {
        const notice = "Changed today by bo: Say that images are checked too";
        check(JSON.stringify(await marked(page)) === JSON.stringify([notice, `Changed: ${after}`, `Removed: ${before}`]),
              `${where}: marked ${JSON.stringify(await marked(page))}`);
        check(!!(await find(page, notice)), `${where}: ${(await links(page)).map((l) => l.text).join(" | ")}`);
      };
      await expectMarks("after the redeploy");
      await shot(page, "catchup-changed");
      const below = (await find(page, "the home page")).y;
      await click(page, await find(page, "Show removed text"));
      check(!!(await find(page, "Hide removed text")), "the removed text is not shown");
      check((await find(page, "the home page")).y > below + 20, "the removed text took no room before the paragraph after it");
      await shot(page, "catchup-removed-shown");
      // The same on a phone, in the dark theme: the marks in the narrower margin.
      await page.emulateMedia({ colorScheme: "dark" });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(200);
      await shot(page, "catchup-phone-dark");
      await page.emulateMedia({ colorScheme: "light" });
      await page.setViewportSize({ width: 1366, height: 860 });
      await page.waitForTimeout(200);
      await click(page, await find(page, "Hide removed text"));
      check(Math.abs((await find(page, "the home page")).y - below) < 1, "hiding the removed text left its room");

      await context.setOffline(true);
      await page.reload();
      await ready(page);
      await until(page, () => window.logbook.links().some((l) => l.text === "Show removed text"), null, "the changes, offline");
      await expectMarks("offline");
      // With the keyboard: Tab to "Mark as read", Enter.
      const mark = await find(page, "Mark as read");
      let reached = false;
      for (let i = 0; i < 40 && !reached; ++i) {
        await page.keyboard.press("Tab");
        const f = await page.evaluate(() => window.logbook.focus());
        reached = Math.abs(f.x - mark.x) < 2 && Math.abs(f.y - mark.y) < 4;
      }
      check(reached, "Tab never reached Mark as read");
      await page.keyboard.press("Enter");
      await page.waitForTimeout(150);
      check(!(await find(page, "Mark as read")) && (await marked(page)).length === 0, "mark as read left the marks");
      await page.reload();
      await ready(page);
      await page.waitForTimeout(200);
      check(!(await find(page, "Mark as read")), "mark as read was not remembered");
      await context.setOffline(false);
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });
}
