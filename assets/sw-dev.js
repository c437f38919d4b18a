// The service worker of a debug build (`trunk serve`, `make serve`): it keeps
// no offline copy, so every reload shows the latest build. It also removes
// the offline copy and the worker that a release build may have left at this
// scope. Release builds get assets/sw.js instead; see tools/precache.mjs.
const PREFIX = `rapport:${new URL(self.registration.scope).pathname}:`;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(PREFIX)).map((name) => caches.delete(name)));
      await self.registration.unregister();
    })(),
  );
});
