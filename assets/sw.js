// Rapport's service worker. It keeps a copy of every file of one build and
// serves the app from that copy, so the app starts without a network and a
// running session never mixes files of two versions.
//
// This is a template: tools/postbuild.mjs (trunk's post_build hook) writes the
// real dist/sw.js from it, replacing the two constants below with the build's
// id (a hash of every file's name and content) and its list of files. Do not
// edit them by hand. A changed file changes the id, so the browser sees a new
// sw.js and installs the new version beside the old one.
const BUILD = "unbuilt";
const PRECACHE = [];

// Every URL is relative to this script, which sits beside index.html, so the
// same dist/ works at the root of a host or under a sub-path like /rapport/.
// The cache names include the scope: two copies of Rapport on one origin (say
// /rapport/ and /rapport-beta/) keep and clean up only their own caches.
const SCOPE = new URL(self.registration.scope).pathname;
const PREFIX = `rapport:${SCOPE}:`;
const CACHE = PREFIX + BUILD;
const INDEX = new URL("index.html", self.location).href;

// trunk names the wasm, JS and CSS after a hash of their content
// ("rapport-81cd0bf570636d77_bg.wasm"): a name stands for one content only.
const HASHED = /-[0-9a-f]{16}(?:_bg)?\.(?:wasm|js|css)$/;

/**
 * How to fetch one file for the cache. The page has just downloaded most of
 * the build, so the worker takes it from the HTTP cache instead of downloading
 * it a second time: a hashed name is the right bytes whatever its age
 * ("force-cache"), while index.html, the manifest and the icons keep their
 * names across builds and are revalidated with the server ("no-cache"). A new
 * build has new hashed names, so an update still fetches its new files.
 */
function precacheRequest(path) {
  return new Request(new URL(path, self.location), { cache: HASHED.test(path) ? "force-cache" : "no-cache" });
}

self.addEventListener("install", (event) => {
  // No skipWaiting() here: a new version waits until every tab of the old one
  // is closed, or until the user asks for it (the "Reload" button).
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map(precacheRequest))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
      // Take over pages that were opened before the first install, so the
      // first visit already works offline after it.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method === "POST" && request.url === SHARE_TARGET) {
    event.respondWith(receiveShare(request));
    return;
  }
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});

async function respond(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  // Every page of the app is index.html: its screens are #/ routes.
  if (request.mode === "navigate") {
    const index = await cache.match(INDEX);
    if (index) return index;
  }
  return fetch(request);
}

// A file shared to the installed app (the manifest's share_target) arrives here
// as a POST. It is kept in a cache of its own (not one of the build's, so a new
// version does not delete it) under a URL of this scope, and the app is opened
// at ?share-target; the app reads the file into its import preview, where
// nothing is imported until the user chooses, and removes the kept copy.
const SHARE_TARGET = new URL("share-target", self.location).href;
const SHARED_FILE = new URL("shared-file", self.location).href;
const SHARE_CACHE = "rapport-shared";

async function receiveShare(request) {
  try {
    const form = await request.formData();
    const file = form.getAll("file").find((value) => typeof value !== "string");
    if (file) {
      const cache = await caches.open(SHARE_CACHE);
      await cache.put(
        SHARED_FILE,
        new Response(file, {
          headers: { "Content-Type": file.type || "application/octet-stream", "X-File-Name": encodeURIComponent(file.name) },
        }),
      );
    }
  } catch (_) {
    // Nothing kept: the app opens and says the shared file did not arrive.
  }
  return Response.redirect(new URL("./?share-target", self.location).href, 303);
}
