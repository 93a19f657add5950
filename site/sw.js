// Logbook's service worker: an offline copy of the site that a new deployment updates by
// difference.
//
// `logbook build` writes this file with BUILD set to the deployment's hash (manifest.json
// "build"), so every deployment changes this file and the browser installs the new
// worker beside the old one. Its list is offline.json (src/cli/offline_list.hpp): every
// file with its size and hash, the shell apart, the rest in content-addressed parts.
//
// - Install caches the shell (the app, its fonts, the manifest, the home page), and every
//   file the reader already had from the previous deployment: copied when its hash is
//   unchanged, downloaded when it changed, dropped when it is gone. Downloads ask the HTTP
//   cache first (the page has just fetched most of them: a first visit downloads nothing
//   twice) and are checked against offline.json's hash, refetched past the cache if stale.
// - The new worker takes over only when the reader asks (loader.js shows "a new version is
//   available"): a page never mixes one deployment's app with another's database.
// - Pages, content files and search data are cached as they are read. Files whose name
//   holds their hash (`<stem>.<16 hex>.<ext>`: search pieces, manifest and offline.json
//   parts) live in one cache shared by deployments, never revalidated; on activation
//   those the new deployment no longer lists are deleted.
// - "logbook-read" holds, per page, the Markdown the reader last read (the app writes it,
//   wasm/web_platform.js): a changed page is compared with it to mark what changed. It is
//   the reader's, never a deployment's: kept across deployments, never listed or evicted.
// - The whole site is copied in the background, in batches, when it is at most
//   offline.json's "budget" bytes, or when the reader asks ("Make available offline").
//
// Messages in: {type: "status"}, {type: "copy"} (the reader asks for the whole site),
// {type: "keep", urls} (what the page fetched before this worker controlled it),
// {type: "activate"}. Out: {type: "offline-status", state: "partial" | "downloading" |
// "complete", done, total, auto} (bytes; auto: the whole copy starts by itself).
// Requests with ?fresh and under /_logbook/ always go to the network.
"use strict";
const BUILD = "__LOGBOOK_BUILD__";
const CACHE = "logbook-" + BUILD;      // this deployment's files
const SHARED = "logbook-addressed";    // files named by their hash, for every deployment
const WISHES = "logbook-wishes";       // what the reader asked for, kept across deployments
const READ = "logbook-read";           // the pages as the reader last read them (see above)
const HASH = "X-Logbook-Hash";         // each cached file's hash, to compare with the next list
const scope = self.registration.scope;  // ends with "/"
const scopePath = new URL(scope).pathname;
const WHOLE = scope + "_logbook/whole-copy";  // in CACHE once every listed file is cached
const WISH = scope + "_logbook/wish";         // in WISHES once the reader asked for the whole site

const isAddressed = (path) => /(^|[/.])[0-9a-f]{16}\.[a-z0-9]+$/.test(path);
const keyOf = (path) => new URL(path.replace(/[%#?]/g, encodeURIComponent).replace(/(^|\/)index\.html$/, "$1"), scope).href;
function pathOf(key) {
  const path = decodeURIComponent(new URL(key).pathname.slice(scopePath.length));
  return path === "" || path.endsWith("/") ? path + "index.html" : path;
}
const cacheFor = (path) => caches.open(isAddressed(path) ? SHARED : CACHE);

async function shortSha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

// The part of offline.json that lists a path: 32-bit FNV-1a of its UTF-8 bytes
// (offline_bucket in src/cli/offline_list.cpp).
function bucket(path) {
  let h = 2166136261;
  for (const b of new TextEncoder().encode(path)) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h;
}

// A response as the caches keep it: its bytes, with their hash in a header.
async function stamped(response, bytes, hash) {
  const headers = new Headers(response.headers);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  headers.set(HASH, hash || await shortSha256(bytes));
  return new Response(bytes, { status: 200, statusText: "OK", headers });
}

// A file of this deployment, from the HTTP cache when it is fresh there, checked against
// its hash ("" when unknown); past the HTTP cache when that held another version.
async function download(path, hash, mode = "force-cache") {
  const response = await fetch(keyOf(path), { cache: mode });
  if (response.status !== 200) throw new Error(path + ": HTTP " + response.status);
  const bytes = await response.arrayBuffer();
  const actual = await shortSha256(bytes);
  if (hash && actual !== hash) {
    if (mode === "reload") throw new Error(path + " changed while it was being cached (a newer deployment?)");
    return download(path, hash, "reload");
  }
  return stamped(response, bytes, actual);
}

async function fetchList() {
  const response = await fetch(scope + "offline.json", { cache: "no-store" });
  if (!response.ok) throw new Error("offline.json: HTTP " + response.status);
  const text = await response.text();
  const list = JSON.parse(text);
  if (list.format !== "logbook-offline" || list.version !== 1) throw new Error("offline.json is not a version 1 list");
  return { list, text };
}

async function currentList() {
  const response = await (await caches.open(CACHE)).match(scope + "offline.json");
  return response ? response.json() : null;
}

// offline.json's parts, read once per worker; content-addressed, so kept in SHARED.
const parts = new Map();
function readPart(name) {
  if (!parts.has(name)) {
    parts.set(name, (async () => {
      const shared = await caches.open(SHARED);
      let response = await shared.match(keyOf(name));
      if (!response) {
        response = await download(name, name.match(/\.([0-9a-f]{16})\.json$/)[1]);
        await shared.put(keyOf(name), response.clone());
      }
      return (await response.json()).files;
    })().catch((e) => { parts.delete(name); throw e; }));
  }
  return parts.get(name);
}

// [size, hash] of a path in this list, or undefined when the deployment has no such file.
async function entryOf(list, path) {
  if (list.shell[path]) return list.shell[path];
  if (!list.parts.length) return undefined;
  return (await readPart(list.parts[bucket(path) % list.parts.length]))[path];
}

// Puts a file of the list into its cache: reused from any cache holding the same bytes,
// else downloaded.
async function keep(path, hash) {
  const cache = await cacheFor(path), key = keyOf(path);
  const held = await caches.match(key);
  if (held && held.headers.get(HASH) === hash) {
    if (!(await cache.match(key))) await cache.put(key, held);
    return false;
  }
  await cache.put(key, await download(path, hash));
  return true;
}

async function inBatches(items, size, work) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

const deploymentCaches = async () => (await caches.keys()).filter((n) => n.startsWith("logbook-") && n !== CACHE && n !== SHARED && n !== WISHES && n !== READ);

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const { list, text } = await fetchList();
    const cache = await caches.open(CACHE);
    await inBatches(Object.keys(list.shell), 6, (path) => keep(path, list.shell[path][1]));
    // What the reader had from earlier deployments: the same bytes are copied, changed
    // files downloaded, files this deployment no longer has left behind.
    const had = new Set();
    for (const name of await deploymentCaches())
      for (const request of await (await caches.open(name)).keys()) {
        const path = pathOf(request.url);
        if (!path.startsWith("_logbook/") && path !== "offline.json" && !list.shell[path]) had.add(path);
      }
    await inBatches([...had], 6, async (path) => {
      const entry = await entryOf(list, path);
      if (entry) await keep(path, entry[1]);
    });
    await cache.put(scope + "offline.json", new Response(text, { headers: { "Content-Type": "application/json" } }));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await deploymentCaches()) await caches.delete(name);
    await self.clients.claim();
    await evictAddressed(await currentList());
  })());
});

// Drops the content-addressed files that this deployment does not list; keeps them when
// the list cannot be read (offline).
async function evictAddressed(list) {
  if (!list) return;
  const shared = await caches.open(SHARED);
  for (const request of await shared.keys()) {
    const path = pathOf(request.url);
    if (list.parts.includes(path)) continue;
    try {
      if (!(await entryOf(list, path))) await shared.delete(request);
    } catch { /* offline: decide at the next activation */ }
  }
}

// --- the whole-site copy
let copying = null;
let progress = { done: 0, total: 0 };

async function status() {
  const list = await currentList();
  if (!list) return { type: "offline-status", state: "partial", done: 0, total: 0, auto: false };
  const complete = !!(await (await caches.open(CACHE)).match(WHOLE));
  return { type: "offline-status", state: complete ? "complete" : copying ? "downloading" : "partial",
           done: complete ? list.bytes : copying ? progress.done : 0, total: list.bytes, auto: list.bytes <= list.budget };
}

async function broadcast() {
  const message = await status();
  for (const client of await self.clients.matchAll()) client.postMessage(message);
}

// Every listed file, six at a time; what is cached already costs nothing. One copy at a
// time; a copy cut short (the browser stopped the worker, the network went) resumes at
// the next "status" or "copy" message.
function copyWholeSite() {
  if (!copying) copying = copyEverything().catch((e) => console.warn("Logbook offline copy: " + e.message)).finally(() => {
    copying = null;
    return broadcast();
  });
  return copying;
}

async function copyEverything() {
  const list = await currentList();
  if (!list) return;
  const files = Object.entries(list.shell);
  for (const name of list.parts) files.push(...Object.entries(await readPart(name)));
  progress = { done: 0, total: list.bytes };
  let last = 0;
  await inBatches(files, 6, async ([path, [size, hash]]) => {
    const cache = await cacheFor(path);
    if (!(await cache.match(keyOf(path)))) await cache.put(keyOf(path), await download(path, hash));
    progress.done += size;
    if (Date.now() - last > 250) {
      last = Date.now();
      await broadcast();
    }
  });
  await (await caches.open(CACHE)).put(WHOLE, new Response("complete"));
}

async function wantsWholeSite() {
  const list = await currentList();
  if (!list || (await (await caches.open(CACHE)).match(WHOLE))) return false;
  return list.bytes <= list.budget || !!(await (await caches.open(WISHES)).match(WISH));
}

// What the page fetched before this worker controlled it, from the HTTP cache; the bytes'
// own hash goes with them, so the next deployment compares them like any other file.
async function keepFetched(urls) {
  const mine = urls.filter((u) => typeof u === "string" && u.startsWith(scope)).map((u) => new URL(u))
    .filter((u) => !u.search && !u.pathname.includes("/_logbook/")).map((u) => pathOf(u.href));
  await inBatches(mine, 6, async (path) => {
    const cache = await cacheFor(path);
    if (path === "sw.js" || (await cache.match(keyOf(path)))) return;
    try { await cache.put(keyOf(path), await download(path, "")); } catch { /* not a file of the site */ }
  });
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "activate") return self.skipWaiting();
  event.waitUntil((async () => {
    if (data.type === "keep" && Array.isArray(data.urls)) await keepFetched(data.urls);
    if (data.type === "copy") await (await caches.open(WISHES)).put(WISH, new Response("whole site"));
    if (data.type !== "status" && data.type !== "copy") return;
    if (await wantsWholeSite()) {
      const copy = copyWholeSite();
      await broadcast();
      await copy;
    } else if (event.source) event.source.postMessage(await status());
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !request.url.startsWith(scope) || request.headers.has("Range")) return;
  if (url.pathname.includes("/_logbook/") || url.searchParams.has("fresh")) return;  // live reload, update checks
  event.respondWith((async () => {
    const key = keyOf(pathOf(url.origin + url.pathname));  // query strings (?app) name the same file
    const cache = await cacheFor(pathOf(key));
    const hit = await cache.match(key);
    if (hit) return hit;
    try {
      const response = await fetch(request);
      if (response.status === 200 && response.type === "basic")
        event.waitUntil(response.clone().arrayBuffer().then((bytes) => stamped(response, bytes)).then((r) => cache.put(key, r)));
      return response;
    } catch (offline) {
      // A page not cached: the home page boots the app, which opens the page by its path.
      if (request.mode === "navigate") {
        const home = await caches.match(scope);
        if (home) return home;
      }
      throw offline;
    }
  })());
});
