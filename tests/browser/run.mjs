// The browser tests: node tests/browser/run.mjs --logbook PATH --app-dir DIR
// Builds the fixture site and content/ with the real `logbook build`, serves them the
// way GitHub Pages does, and drives the app in Debian's Chromium. Installs its npm
// dependencies (npm ci) on first run. Fails, never skips, when something is missing.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installDependencies } from "./lib/deps.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const repo = resolve(here, "../..");
const logbook = resolve(opt("--logbook", join(repo, "build/native/src/cli/logbook")));
const appDir = resolve(opt("--app-dir", process.env.LOGBOOK_APP_DIR || join(repo, "build/wasm/wasm/app")));
const only = opt("--only", "");

function fail(message) {
  console.error(`browser tests: ${message}`);
  process.exit(1);
}
if (!existsSync(logbook)) fail(`the logbook command is not at ${logbook}; build it with: cmake --preset native && cmake --build --preset native`);
for (const f of ["boot.js", "logbook.js", "logbook.wasm", "search-core.wasm", "search-worker.js"])
  if (!existsSync(join(appDir, f)))
    fail(`the wasm app has not been built (${join(appDir, f)} is missing); build it with: cmake --preset wasm && cmake --build --preset wasm, or pass --app-dir`);
const chromium = process.env.LOGBOOK_CHROMIUM || "/usr/bin/chromium";
if (!existsSync(chromium)) fail(`Chromium is not at ${chromium}; install it with: apt-get install -y chromium`);
try { installDependencies(here); } catch (e) { fail(e.message); }

// Every site the tests build, and Chromium's profiles, go into one folder of this run's,
// removed at the end (os.tmpdir() follows TMPDIR): a run leaves nothing behind.
const runTmp = mkdtempSync(join(tmpdir(), "logbook-browser-run-"));
process.env.TMPDIR = runTmp;
const { runSuite } = await import("./suite.mjs");
const failures = await runSuite({ logbook, appDir, repo, artifacts: join(here, "artifacts"), only });
rmSync(runTmp, { recursive: true, force: true });
if (failures) {
  console.error(`browser tests: ${failures} failed`);
  process.exit(1);
}
console.log("browser tests: all passed");
// Every test closes what it opened; should one not, the run still ends here rather than
// waiting for ctest's time limit.
process.exit(0);
