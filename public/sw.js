// rentdesk's service worker: keeps one build (the app shell and its hashed files) so a
// repeat visit opens without the network, and offline at all. It answers only for the
// files of its own build and for page loads; API answers, the key and anything else go to
// the network untouched and are never stored.
// The build writes this build's version and file list into the next two lines.
const VERSION = "dev";
const FILES = [];

const CACHE = "rentdesk-" + VERSION;
const SCOPE = new URL(self.registration.scope).pathname;
const OWN = new Set(FILES.map((name) => SCOPE + name));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...OWN].map((path) => new Request(path, { cache: "no-cache" }))))
      .then(() => self.skipWaiting()),
  );
});

// One build at a time: the previous build's files go once this one is in charge.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith("rentdesk-") && n !== CACHE).map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim())
      // Pages opened from the previous build learn that a new one is in place. (A message
      // sent before a page listens waits for it; an event could be missed.)
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((pages) => pages.forEach((page) => page.postMessage({ rentdesk: "activated", version: VERSION }))),
  );
});

/** A page of the app (`/`, `/rentals?…`): never the API, the admin, or a file. */
function isAppPage(request, url) {
  if (request.mode !== "navigate" || !url.pathname.startsWith(SCOPE)) return false;
  const rest = url.pathname.slice(SCOPE.length);
  return !/^(api|stubs|admin)\//.test(rest) && !rest.split("/").pop().includes(".");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  let path;
  if (isAppPage(request, url)) path = SCOPE + "index.html";
  else if (OWN.has(url.pathname) && !url.search) path = url.pathname;
  else return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(path))
      .then((cached) => cached || fetch(request)),
  );
});
