// Logbook's service worker: an offline copy of the whole site, one cache per deployment.
//
// `logbook build` writes this file with BUILD set to the deployment's hash (manifest.json
// "build"), so every deployment changes this file and the browser installs the new
// worker beside the old one. The new worker precaches the new deployment completely
// before it may take over, and takes over only when the reader asks (loader.js shows
// "a new version is available"): a page never mixes one deployment's app with another's
// database. Requests with ?fresh always go to the network.
"use strict";
const BUILD = "__LOGBOOK_BUILD__";
const CACHE = "logbook-" + BUILD;
const scope = self.registration.scope;  // ends with "/"

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const response = await fetch(scope + "manifest.json", { cache: "no-store" });
    if (!response.ok) throw new Error("manifest.json: HTTP " + response.status);
    const manifest = await response.clone().json();
    const cache = await caches.open(CACHE);
    await cache.put(scope + "manifest.json", response);
    const urls = [scope, ...(manifest.precache || []).map((p) => scope + p)];
    // In batches, so that a large site does not open hundreds of requests at once; past
    // the HTTP cache, which may still hold the previous deployment's files.
    for (let i = 0; i < urls.length; i += 16)
      await cache.addAll(urls.slice(i, i + 16).map((u) => new Request(u, { cache: "reload" })));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys())
      if (name.startsWith("logbook-") && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "activate") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !request.url.startsWith(scope)) return;
  if (url.pathname.includes("/_logbook/") || url.searchParams.has("fresh")) return;  // live reload, update checks
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = url.origin + url.pathname;  // query strings (?app) name the same file
    const hit = await cache.match(key);
    if (hit) return hit;
    try {
      const response = await fetch(request);
      if (response.ok && response.type === "basic") cache.put(key, response.clone());
      return response;
    } catch (offline) {
      // A page not precached: the home page boots the app, which opens the page by its path.
      if (request.mode === "navigate") {
        const home = await cache.match(scope);
        if (home) return home;
      }
      throw offline;
    }
  })());
});
