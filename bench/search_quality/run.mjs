// The judged query set (queries.json) against Logbook (`logbook search --json`) and
// Pagefind 1.6.0 in Chromium, on the same pages: hits in the top 3, by kind of query,
// for the tuning set and the held-out third apart.
//
//   python3 bench/search_quality/fetch_corpus.py /tmp/search-quality
//   node bench/search_quality/run.mjs /tmp/search-quality --logbook build/native/src/cli/logbook --label after
//   node bench/search_quality/run.mjs /tmp/search-quality --logbook OLD/logbook --label before
//   node bench/search_quality/run.mjs /tmp/search-quality --pagefind /tmp/anchors/pf/node_modules/.bin/pagefind
//   node bench/search_quality/run.mjs /tmp/search-quality --report before after pagefind
//
// Pagefind indexes a copy of Logbook's static pages with data-pagefind-body on the
// article (so navigation is not indexed) and the corpus' language on <html> (its CJK
// segmentation follows it). Results go to DIR/results-LABEL.json.
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const dir = args[0];
const option = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : null);
const queries = JSON.parse(fs.readFileSync(path.join(here, "queries.json"), "utf8")).queries;
const corpora = { npm: "en", ja: "ja" };

// A hit's URL as the page names in queries.json: "/man1/ln/" -> "man1/ln".
const pageOf = (url) => decodeURIComponent(url).replace(/^\/|\/(index\.html)?$/g, "");

function buildSite(logbook, corpus, label) {
  const site = path.join(dir, `site-${corpus}-${label}`);
  if (!fs.existsSync(path.join(site, "manifest.json")))
    execFileSync(logbook, ["build", path.join(dir, corpus, "content"), "-o", site], { stdio: "ignore" });
  return site;
}

function runLogbook(logbook, label) {
  const sites = Object.fromEntries(Object.keys(corpora).map((c) => [c, buildSite(logbook, c, label)]));
  return queries.map((q) => {
    const out = execFileSync(logbook, ["search", sites[q.corpus], "--json", "-n", "3", q.q], { encoding: "utf8" });
    const hits = JSON.parse(out);
    return { top: hits.map((h) => h.path.replace(/\.md$/, "")), corrected: hits[0]?.corrected ?? "" };
  });
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

// A copy of the static pages for Pagefind: the article is the body, the language the corpus'.
function pagefindSite(pagefind, corpus) {
  const copy = path.join(dir, `pagefind-${corpus}`);
  if (fs.existsSync(path.join(copy, "pagefind"))) return copy;
  const site = fs.readdirSync(dir).find((d) => d.startsWith(`site-${corpus}-`));
  fs.cpSync(path.join(dir, site), copy, { recursive: true });
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name === "index.html") {
      const html = fs.readFileSync(p, "utf8").replace('<html lang="en">', `<html lang="${corpora[corpus]}">`)
        .replace('<article class="doc">', '<article class="doc" data-pagefind-body>');
      fs.writeFileSync(p, html);
    }
  });
  walk(copy);
  execFileSync(pagefind, ["--site", copy], { stdio: "ignore" });
  return copy;
}

async function runPagefind(pagefind) {
  const require = createRequire(path.join(here, "../../tests/browser/node_modules/"));
  const { chromium } = require("playwright-core");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox"] });
  const results = [];
  try {
    for (const corpus of Object.keys(corpora)) {
      const site = pagefindSite(pagefind, corpus);
      const port = await freePort();
      const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "-d", site], { stdio: "ignore" });
      const page = await browser.newPage();
      for (let i = 0; i < 50; i++) {
        try { await page.goto(`http://127.0.0.1:${port}/404.html`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
      }
      for (const [i, q] of queries.entries()) {
        if (q.corpus !== corpus) continue;
        const urls = await page.evaluate(async (text) => {
          const pf = await import("/pagefind/pagefind.js");
          const r = await pf.search(text);
          return Promise.all(r.results.slice(0, 3).map(async (x) => (await x.data()).url));
        }, q.q);
        results[i] = { top: urls.map(pageOf), corrected: "" };
      }
      await page.close();
      server.kill();
    }
  } finally {
    await browser.close();
  }
  return results;
}

function found(q, r) { return r.top.some((p) => q.right.includes(p)); }

function report(labels) {
  const runs = labels.map((l) => JSON.parse(fs.readFileSync(path.join(dir, `results-${l}.json`), "utf8")));
  const kinds = [...new Set(queries.map((q) => q.kind))];
  const row = (name, pick) => {
    const idx = queries.map((q, i) => i).filter((i) => pick(queries[i]));
    return `| ${name} (${idx.length}) | ` + runs.map((r) => idx.filter((i) => found(queries[i], r[i])).length).join(" | ") + " |";
  };
  console.log(`| queries: hits in the top 3 | ${labels.join(" | ")} |\n|---|${labels.map(() => "---:").join("|")}|`);
  for (const k of kinds) console.log(row(k, (q) => q.kind === k));
  console.log(row("tuning set", (q) => !q.heldout));
  console.log(row("held-out third", (q) => q.heldout));
  console.log(row("all", () => true));
  console.log("\nper query (top 3; * = a right page):");
  queries.forEach((q, i) => console.log(`${q.heldout ? "H" : " "} ${q.q} :: ` + runs.map((r, j) =>
    `${labels[j]}: ${r[i].top.map((p) => (q.right.includes(p) ? "*" : "") + p).join(", ") || "-"}${r[i].corrected ? ` (as "${r[i].corrected.trim()}")` : ""}`).join(" | ")));
}

if (args.includes("--report")) {
  report(args.slice(args.indexOf("--report") + 1));
} else {
  const label = option("--label") || (option("--pagefind") ? "pagefind" : "logbook");
  const results = option("--pagefind") ? await runPagefind(option("--pagefind")) : runLogbook(option("--logbook"), label);
  fs.writeFileSync(path.join(dir, `results-${label}.json`), JSON.stringify(results, null, 1));
  console.log(`${label}: ${queries.filter((q, i) => found(q, results[i])).length} of ${queries.length} queries with a right page in the top 3`);
}
