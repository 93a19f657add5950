// Debian's Chromium driven by playwright-core: never a downloaded browser.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.LOGBOOK_CHROMIUM || "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist", ...(process.env.LOGBOOK_CHROMIUM_FLAGS || "").split(" ").filter(Boolean)],
  });
}

// A page that records console errors and failed requests, for "the console stays clean".
// serviceWorkers: "block" for a test of the network alone, without the offline copy.
// bypassCSP: for a test that injects a script of its own (axe-core), which the pages' CSP forbids.
export async function openPage(browser, { width = 1366, height = 860, dpr = 1, mobile = false, colorScheme = "light", serviceWorkers = "allow",
                                          bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, isMobile: mobile,
                                             hasTouch: mobile, colorScheme, serviceWorkers, bypassCSP });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => {});
  const page = await context.newPage();
  const problems = [];
  // The browser asks for /favicon.ico by itself, and the fixture links a missing image on purpose.
  const expected = (url) => /favicon\.ico$|missing\.png$/.test(url || "");
  page.on("console", (m) => {
    if (m.type() === "error" && !expected(m.location()?.url)) problems.push(`console error: ${m.text()} (${m.location()?.url || ""})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // ERR_ABORTED is a request the page itself dropped, as a reload does to the search
  // worker's downloads; a missing or broken file fails with another error (or a status).
  page.on("requestfailed", (r) => {
    if (!expected(r.url()) && r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return { context, page, problems };
}
