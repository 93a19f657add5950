// Link previews as a reader meets them (issue 15): in the app, a pointer resting on a link
// shows the target's title, a decision's status and the first paragraph (of the section a
// #heading link names), whose own links work; Escape and moving away close it; P shows it
// for the link Tab reached; a long press shows it in the link menu. On the static pages,
// without the app, hovering, focusing or a long press shows the same, built from the
// target's HTML as text.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";

function writeContent(dir) {
  mkdirSync(join(dir, "decisions"), { recursive: true });
  writeFileSync(join(dir, "index.md"), "---\ntitle: Home\n---\n# Home\n\nStart with [installing](guide.md#install), then read [the storage decision](decisions/0001-use-sqlite.md).\n");
  writeFileSync(join(dir, "guide.md"), "---\ntitle: Guide\n---\n# Guide\n\nAn introduction that is not the install section.\n\n" +
    "## Install\n\nRun the *installer* with `--fast`, then read [why SQLite](decisions/0001-use-sqlite.md) before going on.\n");
  writeFileSync(join(dir, "decisions/index.md"), "# Decisions\n\nThe records.\n");
  writeFileSync(join(dir, "decisions/0001-use-sqlite.md"),
    "---\nstatus: accepted\ndate: 2026-01-02\n---\n# Use SQLite\n\n## Context\n\nReaders search offline, so the index ships with the site.\n");
}

export function previewTests({ test, check, ready, state, until, shot, browser, logbook, appDir }) {
  const tmp = mkdtempSync(join(tmpdir(), "logbook-previews-"));
  writeContent(join(tmp, "content"));
  buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "app-site"), "--app-dir", appDir]);
  mkdirSync(join(tmp, "no-app"));
  buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "static-site"), "--app-dir", join(tmp, "no-app")]);
  const links = (page) => page.evaluate(() => window.logbook.links());
  const linkTo = async (page, text) => {
    // A link wrapped over two lines is two pieces: the first.
    const l = (await links(page)).find((x) => x.text === text || (text.startsWith(x.text + " ") && x.text.length > 2));
    check(l, `no link "${text}" on screen: ${(await links(page)).map((x) => x.text).join(", ")}`);
    return l;
  };
  const preview = (page) => page.evaluate(() => window.logbook.state().preview);
  const install = "Guide. Run the installer with --fast, then read why SQLite before going on.";
  const decision = "Use SQLite. Status: accepted. Readers search offline, so the index ships with the site.";

  test("previews: app: a pointer resting on a link shows the section's paragraph; its link navigates; screen readers get it", async () => {
    const server = await serve(join(tmp, "app-site"));
    for (const colorScheme of ["light", "dark"]) {
      const { page, problems, context } = await openPage(browser, { width: 1366, height: 860, colorScheme });
      try {
        await page.goto(server.url + "/");
        await ready(page);
        const l = await linkTo(page, "installing");
        await page.mouse.move(l.x + 4, l.y + l.h / 2);
        await page.waitForTimeout(150);
        check(await preview(page) === "", "a pointer passing over a link opened its preview");
        await until(page, (want) => window.logbook.state().preview === want, install, "the install section's preview");
        // The DOM copy's link to it is described by the preview.
        await until(page, () => document.querySelector('main a[aria-describedby="logbook-preview"]') !== null, null, "the described link");
        check((await page.textContent("#logbook-preview")) === install, "the description screen readers hear");
        await shot(page, `previews-app-hover-${colorScheme}`);
        if (colorScheme === "dark") {
          check(problems.length === 0, problems.join("\n"));
          continue;
        }
        // Into the popover and onto its link: it stays open, and a click follows the link.
        const inside = await linkTo(page, "why SQLite");
        await page.mouse.move(inside.x + 4, inside.y + inside.h / 2, { steps: 8 });
        await page.waitForTimeout(500);
        check(await preview(page) === install, "moving into the popover closed it");
        await page.mouse.click(inside.x + 4, inside.y + inside.h / 2);
        await until(page, () => window.logbook.state().path === "/decisions/0001-use-sqlite/", null, "the popover's link followed");
        check(await preview(page) === "", "the preview stayed open on the next page");
        check(await page.evaluate(() => document.getElementById("logbook-preview")) === null, "the description outlived the preview");
        check(problems.length === 0, problems.join("\n"));
      } finally {
        await context.close();
      }
    }
    await server.close();
  });

  test("previews: app: a decision's preview has its status; Escape closes it, and so does moving away", async () => {
    const server = await serve(join(tmp, "app-site"));
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/");
      await ready(page);
      const l = await linkTo(page, "the storage decision");
      await page.mouse.move(l.x + 4, l.y + l.h / 2);
      await until(page, (want) => window.logbook.state().preview === want, decision, "the decision's preview");
      await shot(page, "previews-app-decision");
      await page.keyboard.press("Escape");
      await until(page, () => window.logbook.state().preview === "", null, "Escape to close the preview");
      await page.waitForTimeout(700);
      check(await preview(page) === "", "the pointer still resting on the link opened it again after Escape");
      // Away and back: it opens again, and leaving closes it after the grace period.
      await page.mouse.move(l.x + 4, l.y + 200);
      await page.mouse.move(l.x + 4, l.y + l.h / 2);
      await until(page, (want) => window.logbook.state().preview === want, decision, "the preview again");
      await page.mouse.move(700, 800);
      await page.waitForTimeout(100);
      check(await preview(page) === decision, "closed at once, with no time to reach it");
      await until(page, () => window.logbook.state().preview === "", null, "moving away to close the preview");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("previews: app: P shows the preview of the link Tab reached, Escape gives the focus back, Enter follows the popover's link", async () => {
    const server = await serve(join(tmp, "app-site"));
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/");
      await ready(page);
      const l = await linkTo(page, "installing");
      let reached = false;
      for (let i = 0; i < 40 && !reached; ++i) {
        await page.keyboard.press("Tab");
        const f = await page.evaluate(() => window.logbook.focus());
        reached = f.visible && Math.abs(f.x - l.x) < 3 && Math.abs(f.y - l.y) < 3;
      }
      check(reached, "Tab never reached the link");
      await page.keyboard.press("p");
      await until(page, (want) => window.logbook.state().preview === want, install, "P to show the preview");
      // Escape closes it and gives the focus back to the link; P again opens it.
      await page.keyboard.press("Escape");
      await until(page, () => window.logbook.state().preview === "", null, "Escape to close the preview");
      await page.waitForTimeout(100);
      const back = await page.evaluate(() => window.logbook.focus());
      check(back.visible && Math.abs(back.x - l.x) < 3 && Math.abs(back.y - l.y) < 3, `the focus after Escape: ${JSON.stringify(back)}`);
      await page.keyboard.press("p");
      await until(page, (want) => window.logbook.state().preview === want, install, "P again");
      await page.waitForTimeout(200);
      await shot(page, "previews-app-keyboard");
      await page.keyboard.press("Enter");  // the focus is on the popover's link
      await until(page, () => window.logbook.state().path === "/decisions/0001-use-sqlite/", null, "Enter to follow the popover's link");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("previews: app: on a phone, a long press shows the preview in the link menu, on screen; a tap on its link follows it", async () => {
    const server = await serve(join(tmp, "app-site"));
    const { page, problems, context } = await openPage(browser, { width: 390, height: 844, dpr: 3, mobile: true });
    try {
      await page.goto(server.url + "/");
      await ready(page);
      const l = await linkTo(page, "installing");
      const cdp = await context.newCDPSession(page);
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: l.x + 4, y: l.y + l.h / 2 }] });
      await page.waitForTimeout(900);
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      await until(page, (want) => window.logbook.state().preview === want, install, "the long press's preview");
      check((await state(page)).path === "/", "the long press followed the link");
      await page.waitForTimeout(200);
      const all = await links(page);
      for (const x of all) check(x.x >= 0 && x.x + x.w <= 390 && x.y >= 0 && x.y + x.h <= 844, `off screen: ${JSON.stringify(x)}`);
      check(all.some((x) => x.text === "Copy link address"), "the link menu's actions are not under the preview");
      await shot(page, "previews-app-phone-long-press");
      const inside = await linkTo(page, "why SQLite");
      await page.touchscreen.tap(inside.x + 4, inside.y + inside.h / 2);
      await until(page, () => window.logbook.state().path === "/decisions/0001-use-sqlite/", null, "a tap on the preview's link");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  const box = (page) => page.evaluate(() => {
    const b = document.getElementById("lb-preview");
    if (!b || b.hidden) return null;
    const r = b.getBoundingClientRect();
    return { text: b.textContent, role: b.getAttribute("role"), x: r.left, y: r.top, w: r.width, h: r.height,
             described: Array.from(document.querySelectorAll('[aria-describedby="lb-preview"]')).map((a) => a.textContent) };
  });

  test("previews: static page: hover and focus show the preview, as text, with the link described by it; Escape closes it", async () => {
    const server = await serve(join(tmp, "static-site"));
    for (const colorScheme of ["light", "dark"]) {
      const { page, problems, context } = await openPage(browser, { width: 1366, height: 860, colorScheme });
      try {
        await page.goto(server.url + "/");
        await page.waitForLoadState("load");
        await page.hover("main a[href='/guide/#install']");
        await page.waitForFunction(() => { const b = document.getElementById("lb-preview"); return b && !b.hidden && /installer/.test(b.textContent); });
        let b = await box(page);
        check(b.text === "GuideRun the installer with --fast, then read why SQLite before going on.", `the preview says: ${b.text}`);
        check(b.role === "tooltip" && b.described.join() === "installing", `the preview is the link's description: ${JSON.stringify(b)}`);
        check(await page.evaluate(() => document.activeElement === document.body), "the preview took the focus");
        // Its code stays code, and its link is a link to the page (built, not parsed in).
        check(await page.evaluate(() => document.querySelector("#lb-preview code").textContent === "--fast" &&
          document.querySelector("#lb-preview a").getAttribute("href") === location.origin + "/decisions/0001-use-sqlite/"), "the preview's code and link");
        await shot(page, `previews-static-hover-${colorScheme}`);
        // Into the popover and a click on its link: it navigates.
        if (colorScheme === "light") {
          await page.hover("#lb-preview a");
          await page.waitForTimeout(500);
          check((await box(page)) !== null, "moving into the popover closed it");
          await Promise.all([page.waitForURL(server.url + "/decisions/0001-use-sqlite/"), page.click("#lb-preview a")]);
          await page.goBack();
        }
        // The decision by focus: its status, at once; Escape closes it.
        await page.focus("main a[href='/decisions/0001-use-sqlite/']");
        await page.waitForFunction(() => /Accepted/.test(document.getElementById("lb-preview")?.textContent || ""));
        b = await box(page);
        check(b.text === "Use SQLiteAcceptedReaders search offline, so the index ships with the site.", `the decision's preview: ${b.text}`);
        check(b.x >= 0 && b.x + b.w <= 1366 && b.y >= 0, `off screen: ${JSON.stringify(b)}`);
        await page.keyboard.press("Escape");
        check((await box(page)) === null, "Escape left the preview open");
        check(problems.length === 0, problems.join("\n"));
      } finally {
        await context.close();
      }
    }
    await server.close();
  });

  test("previews: static page: on a phone, a long press shows the preview on screen and does not follow the link", async () => {
    const server = await serve(join(tmp, "static-site"));
    const { page, problems, context } = await openPage(browser, { width: 390, height: 844, dpr: 3, mobile: true });
    try {
      await page.goto(server.url + "/");
      await page.waitForLoadState("load");
      const r = await page.evaluate(() => { const x = document.querySelector("main a[href='/decisions/0001-use-sqlite/']").getBoundingClientRect(); return { x: x.left, y: x.top, w: x.width, h: x.height }; });
      const cdp = await context.newCDPSession(page);
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: r.x + 4, y: r.y + r.h / 2 }] });
      await page.waitForTimeout(800);
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      await page.waitForFunction(() => /Accepted/.test(document.getElementById("lb-preview")?.textContent || ""));
      await page.waitForTimeout(300);
      check(new URL(page.url()).pathname === "/", `the long press followed the link: ${page.url()}`);
      const b = await box(page);
      check(b.x >= 0 && b.x + b.w <= 390 && b.y >= 0, `off screen: ${JSON.stringify(b)}`);
      await shot(page, "previews-static-phone-long-press");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });
}
