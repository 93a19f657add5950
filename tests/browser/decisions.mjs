// The decision log's views as a reader meets them: the log's table (filter by status,
// sort, open a record), a record's header (the supersession chain navigates, a
// proposal's deadline), and the home page's lists with "what changed since your last
// visit" remembered across visits and cleared by "Mark all as read". The content is
// written here with dates relative to today, since deadlines count from the reader's clock.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";

function day(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function record(n, title, fields, body = "Context.") {
  const id = `ADR-000${n}`;
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(", ")}]` : v}`);
  return `---\nid: ${id}\ntitle: ${title}\n${lines.join("\n")}\n---\n\n# ${id}: ${title}\n\n${body}\n`;
}

function writeContent(dir, { changed = false } = {}) {
  const files = {
    "logbook.yml": "title: Team handbook\nrepository: https://github.com/example/handbook\nbranch: main\n",
    "index.md": "---\ntitle: Team handbook\n---\n# Team handbook\n\nWelcome.\n",
    "guide.md": `---\ntitle: Guide\nowner: ana\nreview_by: ${day(-10)}\n---\n# Guide\n\nHow we work.\n`,
    "decisions/index.md": "---\ntitle: Decisions\n---\n# Decisions\n\nWhat we decided.\n",
    "decisions/0001-old-way.md": record(1, "Use the old way", { status: "superseded", date: day(-60), deciders: ["Ana"], tags: ["infra"], superseded_by: "ADR-0003" }),
    "decisions/0002-a-proposal.md": record(2, "Adopt a proposal", { status: "proposed", date: day(-3), review_by: day(5), deciders: ["Bo"], tags: ["search"] }),
    "decisions/0003-new-way.md": record(3, "Use the new way", { status: "accepted", date: day(-20), deciders: ["Ana", "Bo"], consulted: ["Cy"], tags: ["infra"], supersedes: "ADR-0001" },
                                        changed ? "Context, revised after review." : "Context."),
    "decisions/0004-late-proposal.md": record(4, "Late proposal", { status: "proposed", date: day(-20), review_by: day(-2), deciders: ["Ana"], tags: ["infra"] }),
  };
  if (changed) files["notes.md"] = "---\ntitle: Meeting notes\n---\n# Meeting notes\n\nNew page.\n";
  else rmSync(join(dir, "notes.md"), { force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export function decisionTests({ test, check, ready, state, until, shot, browser, logbook, appDir }) {
  const tmp = mkdtempSync(join(tmpdir(), "logbook-decisions-"));
  const build = () => buildSite(logbook, [join(tmp, "content"), "-o", join(tmp, "site"), "--app-dir", appDir]);
  const links = (page) => page.evaluate(() => window.logbook.links());
  const find = async (page, text) => {
    const all = await links(page);
    const l = all.find((x) => x.text === text);
    check(l, `no "${text}" on screen; visible: ${all.map((x) => x.text).join(" | ")}`);
    return l;
  };
  const click = async (page, l) => { await page.mouse.click(l.x + l.w / 2, l.y + l.h / 2); await page.waitForTimeout(80); };
  const rows = async (page) => (await links(page)).filter((l) => /^ADR-\d+$/.test(l.text)).sort((a, b) => a.y - b.y).map((l) => l.text);
  const start = async () => {
    writeContent(join(tmp, "content"));
    build();
    return serve(join(tmp, "site"));
  };

  test("decision log: the table filters by status, sorts by title, and a row opens its record; the chain links navigate", async () => {
    const server = await start();
    const { url } = server;
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(url + "/decisions/");
      await ready(page);
      await page.waitForTimeout(100);
      check(JSON.stringify(await rows(page)) === JSON.stringify(["ADR-0004", "ADR-0003", "ADR-0002", "ADR-0001"]), `newest first: ${await rows(page)}`);
      check((await find(page, "Propose a decision")).href.startsWith("https://github.com/example/handbook/new/main/"), "propose link");
      await shot(page, "decisions-log");
      await click(page, await find(page, "Any status"));
      await click(page, await find(page, "proposed"));
      await until(page, () => window.logbook.links().filter((l) => /^ADR-\d+$/.test(l.text)).length === 2, null, "two proposals");
      check(JSON.stringify(await rows(page)) === JSON.stringify(["ADR-0004", "ADR-0002"]), `proposed only: ${await rows(page)}`);
      await shot(page, "decisions-log-proposed");
      await click(page, await find(page, "proposed"));  // the combo now shows its value
      await click(page, await find(page, "Any status"));
      await until(page, () => window.logbook.links().filter((l) => /^ADR-\d+$/.test(l.text)).length === 4, null, "all four again");
      await click(page, await find(page, "Title"));
      await page.waitForTimeout(100);
      // Adopt a proposal, Late proposal, Use the new way, Use the old way (ascending on the first click)
      check(JSON.stringify(await rows(page)) === JSON.stringify(["ADR-0002", "ADR-0004", "ADR-0003", "ADR-0001"]), `by title: ${await rows(page)}`);
      await click(page, await find(page, "ADR-0001"));
      await until(page, () => window.logbook.state().path === "/decisions/0001-old-way/" && window.logbook.state().ready, null, "the record");
      await page.waitForTimeout(100);
      await shot(page, "decisions-record-superseded");
      await click(page, await find(page, "Superseded by ADR-0003: Use the new way"));
      await until(page, () => window.logbook.state().path === "/decisions/0003-new-way/", null, "the successor");
      await page.waitForTimeout(100);
      await click(page, await find(page, "Supersedes ADR-0001: Use the old way"));
      await until(page, () => window.logbook.state().path === "/decisions/0001-old-way/", null, "back down the chain");
      await page.evaluate(() => window.logbook.open("/decisions/0002-a-proposal/"));
      await until(page, () => window.logbook.state().ready && window.logbook.state().path === "/decisions/0002-a-proposal/", null, "the proposal");
      await page.waitForTimeout(100);
      const history = await find(page, "The file's history");
      check(history.href === "https://github.com/example/handbook/commits/main/content/decisions/0002-a-proposal.md", history.href);
      check((await find(page, "Edit this page")).href === "https://github.com/example/handbook/edit/main/content/decisions/0002-a-proposal.md", "edit link");
      await shot(page, "decisions-record-proposed");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("decision log: the filters live in the address: shared, reloaded, and undone by back; dates take dates only", async () => {
    const server = await start();
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    const search = () => new URL(page.url()).search;
    try {
      await page.goto(server.url + "/decisions/");
      await ready(page);
      await page.waitForTimeout(100);
      await click(page, await find(page, "Any status"));
      await click(page, await find(page, "proposed"));
      await until(page, () => location.search === "?status=proposed", null, "the status in the address");
      await click(page, await find(page, "Title"));
      await until(page, () => location.search === "?status=proposed&sort=title", null, "the sort in the address");
      check(JSON.stringify(await rows(page)) === JSON.stringify(["ADR-0002", "ADR-0004"]), `proposed by title: ${await rows(page)}`);
      // The address, shared: a new visit shows the same table.
      await page.reload();
      await ready(page);
      await page.waitForTimeout(100);
      check(JSON.stringify(await rows(page)) === JSON.stringify(["ADR-0002", "ADR-0004"]), `after a reload: ${await rows(page)} (${search()})`);
      check((await links(page)).some((l) => l.text === "proposed" && l.href === "action:filter"), "the status filter does not show its value");
      // Back undoes the sort, then the status; forward redoes it.
      await page.goBack();
      await until(page, () => location.search === "?status=proposed", null, "back to the status alone");
      const shown = (n) => window.logbook.links().filter((l) => /^ADR-\d+$/.test(l.text)).length === n;
      // The address changes a frame before the table redraws: wait for the order itself,
      // not for the count, which the sorted table already had (CI met that frame).
      const order = (want) => window.logbook.links().filter((l) => /^ADR-\d+$/.test(l.text))
        .sort((a, b) => a.y - b.y).map((l) => l.text).join(",") === want;
      await until(page, order, "ADR-0004,ADR-0002", "the proposals in the log's own order");
      await page.goBack();
      await until(page, () => location.search === "", null, "back to no filter");
      await until(page, shown, 4, "all four records");
      await page.goForward();
      await until(page, () => location.search === "?status=proposed", null, "forward to the status");
      await until(page, shown, 2, "the proposals again");
      // A date field takes a date's characters only, and filters once it holds a date.
      await click(page, await find(page, "Clear"));
      const after = await find(page, "After YYYY-MM-DD");
      await page.mouse.click(after.x + 30, after.y + after.h / 2);
      await page.keyboard.type("x2026-01-0a1", { delay: 20 });
      await until(page, () => /after=\d{4}-\d{2}-\d{2}/.test(location.search), null, "a date in the address");
      check(/after=2026-01-01/.test(search()), `the after date: ${search()}`);
      await shot(page, "decisions-log-date-filter");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("decision log on a phone: a tap on a header sorts, a tap on the status filter and an option filters, a tap on a row opens it", async () => {
    const server = await start();
    const { page, problems, context } = await openPage(browser, { width: 390, height: 844, dpr: 3, mobile: true });
    const tap = async (l) => { await page.touchscreen.tap(l.x + Math.min(l.w / 2, 40), l.y + l.h / 2); await page.waitForTimeout(100); };
    try {
      await page.goto(server.url + "/decisions/");
      await ready(page);
      await page.waitForTimeout(100);
      await tap(await find(page, "Title"));
      check(JSON.stringify(await rows(page)) === JSON.stringify(["ADR-0002", "ADR-0004", "ADR-0003", "ADR-0001"]), `by title: ${await rows(page)}`);
      await tap(await find(page, "Any status"));
      await shot(page, "decisions-phone-status-filter");
      await tap(await find(page, "superseded"));
      check(JSON.stringify(await rows(page)) === JSON.stringify(["ADR-0001"]), `superseded only: ${await rows(page)}`);
      await tap(await find(page, "ADR-0001"));
      await until(page, () => window.logbook.state().path === "/decisions/0001-old-way/", null, "the record");
      await page.waitForTimeout(100);
      await shot(page, "decisions-phone-record");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("your queue: a reader says who they are (keyboard, mouse or a screen reader's link) and sees their queue first; overdue proposals are listed and badged", async () => {
    const server = await start();
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    const headings = () => page.evaluate(() => Array.from(document.querySelectorAll("main .logbook-lists h2")).map((h) => h.textContent));
    const listed = (title) => page.evaluate((t) => {
      const h = Array.from(document.querySelectorAll("main .logbook-lists h2")).find((x) => x.textContent.startsWith(t));
      return h ? Array.from(h.nextElementSibling.querySelectorAll("li")).map((li) => li.textContent) : null;
    }, title);
    try {
      await page.goto(server.url + "/");
      await ready(page);
      await until(page, () => document.querySelector("main .logbook-lists h2")?.textContent === "Who are you?", null, "the picker first");
      check((await headings())[1] === "Overdue proposals", `the lists: ${await headings()}`);
      check(JSON.stringify(await listed("Overdue proposals")) === JSON.stringify(["overdue 2 days: ADR-0004  Late proposal, Ana"]), `overdue: ${await listed("Overdue proposals")}`);
      check((await listed("Who are you?")).includes("I am Ana"), `the picker's names: ${await listed("Who are you?")}`);
      await shot(page, "queue-who-are-you");
      // The keyboard: Tab to the picker, Enter opens it, Down and Enter take the first name (Ana).
      const combo = await find(page, "Choose your name");
      let reached = false;
      for (let i = 0; i < 40 && !reached; ++i) {
        await page.keyboard.press("Tab");
        const f = await page.evaluate(() => window.logbook.focus());
        reached = f.visible && Math.abs(f.x - combo.x) < 4 && Math.abs(f.y - combo.y) < 4;
      }
      check(reached, "Tab never reached the picker");
      await page.keyboard.press("Enter");
      await page.waitForTimeout(100);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await until(page, () => document.querySelector("main .logbook-lists h2")?.textContent === "Your queue, Ana", null, "Ana's queue first");
      // Her pages past review come from the owned pages' file, read once she has said who she is.
      await until(page, () => Array.from(document.querySelectorAll("main .logbook-lists li")).some((li) => /^review \d{4}-\d\d-\d\d: Guide, you own it$/.test(li.textContent)),
        null, "her page past review");
      const queue = await listed("Your queue, Ana");
      check(queue[1] === "overdue 2 days: ADR-0004  Late proposal, you decide", `the queue: ${JSON.stringify(queue)}`);
      check(queue.length === 3, `the queue: ${JSON.stringify(queue)}`);
      await shot(page, "queue-ana");
      // Kept in this browser: a reload shows the same queue.
      await page.reload();
      await ready(page);
      await until(page, () => document.querySelector("main .logbook-lists h2")?.textContent === "Your queue, Ana", null, "Ana's queue after a reload");
      // A screen reader follows the DOM copy's links: forget, then say "I am Bo".
      await page.evaluate(() => Array.from(document.querySelectorAll("main .logbook-lists a")).find((a) => a.textContent.startsWith("Not Ana")).click());
      await until(page, () => document.querySelector("main .logbook-lists h2")?.textContent === "Who are you?", null, "forgotten");
      await page.evaluate(() => Array.from(document.querySelectorAll("main .logbook-lists a")).find((a) => a.textContent === "I am Bo").click());
      await until(page, () => document.querySelector("main .logbook-lists h2")?.textContent === "Your queue, Bo", null, "Bo's queue");
      check((await listed("Your queue, Bo")).some((r) => r.includes("ADR-0002  Adopt a proposal, you decide")), `Bo's queue: ${await listed("Your queue, Bo")}`);
      check(new URL(page.url()).search === "", `the address keeps who the reader is: ${page.url()}`);
      // The decision log badges the overdue proposal; its sorted rows say so to screen readers.
      await page.evaluate(() => window.logbook.open("/decisions/?sort=title"));
      await until(page, () => window.logbook.state().path === "/decisions/" && window.logbook.state().ready, null, "the log");
      await page.waitForTimeout(150);
      await until(page, () => Array.from(document.querySelectorAll("main .logbook-lists li")).some((li) => li.textContent === "ADR-0004: Late proposal, proposed, overdue"),
        null, "the overdue row in the DOM copy");
      await shot(page, "queue-decision-log-overdue");
      await page.evaluate(() => window.logbook.open("/decisions/0004-late-proposal/"));
      await until(page, () => window.logbook.state().path === "/decisions/0004-late-proposal/" && window.logbook.state().ready, null, "the record");
      await page.waitForTimeout(150);
      await shot(page, "queue-record-overdue");
      const html = await (await fetch(server.url + "/decisions/0004-late-proposal/")).text();
      check(html.includes('<span class="status status-overdue">Overdue</span>'), "the static page does not say the proposal is overdue");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("your queue on a phone: the picker, the queue and the overdue badge fit", async () => {
    const server = await start();
    const { page, problems, context } = await openPage(browser, { width: 390, height: 844, dpr: 3, mobile: true });
    try {
      await page.goto(server.url + "/?for=ana");
      await ready(page);
      await until(page, () => document.querySelector("main .logbook-lists h2")?.textContent === "Your queue", null, "the queue");
      await page.waitForTimeout(150);
      await shot(page, "queue-phone");
      await page.evaluate(() => window.logbook.open("/decisions/"));
      await until(page, () => window.logbook.state().path === "/decisions/" && window.logbook.state().ready, null, "the log");
      await page.waitForTimeout(150);
      await shot(page, "queue-phone-decision-log");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("search palette: filter values are suggested as you type; Tab and Enter complete them", async () => {
    const server = await start();
    const { page, problems, context } = await openPage(browser, { width: 1366, height: 860 });
    try {
      await page.goto(server.url + "/");
      await ready(page);
      await page.keyboard.press("/");
      await until(page, () => window.logbook.state().searchOpen, null, "the palette");
      await page.keyboard.type("sta", { delay: 20 });
      await page.waitForTimeout(100);
      check((await find(page, "status:")).href === "action:suggestion", "no status: suggestion");
      await page.keyboard.press("Tab");
      await page.keyboard.type("pro", { delay: 20 });
      await page.waitForTimeout(100);
      await find(page, "status:proposed");
      await shot(page, "search-filter-suggestions");
      await page.keyboard.press("Enter");  // completes; the palette stays open
      await page.waitForTimeout(150);
      await page.keyboard.type("ado", { delay: 20 });
      await until(page, () => window.logbook.state().searchResults === 1, null, "one proposal matching 'ado'");
      check((await state(page)).searchOpen, "Enter closed the palette instead of completing");
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("home: proposals by deadline and pages past review; changes since the last visit until 'Mark all as read'", async () => {
    const server = await start();
    const { url } = server;
    try {
    for (const [label, view] of [["desktop", { width: 1366, height: 860, colorScheme: "dark" }], ["phone", { width: 390, height: 844, dpr: 3, mobile: true }]]) {
      writeContent(join(tmp, "content"));
      build();
      const { page, problems, context } = await openPage(browser, view);
      try {
        await page.goto(url + "/");
        await ready(page);
        await page.waitForTimeout(100);
        const home = await links(page);
        const late = home.find((l) => l.text === "ADR-0004  Late proposal"), soon = home.find((l) => l.text === "ADR-0002  Adopt a proposal");
        check(late && soon && late.y < soon.y, `the overdue proposal first: ${home.map((l) => l.text).join(" | ")}`);
        check(home.some((l) => l.text === "Guide"), "the guide is past its review date");
        check(!home.some((l) => l.text === "Mark all as read"), "a first visit shows changes");
        await shot(page, `home-${label}-first-visit`);
        // The first deployment's offline copy must be installed and in control before the
        // second deployment, or there is no copy for the new version to be offered over
        // (on a busy machine the reload below came first, and the test timed out).
        await page.evaluate(() => navigator.serviceWorker.ready);
        await until(page, () => !!navigator.serviceWorker.controller, null, "the offline copy controls the page");

        writeContent(join(tmp, "content"), { changed: true });
        build();
        // The offline copy keeps the first deployment until the reader takes the new one.
        await page.reload();
        await ready(page);
        await page.waitForSelector(".logbook-update", { timeout: 20000 });
        await Promise.all([page.waitForNavigation(), page.click(".logbook-update button")]);
        await ready(page);
        await page.waitForTimeout(100);
        await find(page, "Meeting notes");
        await find(page, "Use the new way");
        await shot(page, `home-${label}-changed`);
        await click(page, await find(page, "Use the new way"));
        await until(page, () => window.logbook.state().path === "/decisions/0003-new-way/", null, "the changed record");
        await page.waitForTimeout(100);
        await shot(page, `home-${label}-changed-page`);
        await page.evaluate(() => window.logbook.open("/"));
        await until(page, () => window.logbook.state().path === "/" && window.logbook.state().ready, null, "home again");
        await page.waitForTimeout(100);
        check((await links(page)).some((l) => l.text === "Use the new way"), "a changed page opened is no longer listed before it is marked read");
        await click(page, await find(page, "Use the new way"));
        await until(page, () => window.logbook.links().some((l) => l.text === "Mark as read"), null, "the changed record's notice");
        await click(page, await find(page, "Mark as read"));
        check(!(await links(page)).some((l) => l.text === "Mark as read"), `Mark as read left the notice: ${(await links(page)).map((l) => l.text).join(" | ")}`);
        await page.evaluate(() => window.logbook.open("/"));
        await until(page, () => window.logbook.state().path === "/" && window.logbook.state().ready, null, "home again");
        await page.waitForTimeout(100);
        check(!(await links(page)).some((l) => l.text === "Use the new way"), "a page marked read is still listed as changed");
        await click(page, await find(page, "Mark all as read"));
        await page.waitForTimeout(100);
        check(!(await links(page)).some((l) => l.text === "Meeting notes" || l.text === "Mark all as read"), "mark all as read left changes listed");
        await page.reload();
        await ready(page);
        await page.waitForTimeout(100);
        check(!(await links(page)).some((l) => l.text === "Mark all as read"), "mark all as read was not remembered");
        check(problems.length === 0, problems.join("\n"));
      } finally {
        await context.close();
      }
    }
    } finally {
      await server.close();
    }
  });
}
