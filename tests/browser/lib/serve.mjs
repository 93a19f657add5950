// `logbook serve` for the tests, on a free port: resolves once it says it is serving, with
// its address, its terminal output so far, and stop(). A port is picked below Linux's
// ephemeral range (32768 and up), where the browser's and other tests' own connections
// take theirs; if another process holds it anyway, the next of a few tries takes another.
import { spawn } from "node:child_process";

function once(logbook, args, port) {
  const child = spawn(logbook, ["serve", ...args, "--port", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => {
      log += d;
      if (/Serving /.test(log)) resolve({ url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM"), log: () => log });
    });
    child.on("exit", (code) => reject(Object.assign(new Error(`logbook serve exited with ${code}: ${log}`), { busy: /cannot listen/.test(log) })));
  });
}

export async function startServe(logbook, args) {
  for (let attempt = 1; ; ++attempt) {
    try {
      return await once(logbook, args, 20000 + Math.floor(Math.random() * 12000));
    } catch (e) {
      if (!e.busy || attempt === 5) throw e;
    }
  }
}
