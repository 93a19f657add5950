// Development aid: node shot.mjs SITE_DIR PATH OUT.png [width height dpr]
import { serve } from "./lib/server.mjs";
import { launch, openPage } from "./lib/browser.mjs";
const [root, path = "/", out = "artifacts/shot.png", w = "1366", h = "860", dpr = "1", scheme = "light"] = process.argv.slice(2);
const server = await serve(root);
const browser = await launch();
const { page, problems } = await openPage(browser, { width: +w, height: +h, dpr: +dpr, mobile: +w < 700, colorScheme: scheme });
page.on("console", (m) => console.log("console:", m.type(), m.text()));
await page.goto(server.url + path);
await page.waitForFunction(() => window.logbook && window.logbook.ready, null, { timeout: 15000 });
await page.evaluate(() => window.logbook.ready);
await page.waitForTimeout(300);
await page.screenshot({ path: out });
console.log(JSON.stringify(await page.evaluate(() => window.logbook.state())), problems);
await browser.close();
await server.close();
