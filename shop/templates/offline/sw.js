/* The producer portal's service worker: the shell from the cache, the producer's own pages
   network-first (the last copy when there is no signal), and the waiting entries sent by
   Background Sync. Only the portal's and the diary's pages are touched; the rest of the site
   goes to the network as if there were no worker. */
import { sendWaiting } from "{{ outbox_url }}";

const CONFIG = {{ config|safe }};
const SHELL = "ocop-shell-" + CONFIG.version;
const PAGES = "ocop-pages";
const NETWORK_WAIT_MS = 8000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(CONFIG.shell)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("ocop-shell-") && name !== SHELL) { await caches.delete(name); }
    }
    await self.clients.claim();
  })());
});

function isOwnPage(url) {
  return url.origin === self.location.origin && CONFIG.ownPrefixes.some((prefix) => url.pathname.startsWith(prefix));
}

function offlinePage(url) {
  const english = url.pathname.startsWith("/en/");
  return CONFIG.offlinePages[english ? "en" : "vi"];
}

/* A page is kept only when it is the producer's own: a redirect (to the log-in page) is not. */
async function keep(request, response) {
  if (response.ok && !response.redirected && response.type === "basic") {
    const cache = await caches.open(PAGES);
    await cache.put(request.url.split("#")[0], response.clone());
  }
  return response;
}

async function networkFirst(request) {
  const url = new URL(request.url);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_resolve, reject) => setTimeout(() => reject(new Error("slow")), NETWORK_WAIT_MS)),
    ]);
    return await keep(request, response);
  } catch (error) {
    const cached = await caches.match(request.url.split("#")[0], { ignoreVary: true });
    if (cached) { return cached; }
    return (await caches.match(offlinePage(url))) || Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) { return cached; }
  const response = await fetch(request);
  if (response.ok) { (await caches.open(SHELL)).put(request, response.clone()); }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") { return; }
  const url = new URL(request.url);
  if (request.mode === "navigate" && isOwnPage(url)) {
    event.respondWith(networkFirst(request));
  } else if (url.origin === self.location.origin && CONFIG.shell.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

/* The page asks for its own pages to be kept (the first visit was not through the worker),
   and for the copies to be dropped when the producer logs out. */
self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "keep-pages") {
    event.waitUntil(Promise.all((message.urls || []).map(async (address) => {
      const url = new URL(address, self.location.origin);
      if (!isOwnPage(url)) { return; }
      try {
        const request = new Request(url.href, { credentials: "same-origin" });
        await keep(request, await fetch(request));
      } catch (error) { /* no signal: kept next time */ }
    })));
  } else if (message.type === "forget-pages") {
    event.waitUntil(caches.delete(PAGES));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === "ocop-outbox") {
    event.waitUntil(sendWaiting().then(async (report) => {
      for (const client of await self.clients.matchAll()) { client.postMessage({ type: "outbox-sent", report }); }
      if (report.stillWaiting) { throw new Error("entries still waiting"); }
    }));
  }
});
