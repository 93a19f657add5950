// The link graph (ADR-0015): a page's neighbourhood and the whole site, drawn by the app
// from the graph file the build laid out. A reader opens a page from it with a click
// and with the keyboard; a screen reader gets the focused page and its neighbours as links.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";

// home -> a -> b -> c, d -> a; ADR-0002 supersedes ADR-0001 and links to d.
function writeSite(dir) {
  const page = (path, text) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  page("index.md", "# Home\n\nStart with [Alpha](a.md).\n");
  page("a.md", "---\ntags: [ops]\n---\n# Alpha\n\nThen [Bravo](b.md).\n");
  page("b.md", "---\ntags: [search]\n---\n# Bravo\n\nThen [Charlie](c.md).\n");
  page("c.md", "# Charlie\n\nThe end of the chain.\n");
  page("d.md", "# Delta\n\nBack to [Alpha](a.md).\n");
  page("decisions/index.md", "# Decisions\n");
  page("decisions/0001-first.md", "---\nstatus: superseded\n---\n# First\n");
  page("decisions/0002-second.md", "---\nstatus: accepted\nsupersedes: [ADR-0001]\n---\n# Second\n\nSee [Delta](../d.md).\n");
}

export function graphTests({ test, check, ready, state, until, shot, browser, logbook, appDir }) {
  // The site is built once; each test serves it and closes its server with its context
  // (a server left open keeps the test runner from exiting).
  let built = null, site = null;
  const open = async (view) => {
    if (!built) {
      const tmp = mkdtempSync(join(tmpdir(), "logbook-graph-"));
      writeSite(join(tmp, "content"));
      buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);
      built = join(tmp, "site");
    }
    const server = site = await serve(built);
    const opened = await openPage(browser, view);
    return { ...opened, context: { close: async () => { await opened.context.close(); await server.close(); } } };
  };
  const nodes = (page) => page.evaluate(() => window.logbook.links().filter((l) => !l.href.startsWith("action:") && l.w <= 40).map((l) => l.href));
  const graphList = (page) => page.evaluate(() => {
    const h = Array.from(document.querySelectorAll(".logbook-lists h2")).find((e) => e.textContent.startsWith("Link graph: "));
    return h ? { title: h.textContent, links: Array.from(h.nextElementSibling.querySelectorAll("a")).map((a) => [a.textContent, a.getAttribute("href")]) } : null;
  });

  test("graph: a page's Graph link shows its links out and in, two steps; a click on a node opens that page", async () => {
    const { page, problems, context } = await open({ width: 1366, height: 860 });
    try {
      await page.goto(site.url + "/a/");
      await ready(page);
      const button = (await page.evaluate(() => window.logbook.links())).find((l) => l.href === "action:graph-near");
      check(button, "the page offers its graph");
      await page.mouse.click(button.x + button.w / 2, button.y + button.h / 2);
      await until(page, () => window.logbook.links().some((l) => l.href === "/c/"), null, "the neighbourhood to be drawn");
      const shown = (await nodes(page)).sort();
      // Alpha; its neighbours Home, Bravo, Delta; theirs: Charlie (from Bravo) and ADR-0002 (to Delta).
      check(JSON.stringify(shown) === JSON.stringify(["/", "/a/", "/b/", "/c/", "/d/", "/decisions/0002-second/"]), `nodes: ${shown}`);
      await shot(page, "graph-near");
      const list = await graphList(page);
      check(list && list.title === "Link graph: Alpha", `the DOM copy names the focused page: ${JSON.stringify(list)}`);
      check(list.links.some(([t, h]) => t === "Links to: Bravo" && h === "/b/") && list.links.some(([t]) => t === "Linked from: Delta"),
        `its neighbours as links: ${JSON.stringify(list.links)}`);
      const charlie = (await page.evaluate(() => window.logbook.links())).find((l) => l.href === "/c/");
      await page.mouse.click(charlie.x + charlie.w / 2, charlie.y + charlie.h / 2);
      await until(page, () => window.logbook.state().path === "/c/", null, "Charlie to open");
      check(!(await nodes(page)).length, "the graph closed when the page opened");
      check(problems.length === 0, problems.join("\n"));
    } finally { await context.close(); }
  });

  test("graph: the whole site from the top bar takes the keyboard: arrows move between nodes, Enter opens, Escape leaves", async () => {
    const { page, problems, context } = await open({ width: 1366, height: 860 });
    try {
      await page.goto(site.url + "/");
      await ready(page);
      const button = (await page.evaluate(() => window.logbook.links())).find((l) => l.href === "action:graph");
      check(button, "the top bar offers the whole site's graph");
      await page.mouse.click(button.x + button.w / 2, button.y + button.h / 2);
      await until(page, () => window.logbook.links().some((l) => l.href === "/decisions/0001-first/"), null, "every page to be drawn");
      check((await nodes(page)).length === 8, `one node a page: ${await nodes(page)}`);
      await shot(page, "graph-site");
      // The canvas has the focus, on the page the reader came from; an arrow with a page
      // that way moves to it.
      check((await graphList(page)).title === "Link graph: Home", "the graph starts on the page the reader came from");
      for (const key of ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown"]) {
        await page.keyboard.press(key);
        if ((await graphList(page)).title !== "Link graph: Home") break;
      }
      await until(page, () => Array.from(document.querySelectorAll(".logbook-lists h2")).some((h) => /^Link graph: (?!Home$)/.test(h.textContent)), null, "the arrow to move to another page");
      const focused = await graphList(page);
      const [, href] = focused.links[0];
      await page.keyboard.press("Enter");
      await until(page, (h) => window.logbook.state().path === h, href, `Enter to open ${href}`);
      // Back in the graph, Escape leaves it for the page.
      await page.evaluate(() => window.logbook.open("/?graph"));
      await until(page, () => window.logbook.links().some((l) => l.href === "/c/" && l.w <= 40), null, "the graph at /?graph");
      await page.keyboard.press("Escape");
      await until(page, () => window.logbook.links().some((l) => l.href === "action:graph-near"), null, "the page to be back");
      check(problems.length === 0, problems.join("\n"));
    } finally { await context.close(); }
  });

  test("graph: on a phone, /?graph opens the whole site fitted to the screen", async () => {
    const { page, problems, context } = await open({ width: 390, height: 844, dpr: 3, mobile: true });
    try {
      await page.goto(site.url + "/?graph");
      await ready(page);
      await until(page, () => window.logbook.links().some((l) => l.href === "/c/"), null, "the graph at /?graph");
      const all = await page.evaluate(() => window.logbook.links().filter((l) => l.w <= 40));
      check(all.every((l) => l.x >= 0 && l.x + l.w <= 390 && l.y >= 0 && l.y + l.h <= 844), `nodes on screen: ${JSON.stringify(all)}`);
      await shot(page, "graph-phone");
      check(problems.length === 0, problems.join("\n"));
    } finally { await context.close(); }
  });
  void state;
}
