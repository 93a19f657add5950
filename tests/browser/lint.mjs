// The JavaScript linter: node tests/browser/lint.mjs (ctest js_lint). Runs ESLint with
// eslint.config.js over the reader's glue, the site's shell, the browser tests and the
// benchmarks, after checking the project's own rule (lib/eslint-emscripten.mjs);
// installs ESLint (npm ci) on first run. Exits 1 when anything is reported.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installDependencies } from "./lib/deps.mjs";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`js lint: ESLint needs Node.js 20.19 or newer, and this is ${process.versions.node}; install a newer Node.js (e.g. NodeSource's).`);
  process.exit(1);
}
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
try { installDependencies(here); } catch (e) {
  console.error(`js lint: ${e.message}`);
  process.exit(1);
}

await import("./lib/eslint-emscripten.test.mjs");  // the project's own rule holds
const { ESLint } = await import("eslint");
const eslint = new ESLint({ cwd: repo, overrideConfigFile: resolve(here, "eslint.config.js"), errorOnUnmatchedPattern: true });
const results = await eslint.lintFiles(["wasm/*.js", "site/*.js", "tests/browser/**/*.mjs", "tests/browser/*.js", "bench/**/*.mjs"]);
const report = (await eslint.loadFormatter("stylish")).format(results);
if (report) console.log(report);
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
if (problems) {
  console.error(`js lint: ${problems} problem(s); fix them, or disable a rule on the line with a comment saying why`);
  process.exit(1);
}
console.log(`js lint: ${results.length} files clean`);
