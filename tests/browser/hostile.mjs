// Pages written as an attacker would: content whose elements are named like the app's
// globals (a heading "Logbook" has id="logbook", which becomes window.logbook), and
// pages whose shape made the app's layout recurse or go quadratic (nesting 10,000 deep,
// a 1 MB word, a flood of "&#"). The app must boot on each, with a clean console, and
// keep its automation API. The content is generated here; none of it is committed.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";

const page = (title, body) => `---\ntitle: ${title}\n---\n${body}\n`;

function writeContent(dir) {
  const files = {
    "logbook.yml": "title: Hostile pages\n",
    "index.md": page("Hostile pages", "# Hostile pages\n\nSee [[Logbook]] and [C# notes](c%23-notes.md)."),
    // Published at /c%23-notes/: a raw '#' would end the URL's path.
    "c#-notes.md": page("C# notes", "# C# notes\n\nText."),
    // Each of these replaced or disabled a global of the app's before it kept its state in closures.
    "clobber/heading.md": page("Logbook", "# Logbook\n\nThe heading's anchor has id=\"logbook\"."),
    "clobber/booted.md": page("Booted", "# Booted\n\n<img name=\"logbookBooted\" alt=\"\">\n\nText."),
    "clobber/form.md": page("Form", "# Form\n\n<form name=\"logbook\"></form>\n\n<img name=\"logbookManifest\" alt=\"\">\n\nText."),
    "clobber/current-script.md": page("Current script", "# Current script\n\n<img name=\"currentScript\" alt=\"\">\n\nText."),
    // Named images and forms replace properties of document itself, which every script reads.
    "clobber/document.md": page("Document", "# Document\n\n" + ["querySelector", "createElement", "body", "head", "addEventListener", "currentScript"]
      .map((n) => `<img name="${n}" alt=""><form name="${n}"></form>`).join("\n") + "\n\nText."),
    "raw.md": page("Raw HTML", "# Raw HTML\n\n<img src=\"missing.png\" name=\"createElement\" onerror=\"window.pwned = 1\">\n\n" +
                   "<a href=\"javascript:window.pwned = 2\">a link</a> <iframe src=\"about:blank\"></iframe>\n\n" +
                   "<form name=\"logbook\" action=\"https://example.org/\"><input name=\"q\"></form>\n\n<meta http-equiv=\"refresh\" content=\"60\">\n\nText."),
    "huge/deep-quote.md": page("Deep quote", ">".repeat(10000) + " deep"),
    "huge/deep-list.md": page("Deep list", "- ".repeat(10000) + "deep"),
    "huge/long-word.md": page("Long word", "x".repeat(1 << 20)),
    "huge/entities.md": page("Entities", "&#".repeat(200000)),
    // Many small elements in the static copy the app keeps hidden for screen readers.
    "huge/code-spans.md": page("Code spans", "`a` ".repeat(50000)),
    "huge/list-items.md": page("List items", Array.from({ length: 100000 }, (_, i) => `- item ${i}\n`).join("")),
    "huge/table-rows.md": page("Table rows", "| a | b |\n|---|---|\n" + Array.from({ length: 10000 }, (_, i) => `| ${i} | row |\n`).join("")),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export function hostileTests({ test, check, ready, until, browser, logbook, appDir }) {
  const tmp = mkdtempSync(join(tmpdir(), "logbook-hostile-"));
  let server = null;
  const start = async () => {
    if (server) return server;
    writeContent(join(tmp, "content"));
    buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);
    server = await serve(join(tmp, "site"));
    return server;
  };
  // Opens each path of the hostile site in a fresh browser context of `view` and runs
  // `body` on it, then closes the site.
  const eachPage = async (paths, view, body) => {
    const { url, close } = await start();
    try {
      for (const path of paths) {
        const opened = await openPage(browser, view);
        try {
          await body({ ...opened, path, url });
        } finally {
          await opened.context.close();
        }
      }
    } finally {
      await close();
      server = null;
    }
  };
  const desktop = { width: 1366, height: 860 };

  test("hostile: content named like the app's globals (a heading 'Logbook', <img name=logbookBooted>, <form name=logbook>, <img name=querySelector>) cannot replace them", async () => {
    const paths = ["/clobber/heading/", "/clobber/booted/", "/clobber/form/", "/clobber/current-script/", "/clobber/document/"];
    await eachPage(paths, desktop, async ({ page, problems, path, url }) => {
      let manifests = 0;
      page.on("request", (r) => { if (r.url().endsWith("/manifest.json")) ++manifests; });
      await page.goto(url + path);
      await ready(page);
      await until(page, (p) => window.logbook.state().path === p && window.logbook.state().ready, path, path);
      // loader.js hands its manifest to boot.js on the script element.
      check(manifests === 1, `${path}: the manifest was fetched ${manifests} times`);
      const api = await page.evaluate(() => ({
        own: Object.getOwnPropertyNames(window).includes("logbook"),
        element: window.logbook instanceof Element,
        search: typeof window.logbook.search,
        open: typeof window.logbook.open,
      }));
      check(api.own && !api.element && api.search === "function" && api.open === "function", `${path}: window.logbook is ${JSON.stringify(api)}`);
      const hits = await page.evaluate(() => window.logbook.search("text"));
      check(Array.isArray(hits) && hits.length > 0, `${path}: search gave ${JSON.stringify(hits)}`);
      check(await page.evaluate(() => document.documentElement.classList.contains("logbook-app-on")), `${path}: the app is not on`);
      check(problems.length === 0, `${path}: ${problems.join("\n")}`);
    });
  });

  test("hostile: the static copy of a page the app opens loses its handlers, scripts, frames, forms, meta and image names before it enters the live page", async () => {
    const { url, close } = await start();
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(url + "/");
      await ready(page);
      await page.evaluate(() => window.logbook.open("/raw/"));
      await until(page, () => window.logbook.state().path === "/raw/" && window.logbook.state().ready, null, "the raw page");
      await until(page, () => !!document.querySelector("main h1") && document.querySelector("main h1").textContent.includes("Raw HTML"), null, "its static copy");
      await page.waitForTimeout(300);  // an imported image's error handler would have run by now
      const left = await page.evaluate(() => ({
        pwned: window.pwned,
        elements: Array.from(document.querySelectorAll("main script, main iframe, main form, main meta, main object, main embed")).map((e) => e.tagName),
        handlers: Array.from(document.querySelectorAll("main *")).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith("on"))).length,
        scripted: Array.from(document.querySelectorAll("main a")).filter((a) => /^javascript:/i.test(a.getAttribute("href") || "")).length,
        text: document.querySelector("main").textContent.includes("a link"),
        createElement: typeof document.createElement,
      }));
      check(left.pwned === undefined && left.elements.length === 0 && left.handlers === 0 && left.scripted === 0 && left.text &&
            left.createElement === "function",
            `left in the live page: ${JSON.stringify(left)}`);
      // Chrome checks the page's CSP as soon as a handler attribute is parsed, even in an
      // inert document, and reports it blocked: that report is expected, nothing else.
      const csp = /Executing inline event handler violates the following Content Security Policy/;
      check(problems.filter((p) => !csp.test(p)).length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await close();
      server = null;
    }
  });

  test("hostile: a page named with '#' (c#-notes.md, published at /c%23-notes/) opens in the app from its address and by a link", async () => {
    const { url, close } = await start();
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(url + "/c%23-notes/");
      await ready(page);
      await until(page, () => window.logbook.state().path === "/c%23-notes/" && window.logbook.state().title === "C# notes", null, "the C# notes page");
      await page.evaluate(() => window.logbook.open("/"));
      await until(page, () => window.logbook.state().path === "/" && window.logbook.state().ready, null, "the home page");
      const links = await page.evaluate(() => window.logbook.links());
      const to = links.find((l) => l.href === "/c%23-notes/");
      check(to, `no link to /c%23-notes/; visible: ${links.map((l) => `${l.text} -> ${l.href}`).join(", ")}`);
      await page.mouse.click(to.x + Math.min(to.w / 2, 20), to.y + to.h / 2);
      await until(page, () => window.logbook.state().path === "/c%23-notes/" && window.logbook.state().title === "C# notes", null, "the C# notes page by its link");
      check(new URL(page.url()).pathname === "/c%23-notes/", `URL after the click: ${page.url()}`);
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await close();
      server = null;
    }
  });

  test("hostile: a query holding a NUL is searched whole, not cut at the NUL", async () => {
    const { url, close } = await start();
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(url + "/");
      await ready(page);
      // Pages with only some of the words come after full matches, saying what they miss.
      const search = (q) => page.evaluate((query) => window.logbook.search(query).then(
        (hits) => ({ full: hits.filter((h) => !h.missing).length, missing: hits.map((h) => h.missing) }), (e) => ({ error: e.message })), q);
      const both = await search("hostile\u0000pages"), cut = await search("hostile\u0000zzznowhere");
      check(both.full > 0, `"hostile<NUL>pages" gave ${JSON.stringify(both)}`);
      // Cut at the NUL, this was a search for "hostile" alone: every page would match in full.
      check(cut.full === 0 && cut.missing.every((m) => m === "zzznowhere"), `"hostile<NUL>zzznowhere" gave ${JSON.stringify(cut)}`);
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await close();
      server = null;
    }
  });

  // The static page of a deep quote is wider than a phone; the canvas was sized while it
  // showed, so the app drew for a viewport twice the phone's width and half its page was
  // off screen. Hidden, the static copy no longer widens the page, and the app re-measures.
  test("hostile: on a phone, a page wider than the screen (nesting 10,000 deep, a 1 MB word) still fills the screen with the app", async () => {
    const phone = { width: 390, height: 844, dpr: 2, mobile: true };
    await eachPage(["/huge/deep-quote/", "/huge/long-word/"], phone, async ({ page, problems, path, url }) => {
      await page.goto(url + path);
      await ready(page);
      await page.waitForTimeout(200);
      const size = await page.evaluate(() => ({ inner: innerWidth, canvas: document.getElementById("logbook-canvas").getBoundingClientRect().width,
        page: document.documentElement.scrollWidth }));
      check(size.canvas === 390 && size.inner === 390 && size.page === 390, `${path}: ${JSON.stringify(size)}`);
      check(problems.length === 0, `${path}: ${problems.join("\n")}`);
    });
  });

  test("hostile: pages nested 10,000 deep, a 1 MB word and 200k '&#' boot the app quickly with a clean console", async () => {
    const times = [];
    const paths = ["/huge/deep-quote/", "/huge/deep-list/", "/huge/long-word/", "/huge/entities/"];
    await eachPage(paths, desktop, async ({ page, problems, path, url }) => {
      const t0 = Date.now();
      await page.goto(url + path);
      await ready(page);
      await until(page, (p) => window.logbook.state().path === p && window.logbook.state().ready, path, path);
      const ms = Date.now() - t0;
      times.push(`${path} ${ms} ms`);
      // Generous for a loaded CI machine; before the fixes these took 11-36 s or never booted.
      check(ms < 8000, `${path} took ${ms} ms to boot`);
      await page.mouse.wheel(0, 4000);  // draw further down the page too
      await page.waitForTimeout(100);
      check(problems.length === 0, `${path}: ${problems.join("\n")}`);
    });
    console.log(`     boot times: ${times.join(", ")}`);
  });

  test("hostile: pages of 50,000 code spans, 100,000 list items and 10,000 table rows: the app answers within a small multiple of the static page's own load time", async () => {
    const { url, close } = await start();
    const times = [];
    const open = async (path, measure) => {
      const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
      try {
        const t0 = Date.now();
        await measure(page);
        check(problems.length === 0, `${path}: ${problems.join("\n")}`);
        return Date.now() - t0;
      } finally {
        await context.close();
      }
    };
    try {
      for (const path of ["/huge/code-spans/", "/huge/list-items/", "/huge/table-rows/"]) {
        const alone = await open(path, async (page) => {
          await page.goto(url + path + "?app=off");
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
        });
        // Ready, then a script round trip and a keypress handled (the search palette opens).
        const app = await open(path, async (page) => {
          await page.goto(url + path);
          await ready(page);
          await until(page, (p) => window.logbook.state().path === p && window.logbook.state().ready, path, path);
          await page.evaluate(() => 1);
          await page.keyboard.press("/");
          await until(page, () => window.logbook.state().searchOpen, null, `${path}: the search palette`);
        });
        times.push(`${path} static page ${alone} ms, app answering ${app} ms`);
        // Hiding the static copy by laying it out again on one line (white-space: nowrap)
        // kept the tab busy 18 s on 50,000 code spans whose static page loads in 1.5 s.
        const bound = 2 * alone + 3000;
        check(app < bound, `${path}: the app answered after ${app} ms, over ${bound} ms (the static page alone: ${alone} ms)`);
      }
      console.log(`     ${times.join(", ")}`);
    } finally {
      await close();
      server = null;
    }
  });
}
