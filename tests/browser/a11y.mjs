// Every reader: the keyboard alone reaches every link and control of the canvas app in
// the order they are seen, with a focus ring drawn; a screen reader reads the page's
// HTML, which follows the app after each navigation as the static page of the same
// URL reads; the search palette is a combobox; and axe-core finds no serious or
// critical violation on any static page of content/ nor in the app's DOM at each view.
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { decodePng } from "./lib/png.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

// Every page the build wrote, as site paths ("/", "/guides/searching/").
function builtPages(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) { if (name !== "app" && name !== "assets" && name !== "search") walk(p); }
      else if (name === "index.html") out.push("/" + relative(dir, d).split("\\").join("/") + (d === dir ? "" : "/"));
    }
  };
  walk(dir);
  return out;
}

// axe-core's serious and critical violations in the page as it is now, one line each.
async function axeViolations(page, what) {
  await page.addScriptTag({ path: axeSource });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  return found.map((v) => `${what}: ${v}`);
}

// The accessibility tree of the static page's parts, as a screen reader meets them.
async function staticTree(page) {
  const parts = [];
  for (const selector of ["body > a.skip", "body > header", "nav.sidebar", "main", "nav.toc"])
    parts.push(await page.locator(selector).ariaSnapshot());
  return parts.join("\n");
}

export function a11yTests({ test: suiteTest, check, ready, until, browser, logbook, appDir, repo }) {
  const tmp = mkdtempSync(join(tmpdir(), "logbook-a11y-"));
  const build = (content, out) => buildSite(logbook, [content, "-o", out, "--app-dir", appDir]);
  let built = false;
  // The two sites, built once and served for one test (its servers close with it).
  const start = async () => {
    if (!built) {
      build(join(repo, "tests/fixtures/markdown-tour"), join(tmp, "tour"));
      build(join(repo, "content"), join(tmp, "content"));
      built = true;
    }
    return { tour: await serve(join(tmp, "tour")), docs: await serve(join(tmp, "content")) };
  };
  const test = (name, fn) => suiteTest(name, async () => {
    const sites = await start();
    try { await fn(sites); } finally { await sites.tour.close(); await sites.docs.close(); }
  });
  const focus = (page) => page.evaluate(() => window.logbook.focus());
  // axe and the page's own scripts: the test injects axe-core, which the pages' CSP forbids.
  const axePage = async (options = {}) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, bypassCSP: true, ...options });
    return { context, page: await context.newPage() };
  };

  test("keyboard: Tab reaches every link and control in visual order with the ring drawn; Shift+Tab goes back; Enter follows a link", async ({ tour }) => {
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    await page.goto(tour.url + "/");
    await ready(page);
    // The top bar's offline status is a stop once the offline copy's worker has spoken.
    await until(page, () => window.logbook.offline().state !== "unknown", null, "the offline copy's state");
    const links = await page.evaluate(() => document.querySelectorAll("main article a[href]:not(.anchor)").length);
    const stops = [];
    for (let i = 0; i < 300; ++i) {
      await page.keyboard.press("Tab");
      const f = await focus(page);
      if (stops.length && f.id === stops[0].id) break;
      check(f.id && f.visible, `Tab ${i + 1}: no focus ring (${JSON.stringify(f)})`);
      check(!stops.some((s) => s.id === f.id), `Tab ${i + 1} came back to an earlier stop before the last`);
      check(f.y >= 0 && f.y + f.h <= 860, `Tab ${i + 1}: the focused stop is off screen (${JSON.stringify(f)})`);
      stops.push(f);
      // The ring: a line of the accent colour just above the stop, where the page is blank.
      if (i === 0 || stops.length % 7 === 0) {
        const png = decodePng(await page.screenshot({ clip: { x: Math.max(0, f.x), y: Math.max(0, f.y - 4), width: Math.max(8, f.w), height: 3 } }));
        let ring = 0;
        for (let p = 0; p < png.pixels.length; p += png.channels) if (png.pixels[p + 2] > 150 && png.pixels[p] < 120) ++ring;
        check(ring / (png.width * png.height) > 0.3, `Tab ${i + 1}: no ring drawn above the focused stop at ${f.x},${f.y} (${ring} of ${png.width * png.height} pixels)`);
      }
    }
    const region = (s) => (s.y + s.h <= 60 ? 0 : s.x + s.w <= 280 ? 1 : s.x >= 1366 - 250 ? 3 : 2);
    for (let i = 1; i < stops.length; ++i)
      check(region(stops[i - 1]) <= region(stops[i]), `stop ${i + 1} (${JSON.stringify(stops[i])}) comes before the region of stop ${i}`);
    const inPage = stops.filter((s) => region(s) === 2).length;
    check(inPage >= links, `${inPage} stops in the page, but its HTML has ${links} links`);
    check(stops.length >= 20, `only ${stops.length} stops`);
    let back = 0;
    for (; back < 300; ++back) {
      await page.keyboard.press("Shift+Tab");
      if ((await focus(page)).id === stops[0].id) break;
      const f = await focus(page), want = stops[stops.length - 1 - back];
      check(f.id === want.id, `Shift+Tab ${back + 1} is not the way Tab came: at ${JSON.stringify(f)}, Tab had ${JSON.stringify(want)} (${stops.length} stops: ${stops.map((s) => `${Math.round(s.x)},${Math.round(s.y)}`).join(" ")})`);
    }
    check(back + 1 === stops.length, `Shift+Tab went round in ${back + 1} stops, Tab in ${stops.length}`);
    // Enter on the page's "link to the guide" opens the guide.
    for (let i = 0; i < stops.length; ++i) {
      const f = await focus(page);
      const hit = (await page.evaluate(() => window.logbook.links())).find((l) => l.href === "/guide/setup/" && Math.abs(l.x - f.x) < 2 && Math.abs(l.y - f.y) < 4);
      if (hit) break;
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await until(page, () => window.logbook.state().path === "/guide/setup/", null, "Enter to follow the focused link");
    check(problems.length === 0, problems.join("\n"));
    await context.close();
  });

  test("screen readers: after in-app navigation the DOM copy reads as the new page's static HTML; focus and an announcement follow", async ({ docs }) => {
    const { page: plain, context: noApp } = await axePage({ javaScriptEnabled: false });
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    await page.goto(docs.url + "/");
    await ready(page);
    for (const target of ["/guides/searching/", "/decisions/0003-sqlite-fts5-for-search/", "/decisions/"]) {
      await page.evaluate((u) => window.logbook.open(u), target);
      await until(page, (u) => window.logbook.mirrored() === u, target, `the DOM copy of ${target}`);
      await plain.goto(docs.url + target);
      const expected = await staticTree(plain), got = await staticTree(page);
      check(got === expected, `the DOM copy after opening ${target} differs from its static page:\n--- static\n${expected}\n--- app\n${got}`);
      const current = await page.evaluate(() => document.querySelector('nav.sidebar [aria-current="page"]')?.getAttribute("href"));
      check(current === target, `the section navigation marks ${current} as the current page, not ${target}`);
      const focused = await page.evaluate(() => document.activeElement.tagName + " " + document.activeElement.textContent);
      const title = (await page.evaluate(() => window.logbook.state().title));
      check(focused.startsWith("H1 "), `the focus is not on the new page's heading: ${focused}`);
      await until(page, (t) => window.logbook.announced() === t, title, `the live region to announce "${title}"`);
    }
    // The home page's lists, which only the app draws from the reader's own state, follow its heading.
    await page.evaluate(() => window.logbook.open("/"));
    await until(page, () => window.logbook.mirrored() === "/", null, "the DOM copy of the home page");
    const lists = await page.evaluate(() => Array.from(document.querySelectorAll("main h1 + .logbook-lists h2")).map((h) => h.textContent));
    check(lists.includes("New or changed since your last visit"), `the home page's lists in the DOM copy: ${JSON.stringify(lists)}`);
    // A link followed in the DOM copy (as a screen reader does) opens in the app: no page load.
    await page.evaluate(() => { window.stillTheSameDocument = true; document.querySelector('nav.sidebar a[href="/guides/"]').click(); });
    await until(page, () => window.logbook.state().path === "/guides/", null, "the app to open the clicked page");
    check(await page.evaluate(() => window.stillTheSameDocument === true), "the click loaded a new document instead of opening the page in the app");
    // The canvas stays out of the accessibility tree, and so does the idle text input.
    check(await page.evaluate(() => document.getElementById("logbook-canvas").getAttribute("aria-hidden") === "true"), "the canvas is not aria-hidden");
    check(await page.evaluate(() => document.querySelector(".logbook-ime").getAttribute("aria-hidden") === "true"), "the unused text input is exposed");
    check(problems.length === 0, problems.join("\n"));
    await context.close();
    await noApp.close();
  });

  test("screen readers: the search palette is a combobox with a listbox; the arrows set the active option; the count is announced", async ({ docs }) => {
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860, bypassCSP: true });
    await page.goto(docs.url + "/");
    await ready(page);
    await page.keyboard.press("/");
    await until(page, () => window.logbook.state().searchOpen, null, "the palette");
    await page.keyboard.type("decision", { delay: 30 });
    await until(page, () => window.logbook.state().searchResults > 1, null, "results");
    const input = () => page.evaluate(() => {
      const e = document.activeElement;
      return { role: e.getAttribute("role"), label: e.getAttribute("aria-label"), expanded: e.getAttribute("aria-expanded"), hidden: e.getAttribute("aria-hidden"),
               active: e.getAttribute("aria-activedescendant"), controls: e.getAttribute("aria-controls"),
               options: Array.from(document.querySelectorAll("#logbook-results [role=option]")).map((o) => [o.id, o.getAttribute("aria-selected"), o.textContent]) };
    });
    const n = (await page.evaluate(() => window.logbook.state())).searchResults;
    let c = await input();
    check(c.role === "combobox" && c.label === "Search the docs" && c.expanded === "true" && c.controls === "logbook-results" && c.hidden === null, `the focused field: ${JSON.stringify(c)}`);
    check(c.options.length === n && c.active === "logbook-result-0" && c.options[0][1] === "true", `options: ${JSON.stringify(c)}`);
    await page.keyboard.press("ArrowDown");
    await page.waitForTimeout(50);
    c = await input();
    check(c.active === "logbook-result-1" && c.options[1][1] === "true" && c.options[0][1] === "false", `after ArrowDown: ${JSON.stringify(c)}`);
    await until(page, (k) => window.logbook.announced() === `${k} results for \u201cdecision\u201d`, n, `"${n} results" announced`);
    const violations = await axeViolations(page, "palette open");
    check(violations.length === 0, violations.join("\n"));
    await page.keyboard.press("Escape");
    await until(page, () => !window.logbook.state().searchOpen, null, "the palette to close");
    check(await page.evaluate(() => document.querySelector(".logbook-ime").getAttribute("aria-hidden") === "true" && document.getElementById("logbook-results").hidden),
          "the closed palette's field and listbox are still exposed");
    check(problems.length === 0, problems.join("\n"));
    await context.close();
  });

  test("axe: no serious or critical violation on any static page of content/", async ({ docs }) => {
    const { page, context } = await axePage();
    // The static pages alone: the app's loader is not let in.
    await page.route(/\/assets\/loader\.js$/, (r) => r.fulfill({ body: "", contentType: "text/javascript" }));
    const pages = builtPages(join(tmp, "content"));
    check(pages.length > 20, `only ${pages.length} pages built`);
    const all = [];
    for (const p of [...pages, "/no-such-page/"]) {
      await page.goto(docs.url + p);
      all.push(...await axeViolations(page, p));
    }
    check(all.length === 0, all.join("\n"));
    await context.close();
  });

  test("axe: no serious or critical violation in the app's DOM at each view (home, page, decision log, decision)", async ({ docs }) => {
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860, bypassCSP: true });
    await page.goto(docs.url + "/");
    await ready(page);
    const all = await axeViolations(page, "home");
    for (const [view, url] of [["page", "/guides/searching/"], ["decision log", "/decisions/"], ["decision", "/decisions/0008-decision-records-in-every-dialect-with-typed-supersession/"]]) {
      await page.evaluate((u) => window.logbook.open(u), url);
      await until(page, (u) => window.logbook.mirrored() === u, url, `the DOM copy of ${url}`);
      all.push(...await axeViolations(page, view));
    }
    check(all.length === 0, all.join("\n"));
    check(problems.length === 0, problems.join("\n"));
    await context.close();
  });
}
