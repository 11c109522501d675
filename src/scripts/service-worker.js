/**
 * The service worker's code, the same for every build (the site's sw.js is this file after one
 * line of data: `self.PRECACHE = [...]`, written by generate-service-worker.mjs). It replaces the
 * worker Workbox's generateSW used to bundle on every build, and does what that worker did:
 *
 * - Precache: on install, every listed file is downloaded (a file whose revision did not change
 *   since the last version is kept, not downloaded again); install fails if one cannot be, so a
 *   half-cached version never takes over. Files that left the list are deleted on activation.
 *   Requests for them are answered from the cache (`/x/` is `/x/index.html`, the query is ignored).
 * - Pages not precached (tags, tag quizzes): the network first (4 s), the copy last seen offline.
 * - Pagefind fragments, note images and vendored KaTeX/Mermaid: the cache first, refreshed behind.
 * - Takes over the open page on first install (clients.claim); updates wait for old tabs to close
 *   (no skipWaiting), so an open page keeps the scripts it was built with.
 *
 * Plain script, no imports: the browser loads it as it is. A new build changes the PRECACHE line
 * whenever a precached file changes, which is what makes the browser install the new version.
 */
/* global self, caches, fetch, URL, Request, Promise */
const PRECACHE = 'ami-lab-precache-v1';
const PAGES = 'ami-lab-pages';
const ASSETS = 'ami-lab-assets';
const MAX_PAGES = 300;
const MAX_ASSETS = 1000;
const NETWORK_TIMEOUT_MS = 4000;

/** @type {Array<{ url: string, revision: string | null }>} */
const manifest = self.PRECACHE ?? [];
const scope = new URL(self.registration.scope);

/** The cache key of a precached file: its URL, plus its revision when the name does not change with it. */
function cacheKey(entry) {
  const url = new URL(entry.url, scope);
  if (entry.revision) url.searchParams.set('__rev', entry.revision);
  return url.href;
}

const keyByUrl = new Map(manifest.map((entry) => [new URL(entry.url, scope).href, cacheKey(entry)]));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(PRECACHE).then(async (cache) => {
      const queue = [...keyByUrl];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [url, key] = next;
          if (await cache.match(key)) continue;
          const response = await fetch(new Request(url, { cache: 'reload', credentials: 'same-origin' }));
          if (!response.ok) throw new Error(`precache: ${url} answered ${response.status}`);
          await cache.put(key, response);
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const wanted = new Set(keyByUrl.values());
      const cache = await caches.open(PRECACHE);
      for (const request of await cache.keys()) if (!wanted.has(request.url)) await cache.delete(request);
      await self.clients.claim();
    })(),
  );
});

/** The precache key for a request, if its file is precached. */
function precached(url) {
  const clean = new URL(url.pathname, url.origin);
  if (clean.pathname.endsWith('/')) clean.pathname += 'index.html';
  return keyByUrl.get(clean.href);
}

async function trim(cacheName, max) {
  const cache = await caches.open(cacheName);
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(request);
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS);
      fetch(request).then(
        (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
    if (response.ok) {
      await cache.put(request, response.clone());
      await trim(PAGES, MAX_PAGES);
    }
    return response;
  } catch (error) {
    const copy = await cache.match(request);
    if (copy) return copy;
    throw error;
  }
}

async function staleWhileRevalidate(event) {
  const cache = await caches.open(ASSETS);
  const copy = await cache.match(event.request);
  const refresh = fetch(event.request).then(async (response) => {
    if (response.ok) {
      await cache.put(event.request, response.clone());
      await trim(ASSETS, MAX_ASSETS);
    }
    return response;
  });
  if (copy) {
    event.waitUntil(refresh.catch(() => undefined));
    return copy;
  }
  return refresh;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const key = precached(url);
  if (key) {
    event.respondWith(caches.open(PRECACHE).then(async (cache) => (await cache.match(key)) ?? fetch(request)));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request));
  } else if (/\/(pagefind|images|vendor)\//.test(url.pathname)) {
    event.respondWith(staleWhileRevalidate(event));
  }
});
