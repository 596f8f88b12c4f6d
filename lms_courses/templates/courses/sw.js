// The School's service worker: pages and files are fetched from the network first;
// when the network is gone, the copies a learner saved for offline reading are used.
const CACHE = "lms-offline-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "save") {
    event.waitUntil(
      save(event.data.urls).then(
        (count) => event.source.postMessage({ type: "saved", count }),
        (error) => event.source.postMessage({ type: "failed", error: String(error) }),
      ),
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => refresh(request, response))
      .catch(() => caches.match(request).then((saved) => saved || Response.error())),
  );
});

// A page already saved is kept up to date whenever it is read online.
async function refresh(request, response) {
  if (response.ok) {
    const cache = await caches.open(CACHE);
    if (await cache.match(request)) await cache.put(request, response.clone());
  }
  return response;
}

// Save each page and the images, styles and scripts it uses.
async function save(urls) {
  const cache = await caches.open(CACHE);
  const files = new Set();
  for (const url of urls) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const html = await response.clone().text();
    await cache.put(url, response);
    for (const file of filesUsedBy(html)) files.add(file);
  }
  await Promise.all(
    [...files].map((file) => cache.match(file).then((saved) => saved || cache.add(file))),
  );
  return urls.length;
}

function filesUsedBy(html) {
  const found = [];
  const pattern = /(?:src|href|srcset)="([^"]+)"/g;
  for (const match of html.matchAll(pattern)) {
    for (const candidate of match[1].split(",")) {
      const path = candidate.trim().split(/\s+/)[0].replaceAll("&amp;", "&");
      if (/^\/(static|media)\/|\/jsi18n\/$/.test(path)) found.push(path);
    }
  }
  return found;
}
