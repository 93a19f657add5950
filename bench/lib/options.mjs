// What every browser benchmark reads from its command line: where the repository is, the
// `logbook` command and the built app (--logbook PATH, --app-dir DIR), and its own
// options by name (opt("--runs", "5")).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const args = process.argv.slice(2);
export const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
export const logbook = resolve(opt("--logbook", join(repo, "build/native/src/cli/logbook")));
export const appDir = resolve(opt("--app-dir", join(repo, "build/wasm/wasm/app")));
