// A tiny static server with GitHub Pages' rules: /dir/ serves dir/index.html, /dir
// redirects to /dir/, a missing file gets 404.html with status 404. It counts the bytes
// it sends (gzip-compressed when the browser accepts it, as GitHub Pages does), so the
// benchmark can tell what was transferred before the first page was drawn.
// Options for other hosts: `range: true` answers a Range request with 206 and the bytes
// uncompressed, and sends binary files uncompressed (as hosts that honour ranges do),
// where GitHub Pages gzips them and ignores Range;
// `delay: ms` holds every response that long (a slow network).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".md": "text/markdown; charset=utf-8", ".wasm": "application/wasm",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".xml": "application/xml",
  ".otf": "font/otf", ".ttf": "font/ttf", ".db": "application/octet-stream", ".bin": "application/octet-stream", ".txt": "text/plain",
};
const compressible = /^(text\/|application\/(json|wasm|xml|octet-stream)|font\/|image\/svg)/;

export async function serve(root, { base = "", port = 0, range = false, delay = 0 } = {}) {
  const log = [];
  const cache = new Map();
  const server = createServer(async (req, res) => {
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const url = new URL(req.url, "http://x");
    let path = decodeURIComponent(url.pathname);
    if (base && !path.startsWith(base + "/") && path !== base) return send(res, 404, "text/plain", Buffer.from("not under base"), req);
    path = path.slice(base.length) || "/";
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) return send(res, 403, "text/plain", Buffer.from("no"), req);
    try {
      let s = await stat(file);
      if (s.isDirectory()) {
        if (!path.endsWith("/")) { res.writeHead(301, { Location: base + path + "/" + url.search }); return res.end(); }
        file = join(file, "index.html");
        s = await stat(file);
      }
      return send(res, 200, types[extname(file)] || "application/octet-stream", await readFile(file), req, file);
    } catch {
      let body = Buffer.from("Not found");
      try { body = await readFile(join(root, "404.html")); } catch { /* the site has no 404 page */ }
      return send(res, 404, "text/html; charset=utf-8", body, req);
    }
  });
  function send(res, status, type, body, req, file) {
    const headers = { "Content-Type": type, "Cache-Control": "max-age=600" };
    let out = body;
    const ranged = range && status === 200 && /^bytes=(\d+)-(\d*)$/.exec(req.headers.range || "");
    if (ranged) {
      const from = +ranged[1], to = Math.min(ranged[2] ? +ranged[2] : body.length - 1, body.length - 1);
      out = body.subarray(from, to + 1);
      headers["Content-Range"] = `bytes ${from}-${to}/${body.length}`;
      headers["Accept-Ranges"] = "bytes";
      status = 206;
    } else if (compressible.test(type) && !(range && /octet-stream/.test(type)) && /\bgzip\b/.test(req.headers["accept-encoding"] || "") && body.length > 256) {
      // Keyed by content too: a rebuilt site (a new deployment) must not get old bytes.
      const key = file ? file + ":" + createHash("sha1").update(body).digest("hex") : null;
      out = key && cache.has(key) ? cache.get(key) : gzipSync(body, { level: 6 });
      if (key) cache.set(key, out);
      headers["Content-Encoding"] = "gzip";
    }
    headers["Content-Length"] = out.length;
    res.writeHead(status, headers);
    res.end(out);
    log.push({ url: req.url, status, bytes: out.length, raw: body.length, at: performance.now() });
  }
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  const { port: actual } = server.address();
  return { url: `http://127.0.0.1:${actual}${base}`, log, close: () => new Promise((r) => server.close(r)) };
}
