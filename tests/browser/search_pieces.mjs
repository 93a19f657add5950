// Search over the database's content-addressed pieces (ADR-0009), as a reader meets it:
// the worker's answers equal `logbook search --json` on hosts that honour Range, that gzip
// and ignore it (GitHub Pages) and that are slow; a deployment published between two
// reads is taken whole, never mixed with the old one; a missing piece is said, not waited on.
// The service worker is blocked here: these are the network's cases, not the offline copy's.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage } from "./lib/browser.mjs";
import { serve } from "./lib/server.mjs";
import { buildSite } from "./lib/build.mjs";

// Made-up words, the first ones the most frequent (as in prose), from a fixed seed.
const syllables = ["ka", "lo", "mi", "ten", "dor", "vi", "sup", "ra", "nel", "pho", "qua", "zi", "bre", "gun"];
const word = (i) => { let w = ""; do { w += syllables[i % 14]; i = Math.floor(i / 14); } while (i > 0); return w + "x"; };

// A site large enough that a query reads a few of its pieces: `pages` pages of ~300 words.
export function writeCorpus(dir, pages, seed) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = () => word(Math.floor(2500 * rand() ** 3));
  const words = (n) => Array.from({ length: n }, pick).join(" ");
  writeFileSync(join(dir, "index.md"), "# Corpus\n\nThe home page.\n");
  for (let p = 0; p < pages; ++p)
    writeFileSync(join(dir, `page-${p}.md`), `# ${words(4)} ${p}\n\n${words(100)}.\n\n## ${words(3)}\n\n${words(100)}.\n\n${words(100)}.\n`);
}

// The queries of the comparison: frequent, middling and rare words, two words, a prefix,
// a phrase, an exclusion, and nothing found.
export const spread = [word(0), word(40), word(900), `${word(3)} ${word(70)}`, word(55).slice(0, 4), `"${word(0)} ${word(1)}"`,
                       `${word(2)} -${word(5)}`, "qqqnothing"];

export function cliSearch(logbook, site, query) {
  const out = execFileSync(logbook, ["search", "--json", "-n", "20", site, query], { encoding: "utf8" });
  const plain = (s) => s.replace(/<\/?mark>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
    .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return JSON.parse(out).map((h) => ({ path: h.path, url: h.url, title: h.title, snippet: plain(h.snippet),
    ...(h.missing ? { missing: h.missing } : {}), ...(h.corrected ? { corrected: h.corrected } : {}) }));
}

// Which pieces `logbook search --stats` reads for a query (the same engine and read-ahead
// as the worker's); --stats writes them to stderr.
function stats(logbook, site, query) {
  const r = spawnSync(logbook, ["search", "--stats", "-n", "20", site, query], { encoding: "utf8" });
  return (/: ([\d ]+)$/m.exec(r.stderr) || ["", ""])[1].split(" ").filter(Boolean).map(Number);
}

const listOf = (site) => JSON.parse(readFileSync(join(site, JSON.parse(readFileSync(join(site, "manifest.json"), "utf8")).search.list), "utf8"));

export function searchPiecesTests({ test, check, ready, until, browser, logbook, appDir }) {
  const tmp = mkdtempSync(join(tmpdir(), "logbook-pieces-"));
  const build = (content, site) => buildSite(logbook, [content, "-o", site, "--app-dir", appDir]);
  const open = async (server) => {
    const opened = await openPage(browser, { width: 1366, height: 860, serviceWorkers: "block" });
    await opened.page.goto(server.url + "/");
    await ready(opened.page);
    return opened;
  };
  const search = (page, q) => page.evaluate((x) => window.logbook.search(x), q);
  // render_snippet (the CLI's) shows a line break in a snippet as the space the palette draws.
  const flat = (hits) => hits.map((h) => ({ ...h, snippet: h.snippet.replace(/\n/g, " ") }));
  const same = (a, b) => JSON.stringify(flat(a)) === JSON.stringify(flat(b));
  // The 400-page site most tests read, built by the first that needs it.
  const spreadSite = () => {
    const content = join(tmp, "spread"), site = join(tmp, "spread-site");
    if (!readdirSync(tmp).includes("spread-site")) { writeCorpus(content, 400, 7); build(content, site); }
    return site;
  };

  for (const [host, options] of [["honours Range", { range: true }], ["gzips and ignores Range", {}], ["answers after 150 ms", { delay: 150 }]]) {
    test(`search pieces: the worker's answers equal logbook search --json on a host that ${host}`, async () => {
      const site = spreadSite();
      const server = await serve(site, options);
      const { page, problems, context } = await open(server);
      try {
        for (const q of spread) {
          const got = await search(page, q), want = cliSearch(logbook, site, q);
          check(same(got, want), `"${q}": the worker answered\n${JSON.stringify(got).slice(0, 600)}\nlogbook search answered\n${JSON.stringify(want).slice(0, 600)}`);
        }
        check(!server.log.some((r) => /search\.db$/.test(r.url)), "the worker still asked for search.db");
        check(problems.length === 0, problems.join("\n"));
      } finally {
        await context.close();
        await server.close();
      }
    });
  }

  test("search pieces: keystrokes typed while a query waits for its pieces are no burst: the last runs at once after it", async () => {
    const site = spreadSite();
    const server = await serve(site, { delay: 300 });  // each piece a query reads takes longer than the typing below
    const { page, problems, context } = await open(server);
    try {
      await page.waitForFunction(() => window.logbook.searchReady(), null, { timeout: 10000 });
      await page.keyboard.press("/");
      await until(page, () => window.logbook.state().searchOpen, null, "the search palette");
      // "dor" arrives whole and runs at once; the next letters come 40 ms apart (a reader's
      // pace, no burst) while it waits for its pieces, and reach the worker together after it.
      const q = word(900);
      await page.keyboard.insertText(q.slice(0, 3));
      await page.keyboard.type(q.slice(3), { delay: 40 });
      await until(page, (q) => window.logbook.searchTrace().some((t) => JSON.parse(t.request).query === q), q, "the last query's answer");
      const trace = await page.evaluate(() => window.logbook.searchTrace());
      const last = trace.find((t) => JSON.parse(t.request).query === q), before = trace.filter((t) => t !== last);
      check(before.some((t) => t.started < last.sent && last.sent < t.done), `the last keystroke did not come while a query ran: ${JSON.stringify(trace)}`);
      check(last.started - last.received < 20, `the last query waited ${Math.round(last.started - last.received)} ms after the one before it was done`);
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("search pieces: a two-letter query waits for the next keystroke while the engine is cold, and not once its pieces are at hand", async () => {
    const site = spreadSite();
    const server = await serve(site);
    const { page, problems, context } = await open(server);
    try {
      await page.waitForFunction(() => window.logbook.searchReady(), null, { timeout: 10000 });
      await page.keyboard.press("/");
      await until(page, () => window.logbook.state().searchOpen, null, "the search palette");
      // Replaces the query with q and waits for its n-th answer: how long that one waited
      // between being sent and being started.
      const typeAlone = async (q, n) => {
        await page.keyboard.press("Control+A");
        await page.keyboard.insertText(q);
        await until(page, ({ q, n }) => window.logbook.searchTrace().filter((t) => JSON.parse(t.request).query.trim() === q).length >= n,
                    { q, n }, `the answer to "${q}"`);
        const trace = await page.evaluate(() => window.logbook.searchTrace());
        const t = trace.filter((t) => JSON.parse(t.request).query.trim() === q).pop();
        return t.started - t.sent;
      };
      const q = word(0).slice(0, 2), longer = word(0);
      const cold = await typeAlone(q, 1);  // the first query: its pieces are fetched
      check(cold >= 39, `the cold two-letter query waited only ${Math.round(cold)} ms for a next keystroke`);
      // Back and forth until both are answered from the pieces at hand.
      await typeAlone(longer, 1);
      await typeAlone(q, 2);
      await typeAlone(longer, 2);
      const warm = await typeAlone(q, 3);
      check(warm < 38, `a two-letter query whose pieces are at hand still waited ${Math.round(warm)} ms`);
      check(problems.length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("search pieces: a deployment between two reads is taken whole: new list, same query answered again, the app told", async () => {
    const content = join(tmp, "deploy"), site = join(tmp, "deploy-site");
    writeCorpus(content, 400, 11);
    build(content, site);
    const first = word(0), opening = new Set(listOf(site).opening), read = new Set([...stats(logbook, site, first), ...opening]);
    // A query whose pieces the first one did not read (nor read ahead), so it must fetch pieces of the old list.
    const near = (i) => [...read].some((r) => Math.abs(r - i) <= 4);
    const second = spread.concat([word(300), word(600), word(1200)]).find((q) => stats(logbook, site, q).filter((i) => !near(i)).length >= 1);
    check(second, "no query reads pieces the first one does not");
    const server = await serve(site);
    const { page, problems, context } = await open(server);
    try {
      check(same(await search(page, first), cliSearch(logbook, site, first)), "the first answer differs from logbook search");
      check(!(await page.evaluate(() => window.logbook.searchRedeployed())), "a redeployment was seen before there was one");
      writeCorpus(content, 400, 12);  // every piece changes, and the old ones are deleted
      build(content, site);
      const got = await search(page, second);
      check(same(got, cliSearch(logbook, site, second)), `"${second}" after the deployment: ${JSON.stringify(got).slice(0, 400)}; ${JSON.stringify(server.log.filter((r) => r.status === 404 || /search|manifest/.test(r.url)).map((r) => r.url + " " + r.status))}`);
      check(await page.evaluate(() => window.logbook.searchRedeployed()), "the app was not told of the new deployment");
      check(same(await search(page, first), cliSearch(logbook, site, first)), "the first query, asked again, mixes the two deployments");
      check(problems.filter((p) => !/404/.test(p)).length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("search pieces: a page loaded before a deployment searches the new one (its list is gone)", async () => {
    const content = join(tmp, "stale"), site = join(tmp, "stale-site");
    writeCorpus(content, 60, 21);
    build(content, site);
    const server = await serve(site);
    const { page, problems, context } = await open(server);
    try {
      writeCorpus(content, 60, 22);
      build(content, site);
      const q = word(1);
      check(same(await search(page, q), cliSearch(logbook, site, q)), "the answer is not the new deployment's");
      check(await page.evaluate(() => window.logbook.searchRedeployed()), "the app was not told of the new deployment");
      check(problems.filter((p) => !/404/.test(p)).length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("search pieces: a piece missing on the server is said in the palette, naming it, not waited on", async () => {
    const content = join(tmp, "broken"), site = join(tmp, "broken-site");
    writeCorpus(content, 400, 31);
    build(content, site);
    const list = listOf(site), opening = new Set(list.opening);
    const q = word(0), lost = stats(logbook, site, q).find((i) => !opening.has(i));
    check(lost !== undefined, `"${q}" reads only opening pieces`);
    rmSync(join(site, "search", list.pieces[lost] + ".bin"));
    const server = await serve(site);
    const { page, problems, context } = await open(server);
    try {
      await page.keyboard.press("/");
      await until(page, () => window.logbook.state().searchOpen, null, "the search palette");
      await page.keyboard.type(q, { delay: 20 });
      await until(page, (name) => window.logbook.state().searchError.includes(name), list.pieces[lost], "the palette to name the missing piece");
      const e = await search(page, q).then(() => "", (x) => x.message);
      check(/missing on the server/.test(e) && /logbook build/.test(e), `window.logbook.search said: ${e}`);
      check(problems.filter((p) => !/404/.test(p)).length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("search pieces: offline, a query needing pieces never read says so, and searches again once online", async () => {
    const content = join(tmp, "offline"), site = join(tmp, "offline-site");
    writeCorpus(content, 60, 41);
    build(content, site);
    const server = await serve(site);
    const { page, problems, context } = await open(server);
    try {
      await page.waitForFunction(() => window.logbook.searchReady(), null, { timeout: 10000 });  // the engine, not the pieces
      // A search online first: the engine is open when the network goes. A failure to fetch
      // a piece offline must not outlive the outage (it once did, until a reload).
      check(same(await search(page, word(2400)), cliSearch(logbook, site, word(2400))), "online, the answer differs from logbook search");
      await context.setOffline(true);
      const q = word(2);
      const e = await search(page, q).then(() => "", (x) => x.message);
      check(/could not reach/.test(e) && /offline/.test(e), `offline, window.logbook.search said: ${e}`);
      await context.setOffline(false);
      check(same(await search(page, q), cliSearch(logbook, site, q)), "online again, the answer differs from logbook search");
      check(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)).length === 0, problems.join("\n"));
    } finally {
      await context.close();
      await server.close();
    }
  });
}
