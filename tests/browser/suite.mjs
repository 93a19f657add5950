// What the browser tests check, as a reader would notice it. Each test drives the app
// with the keyboard and the mouse (or touch) on the canvas, and reads the outcome
// through window.logbook.state(); screenshots are saved and compared.
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, openPage } from "./lib/browser.mjs";
import { decodePng, difference, inkRatio } from "./lib/png.mjs";
import { serve } from "./lib/server.mjs";
import { decisionTests } from "./decisions.mjs";
import { offlineTests } from "./offline.mjs";
import { catchupTests } from "./catchup.mjs";
import { hostileTests } from "./hostile.mjs";
import { searchPiecesTests } from "./search_pieces.mjs";
import { readingTests } from "./reading.mjs";
import { previewTests } from "./previews.mjs";
import { staticPageTests } from "./static_pages.mjs";
import { buildSite } from "./lib/build.mjs";
import { a11yTests } from "./a11y.mjs";
import { tagTests } from "./tags.mjs";
import { graphTests } from "./graph.mjs";

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function ready(page) {
  await page.waitForFunction(() => window.logbook && window.logbook.ready, null, { timeout: 20000 });
  await page.evaluate(() => window.logbook.ready);
  await page.waitForFunction(() => window.logbook.state().ready, null, { timeout: 10000 });
}

async function state(page) { return page.evaluate(() => window.logbook.state()); }

async function until(page, predicate, arg, what) {
  try { await page.waitForFunction(predicate, arg, { timeout: 10000, polling: 20 }); }
  catch { throw new Error(`timed out waiting for ${what}; state: ${JSON.stringify(await state(page))}`); }
}

async function link(page, predicate) {
  const links = await page.evaluate(() => window.logbook.links());
  const found = links.find(predicate);
  check(found, `no visible link matches; visible: ${links.map((l) => `${l.text} -> ${l.href}`).join(", ")}`);
  return { x: found.x + Math.min(found.w / 2, 20), y: found.y + found.h / 2, ...found };
}

export async function runSuite({ logbook, appDir, artifacts, repo, only }) {
  mkdirSync(artifacts, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), "logbook-browser-"));
  const build = (content, out, base) =>
    buildSite(logbook, [content, "-o", out, "--app-dir", appDir, ...(base ? ["--base-url", base] : [])]);
  build(join(repo, "tests/fixtures/markdown-tour"), join(tmp, "tour"));
  build(join(repo, "content"), join(tmp, "content"), "/logbook/");
  const tour = await serve(join(tmp, "tour"));
  const docs = await serve(join(tmp, "content"), { base: "/logbook" });
  const browser = await launch();
  const shots = {};
  const shot = async (page, name) => {
    const buf = await page.screenshot({ path: join(artifacts, `${name}.png`) });
    const png = decodePng(buf);
    shots[name] = png;
    check(inkRatio(png) > 0.01, `${name}.png looks blank (${(inkRatio(png) * 100).toFixed(2)}% ink)`);
    return png;
  };
  const tests = [];
  const test = (name, fn) => tests.push({ name, fn });

  for (const [label, view] of [["desktop", { width: 1366, height: 860, dpr: 1 }], ["phone", { width: 390, height: 844, dpr: 3, mobile: true }]]) {
    const phone = label === "phone";
    const tap = (page, x, y) => phone ? page.touchscreen.tap(x, y) : page.mouse.click(x, y);

    test(`${label}: boots at a page and draws every Markdown construct`, async () => {
      const { page, problems, context } = await openPage(browser, view);
      await page.goto(tour.url + "/");
      await ready(page);
      const s = await state(page);
      check(s.path === "/" && s.title === "Markdown tour", `state after boot: ${JSON.stringify(s)}`);
      check((await page.title()).startsWith("Markdown tour"), `document title: ${await page.title()}`);
      await shot(page, `${label}-tour-top`);
      // The static HTML stays in the DOM for screen readers.
      check(await page.locator("main article h1").count() === 1, "the static page's article is gone from the DOM");
      check(problems.length === 0, problems.join("\n"));
      await context.close();
    });

    test(`${label}: a click on a link in the canvas opens the page; back and forward work`, async () => {
      const { page, problems, context } = await openPage(browser, view);
      await page.goto(tour.url + "/");
      await ready(page);
      const target = await link(page, (l) => l.href === "/guide/setup/");
      await tap(page, target.x, target.y);
      await until(page, () => window.logbook.state().path === "/guide/setup/" && window.logbook.state().ready, null, "the setup page");
      check(new URL(page.url()).pathname === "/guide/setup/", `URL after click: ${page.url()}`);
      const setup = await shot(page, `${label}-setup`);
      check(difference(setup, shots[`${label}-tour-top`] || setup) > 0.02 || !shots[`${label}-tour-top`], "the setup page looks like the tour page");
      await page.goBack();
      await until(page, () => window.logbook.state().path === "/", null, "back to the tour");
      await page.goForward();
      await until(page, () => window.logbook.state().path === "/guide/setup/", null, "forward to setup");
      check(problems.length === 0, problems.join("\n"));
      await context.close();
    });

    test(`${label}: the rare faces (bold italic, bold code) load only once a page draws them, after the first draw`, async () => {
      const { page, problems, context } = await openPage(browser, view);
      const late = [];
      page.on("request", (r) => { if (/inter-bold-italic|mono-bold/.test(r.url())) late.push(new URL(r.url()).pathname); });
      await page.goto(tour.url + "/guide/setup/");  // plain text, bold, italic and code: no rare face
      await ready(page);
      await page.waitForTimeout(300);
      check(late.length === 0, `a page without them fetched: ${late.join(", ")}`);
      await page.evaluate(() => window.logbook.open("/"));  // the tour has ***bold italic***
      await until(page, () => window.logbook.state().path === "/" && window.logbook.state().ready, null, "the tour");
      await until(page, () => performance.getEntriesByType("resource").some((e) => /inter-bold-italic/.test(e.name) && e.responseEnd > 0), null, "the bold italic face");
      await page.waitForTimeout(200);
      check(late.filter((u) => /inter-bold-italic/.test(u)).length === 1, `bold italic fetched: ${late.join(", ")}`);
      await shot(page, `${label}-tour-late-faces`);
      check(problems.length === 0, problems.join("\n"));
      await context.close();
    });

    test(`${label}: a deep link with an anchor opens at that heading, also after reload`, async () => {
      const { page, problems, context } = await openPage(browser, view);
      await page.goto(tour.url + "/guide/setup/#configure");
      await ready(page);
      await until(page, () => window.logbook.state().heading === "configure", null, "the Configure heading");
      await page.reload();
      await ready(page);
      await until(page, () => window.logbook.state().heading === "configure", null, "the Configure heading after reload");
      check(problems.length === 0, problems.join("\n"));
      await context.close();
    });

    test(`${label}: search from the keyboard, choose a result, land on its page`, async () => {
      const { page, problems, context } = await openPage(browser, view);
      await page.goto(tour.url + "/");
      await ready(page);
      if (phone) {
        await tap(page, view.width - 12 - 36 - 8 - 36 - 8 - 18, 26);  // the search button
      } else {
        await page.keyboard.press("/");
      }
      await until(page, () => window.logbook.state().searchOpen, null, "the search palette");
      await page.keyboard.type("configur", { delay: 10 });
      await until(page, () => window.logbook.state().searchResults > 0, null, "search results");
      await shot(page, `${label}-search`);
      // "c" and "co", each followed within 40 ms (here about 10) by the next letter, never ran: the word
      // typed after them did not wait for them (site/search-worker.js). On a loaded machine
      // a letter may come later than that, and then its query rightly runs: only a short
      // query whose next letter was sent within 30 ms of it must not have.
      const ran = await page.evaluate(() => window.logbook.searchTrace().map((t) => ({ q: JSON.parse(t.request).query.trim(), sent: t.sent })));
      const early = ran.filter((t, i) => t.q.length <= 2 && i + 1 < ran.length && ran[i + 1].sent - t.sent < 30);
      check(early.length === 0, `short queries ran while the word was typed: ${ran.map((t) => `${t.q}@${Math.round(t.sent)}`).join(" | ")}`);
      await page.keyboard.press("Enter");
      await until(page, () => !window.logbook.state().searchOpen && window.logbook.state().path === "/guide/setup/", null, "the chosen result");
      check(new URL(page.url()).searchParams.get("q") === "configur", `the result's URL keeps the query: ${page.url()}`);
      // Escape closes the palette.
      await page.keyboard.press("Control+k");
      await until(page, () => window.logbook.state().searchOpen, null, "the palette again");
      await page.keyboard.press("Escape");
      await until(page, () => !window.logbook.state().searchOpen, null, "the palette to close");
      check(problems.length === 0, problems.join("\n"));
      await context.close();
    });

    test(`${label}: a misspelt query is corrected, says so, and its result opens`, async () => {
      const { page, problems, context } = await openPage(browser, view);
      await page.goto(tour.url + "/");
      await ready(page);
      if (phone) await tap(page, view.width - 12 - 36 - 8 - 36 - 8 - 18, 26);  // the search button
      else await page.keyboard.press("/");
      await until(page, () => window.logbook.state().searchOpen, null, "the search palette");
      await page.keyboard.type("confgiure", { delay: 30 });  // two letters swapped
      await until(page, () => window.logbook.state().searchResults > 0, null, "results for the corrected query");
      const hits = await page.evaluate(() => window.logbook.search("confgiure"));
      check(hits.length > 0 && hits[0].path === "guide/setup.md", `the engine's answer: ${JSON.stringify(hits.map((h) => h.path))}`);
      await shot(page, `${label}-search-corrected`);
      await page.keyboard.press("Enter");
      await until(page, () => !window.logbook.state().searchOpen && window.logbook.state().path === "/guide/setup/", null, "the corrected query's result");
      check(problems.length === 0, problems.join("\n"));
      await context.close();
    });

    test(`${label}: the theme toggle switches between light and dark`, async () => {
      const { page, problems, context } = await openPage(browser, view);
      await page.goto(tour.url + "/");
      await ready(page);
      const before = await state(page);
      const light = await shot(page, `${label}-theme-${before.theme}`);
      await tap(page, view.width - (phone ? 12 : 20) - 18, phone ? 26 : 30);
      await until(page, (t) => window.logbook.state().theme !== t, before.theme, "the theme to change");
      const after = await state(page);
      const dark = await shot(page, `${label}-theme-${after.theme}`);
      check(difference(light, dark) > 0.3, "the other theme looks the same");
      await page.reload();
      await ready(page);
      check((await state(page)).theme === after.theme, "the chosen theme is not remembered across a reload");
      check(problems.length === 0, problems.join("\n"));
      await context.close();
    });
  }

  test("phone: the menu button opens the page tree as a drawer; a tap there opens a page", async () => {
    const { page, problems, context } = await openPage(browser, { width: 390, height: 844, dpr: 3, mobile: true });
    await page.goto(tour.url + "/");
    await ready(page);
    await page.touchscreen.tap(12 + 18, 26);
    await page.waitForTimeout(100);
    await shot(page, "phone-drawer");
    await page.touchscreen.tap(120, 52 + 12 + 32 + 2 + 16);  // the second row: the Guide section
    await until(page, () => window.logbook.state().path === "/guide/", null, "the guide page");
    check(problems.length === 0, problems.join("\n"));
    await context.close();
  });

  test("desktop: Ctrl+F finds in the page; a double-click selects a word and Ctrl+C copies it", async () => {
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    await page.goto(tour.url + "/");
    await ready(page);
    await page.keyboard.press("Control+f");
    await until(page, () => window.logbook.state().findOpen, null, "the find bar");
    await page.keyboard.type("footnote");
    await until(page, () => window.logbook.state().findMatches >= 3, null, "find matches");
    await shot(page, "desktop-find");
    await page.keyboard.press("Escape");
    const target = await link(page, (l) => l.text.includes("link to the guide"));
    await page.mouse.dblclick(target.x - 80, target.y);
    const s = await state(page);
    check(/^\w+$/.test(s.selection), `double-click selected ${JSON.stringify(s.selection)}`);
    await page.keyboard.press("Control+c");
    await until(page, (w) => window.logbook.lastCopied() === w, s.selection, "the copied word");
    check(problems.length === 0, problems.join("\n"));
    await context.close();
  });

  test("desktop: window.logbook opens pages and searches", async () => {
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    await page.goto(tour.url + "/");
    await ready(page);
    const s = await page.evaluate(() => window.logbook.open("/guide/"));
    check(s.path === "/guide/", `open("/guide/") gave ${JSON.stringify(s)}`);
    await until(page, () => window.logbook.state().ready, null, "the guide page");
    const hits = await page.evaluate(() => window.logbook.search("wikilink"));
    check(hits.length > 0 && hits[0].path && hits[0].title && typeof hits[0].snippet === "string", `search gave ${JSON.stringify(hits)}`);
    check(problems.length === 0, problems.join("\n"));
    await context.close();
  });

  // The glue's other ways for text (wasm/web_platform.js): input events with no keydown
  // (phone keyboards, paste) and an IME's composition.
  test("desktop: text from an on-screen keyboard and an IME reaches the search field", async () => {
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    await page.goto(tour.url + "/");
    await ready(page);
    await page.keyboard.press("/");
    await until(page, () => window.logbook.state().searchOpen, null, "the search palette");
    await page.keyboard.insertText("config");  // an input event only, as a phone keyboard sends
    const cdp = await context.newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "ur", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.insertText", { text: "ur" });  // commits the composition
    await until(page, () => window.logbook.state().searchResults > 0, null, "search results");
    await page.keyboard.press("Enter");
    await until(page, () => window.logbook.state().path === "/guide/setup/", null, "the chosen result");
    check(new URL(page.url()).searchParams.get("q") === "configur", `the query typed was ${new URL(page.url()).searchParams.get("q")}`);
    check(problems.length === 0, problems.join("\n"));
    await context.close();
  });

  test("desktop: the content/ site under a base path: every page opens, search finds FTS5", async () => {
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    await page.goto(docs.url + "/guides/searching/");
    await ready(page);
    check((await state(page)).path === "/guides/searching/", `deep link: ${JSON.stringify(await state(page))}`);
    await shot(page, "desktop-content-searching");
    const manifest = JSON.parse(readFileSync(join(tmp, "content/manifest.json"), "utf8"));
    const pages = manifest.parts.flatMap((part) => JSON.parse(readFileSync(join(tmp, "content", part.name), "utf8")).pages);
    check(pages.length > 0, "the manifest's parts hold no pages");
    for (const p of pages) {
      await page.evaluate((u) => window.logbook.open(u), p.url);
      await until(page, (u) => window.logbook.state().path === u && window.logbook.state().ready, p.url, p.url);
    }
    await shot(page, "desktop-content-last");
    check(difference(shots["desktop-content-searching"], shots["desktop-content-last"]) > 0.02, "two different pages look the same");
    const hits = await page.evaluate(() => window.logbook.search("fts5"));
    check(hits.length > 0, "no results for fts5");
    check(problems.length === 0, problems.join("\n"));
    await context.close();
  });

  decisionTests({ test, check, ready, state, until, shot, browser, logbook, appDir, repo });
  offlineTests({ test, check, ready, state, until, shot, browser, logbook, appDir, repo });
  catchupTests({ test, check, ready, until, shot, browser, logbook, appDir });
  hostileTests({ test, check, ready, until, browser, logbook, appDir });
  searchPiecesTests({ test, check, ready, until, browser, logbook, appDir });
  readingTests({ test, check, ready, state, until, shot, browser, logbook, appDir, tourUrl: tour.url });
  previewTests({ test, check, ready, state, until, shot, browser, logbook, appDir });
  staticPageTests({ test, check, ready, state, browser, logbook, appDir });
  a11yTests({ test, check, ready, until, browser, logbook, appDir, repo });
  tagTests({ test, check, ready, state, until, shot, browser, logbook, appDir });
  graphTests({ test, check, ready, state, until, shot, browser, logbook, appDir });

  let failures = 0;
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const t0 = performance.now();
    try {
      await t.fn();
      console.log(`ok   ${t.name} (${Math.round(performance.now() - t0)} ms)`);
    } catch (e) {
      ++failures;
      console.log(`FAIL ${t.name}\n     ${String(e.message).split("\n").join("\n     ")}`);
    }
  }
  await browser.close();
  await tour.close();
  await docs.close();
  return failures;
}
