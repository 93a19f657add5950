// The npm packages of tests/browser (package.json: playwright-core for the browser tests,
// axe-core for their accessibility checks, ESLint for lint.mjs), installed with `npm ci` from package-lock.json on first use, so
// a fresh clone needs no step of its own.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function installDependencies(dir) {
  const wanted = Object.keys(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies);
  const missing = wanted.filter((name) => !existsSync(join(dir, "node_modules", name, "package.json")));
  if (!missing.length) return;
  console.log(`tests/browser: installing ${missing.join(", ")} (npm ci)...`);
  try { execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" }); }
  catch { throw new Error("npm ci failed in tests/browser; check that the npm registry is reachable"); }
}
