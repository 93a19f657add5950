// Tag pages and feeds per interest, as a reader meets them: a tag on a page leads to the
// tag's page (static, and in the app), the tag index counts each tag's pages, and the
// Atom feeds each tag page and the decision log advertise parse as Atom.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";

function writeContent(dir) {
  mkdirSync(join(dir, "guides"), { recursive: true });
  mkdirSync(join(dir, "decisions"), { recursive: true });
  writeFileSync(join(dir, "index.md"), "# Handbook\n\nSee [setup](guides/setup.md), [more](guides/more.md) and the [log](decisions/index.md).\n");
  writeFileSync(join(dir, "guides/setup.md"), "---\ntitle: Setup\ndescription: Install <it> & run.\ndate: 2026-01-02\ntags: [Search, infra]\n---\n# Setup\n\nHow to set up.\n");
  writeFileSync(join(dir, "guides/more.md"), "---\ntitle: More on search\ntags: [search, search]\n---\n# More on search\n\nMore.\n");
  writeFileSync(join(dir, "decisions/index.md"), "# Decision log\n\nThe decisions so far.\n");
  writeFileSync(join(dir, "decisions/0001-a.md"), "---\nstatus: accepted\ndate: 2026-01-01\ntags: [search]\n---\n# Use A\n\nWhy.\n");
}

export function tagTests({ test, check, ready, state, until, shot, browser, logbook, appDir }) {
  const tmp = mkdtempSync(join(tmpdir(), "logbook-tags-"));
  writeContent(join(tmp, "content"));
  buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);

  // A static page's HTML or a feed's XML, parsed by the browser's own parsers.
  const parse = (page, url, type) => page.evaluate(async ([u, t]) => {
    const text = await (await fetch(u)).text();
    const doc = new DOMParser().parseFromString(text, t);
    const q = (s) => [...doc.querySelectorAll(s)];
    if (t !== "text/html") {
      const root = doc.documentElement;
      return { error: q("parsererror").length > 0, root: root.localName, ns: root.namespaceURI,
               title: root.querySelector(":scope > title")?.textContent, self: root.querySelector(':scope > link[rel="self"]')?.getAttribute("href"),
               entries: q("entry > title").map((e) => e.textContent) };
    }
    return { tags: q("footer a.tag, .decision a.tag").map((a) => [a.textContent, a.getAttribute("href")]),
             h1: doc.querySelector("h1")?.textContent, items: q("ul.tagged li a").map((a) => a.textContent),
             sections: q("article h2").map((h) => h.textContent), status: q("ul.tagged .status").map((s) => s.textContent),
             index: q("ul.tag-index li").map((li) => li.textContent), follow: doc.querySelector("a.feed")?.getAttribute("href"),
             feeds: q('head link[type="application/atom+xml"]').map((l) => l.getAttribute("href")) };
  }, [url, type]);

  test("tags: static pages link their tags to tag pages that list them; the index counts; the feeds are Atom", async () => {
    const server = await serve(join(tmp, "site"));
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/guides/setup/?app=off");
      const setup = await parse(page, "/guides/setup/", "text/html");
      check(JSON.stringify(setup.tags) === JSON.stringify([["Search", "/tags/search/"], ["infra", "/tags/infra/"]]), `the page's tags: ${JSON.stringify(setup.tags)}`);
      const record = await parse(page, "/decisions/0001-a/", "text/html");
      check(JSON.stringify(record.tags) === JSON.stringify([["search", "/tags/search/"]]), `the record's tags: ${JSON.stringify(record.tags)}`);
      // A click on the tag opens its page.
      await page.click('footer a.tag[href="/tags/search/"]');
      await page.waitForURL(server.url + "/tags/search/");
      const tag = await parse(page, "/tags/search/", "text/html");
      check(tag.h1 === "Tag: search", `the tag page's title: ${tag.h1}`);
      check(JSON.stringify(tag.sections) === JSON.stringify(["Decisions", "Pages"]), `its lists: ${tag.sections}`);
      check(JSON.stringify(tag.items) === JSON.stringify(["ADR-0001: Use A", "More on search", "Setup"]), `its entries: ${tag.items}`);
      check(JSON.stringify(tag.status) === JSON.stringify(["Accepted"]), `the record's status: ${tag.status}`);
      check(tag.follow === "/feeds/tags/search.xml" && tag.feeds.includes("/feeds/tags/search.xml"), `its feed: ${tag.follow}, ${tag.feeds}`);
      const index = await parse(page, "/tags/", "text/html");
      check(JSON.stringify(index.index) === JSON.stringify(["infra 1", "search 3"]), `the tag index: ${JSON.stringify(index.index)}`);
      const log = await parse(page, "/decisions/", "text/html");
      check(log.feeds.includes("/feeds/decisions.xml") && log.follow === "/feeds/decisions.xml", `the decision log's feeds: ${log.feeds}, ${log.follow}`);

      // Pages with a date (here none is in git): "More on search" has none, so it is in no feed.
      for (const [url, entries] of [["/feeds/tags/search.xml", 2], ["/feeds/tags/infra.xml", 1], ["/feeds/decisions.xml", 1], ["/feed.xml", 2]]) {
        const feed = await parse(page, url, "application/xml");
        check(!feed.error && feed.root === "feed" && feed.ns === "http://www.w3.org/2005/Atom", `${url} is not Atom: ${JSON.stringify(feed)}`);
        check(feed.entries.length === entries && feed.self === url, `${url}: ${JSON.stringify(feed)}`);
      }
      const decisions = await parse(page, "/feeds/decisions.xml", "application/xml");
      check(decisions.entries[0] === "ADR-0001 (accepted): Use A", `the decisions feed: ${decisions.entries}`);
      const sitemap = await page.evaluate(async () => (await fetch("/sitemap.xml")).text());
      check(sitemap.includes("<loc>/tags/</loc>") && sitemap.includes("<loc>/tags/search/</loc>"), "the tag pages are not in the sitemap");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  for (const [label, view] of [["desktop", { width: 1366, height: 860 }], ["phone", { width: 390, height: 844, dpr: 3, mobile: true }]]) {
    test(`tags: ${label}: in the app, a page's tag opens its tag view, which opens a tagged page; the index lists every tag`, async () => {
      const server = await serve(join(tmp, "site"));
      const { page, problems, context } = await openPage(browser, view);
      const click = (l) => label === "phone" ? page.touchscreen.tap(l.x + Math.min(l.w / 2, 20), l.y + l.h / 2) : page.mouse.click(l.x + Math.min(l.w / 2, 20), l.y + l.h / 2);
      const visible = async (href) => {
        await until(page, (h) => window.logbook.links().some((l) => l.href === h && l.y > 0 && l.y < window.innerHeight - 10), href, `a visible link to ${href}`);
        return (await page.evaluate((h) => window.logbook.links().find((l) => l.href === h), href));
      };
      try {
        await page.goto(server.url + "/guides/setup/");
        await ready(page);
        await click(await visible("/tags/search/"));
        await until(page, () => window.logbook.state().path === "/tags/search/" && window.logbook.state().ready, null, "the tag view");
        const s = await state(page);
        check(s.title === "Tag: search" && new URL(page.url()).pathname === "/tags/search/", `state: ${JSON.stringify(s)}, URL ${page.url()}`);
        // Screen readers get the tag's static page in the DOM copy.
        await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "Tag: search", null, { timeout: 5000 });
        await shot(page, `${label}-tag-view`);
        await click(await visible("/guides/more/"));
        await until(page, () => window.logbook.state().path === "/guides/more/" && window.logbook.state().ready, null, "the tagged page");
        await page.goBack();
        await until(page, () => window.logbook.state().path === "/tags/search/" && window.logbook.state().ready, null, "back to the tag view");
        // A record's header chips lead there too.
        await page.goto(server.url + "/decisions/0001-a/");
        await ready(page);
        await click(await visible("/tags/search/"));
        await until(page, () => window.logbook.state().path === "/tags/search/" && window.logbook.state().ready, null, "the tag view from a record");
        // The index, opened directly: each tag with its count; the crumb leads back there.
        await page.goto(server.url + "/tags/");
        await ready(page);
        check((await state(page)).title === "Tags", `the index: ${JSON.stringify(await state(page))}`);
        await shot(page, `${label}-tag-index`);
        await click(await visible("/tags/infra/"));
        await until(page, () => window.logbook.state().path === "/tags/infra/" && window.logbook.state().ready, null, "the infra tag view");
        // A tag no page carries is not found.
        await page.goto(server.url + "/tags/nothing/");
        await ready(page);
        check((await state(page)).title === "Page not found", `a missing tag: ${JSON.stringify(await state(page))}`);
        const expected = (p) => p.includes("/tags/nothing/") && /404/.test(p);
        const others = problems.filter((p) => !expected(p));
        check(others.length === 0, others.join("\n"));
      } finally {
        await context.close();
        await server.close();
      }
    });
  }

  test("tags: the keyboard reaches a page's tag and Enter opens its tag view", async () => {
    const server = await serve(join(tmp, "site"));
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/guides/more/");
      await ready(page);
      let reached = false;
      for (let i = 0; i < 60 && !reached; ++i) {
        await page.keyboard.press("Tab");
        const f = await page.evaluate(() => window.logbook.focus());
        const links = await page.evaluate(() => window.logbook.links());
        reached = links.some((l) => l.href === "/tags/search/" && Math.abs(l.x - f.x) < 2 && Math.abs(l.y - f.y) < 4);
      }
      check(reached, "Tab never reached the page's tag");
      await page.keyboard.press("Enter");
      await until(page, () => window.logbook.state().path === "/tags/search/", null, "the tag view from the keyboard");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });
}
