// `logbook build` for the tests. Content with deliberate mistakes (the Markdown tour's
// broken image, hostile pages) is built and written all the same; the build then exits
// with 1, as `logbook check` does. A build that wrote nothing fails the test run.
import { spawnSync } from "node:child_process";

export function buildSite(logbook, args) {
  const r = spawnSync(logbook, ["build", ...args], { encoding: "utf8" });
  if (r.status === 0 || (r.status === 1 && /^Built \d+ pages? in .* -> /m.test(r.stderr))) return r.stderr;
  throw new Error(`logbook build ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
}
