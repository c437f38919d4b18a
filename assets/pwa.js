// Registers Rapport's service worker (sw.js, beside index.html) and, when a new
// version has been downloaded, says so in a status message with a "Reload"
// button. The running version is never replaced behind the user's back: the
// new one waits until the user presses Reload (or closes every tab).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;

  var HOUR = 60 * 60 * 1000;
  var container = navigator.serviceWorker;
  var reloading = false;
  // Whether the user asked for the new version (pressed Reload) in this tab.
  var wanted = false;
  // A page opened before the first install gets a controller too (the worker
  // claims it); that is not a new version.
  var controlled = Boolean(container.controller);

  // The live region is put in place empty, ahead of the message, so that
  // screen readers announce the message when it is filled in. The app clears
  // <body> when it starts (Yew mounts there), so it is put back after that.
  var region = document.createElement("div");
  region.className = "pwa-update";
  region.setAttribute("role", "status");

  function placeRegion() {
    if (region.isConnected) return false;
    document.body.appendChild(region);
    return true;
  }
  // The app starts in one long task: the wasm is instantiated, mounts, and
  // the loader ends by dispatching TrunkApplicationStarted. A listener runs
  // inside that task, makes it longer, and is the only named script on its
  // stack, so profilers (Lighthouse among them) charge the whole task to this
  // file. Each listener here only schedules its work, in a task of its own.
  function inTaskOfItsOwn(work) {
    return function () {
      window.setTimeout(work, 0);
    };
  }
  window.addEventListener("TrunkApplicationStarted", inTaskOfItsOwn(placeRegion));

  function reload() {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  }

  // worker: the new version, waiting to take over; null when it already has.
  function offer(worker) {
    var card = document.createElement("div");
    card.className = "pwa-update__card";
    var text = document.createElement("p");
    text.className = "pwa-update__text";
    text.textContent = "A new version is ready.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pwa-update__button";
    button.textContent = "Reload";
    button.addEventListener("click", function () {
      button.disabled = true;
      if (worker && worker.state === "installed") {
        // The page reloads once the new worker controls it (controllerchange).
        wanted = true;
        worker.postMessage({ type: "SKIP_WAITING" });
      } else {
        reload();
      }
    });
    card.append(text, button);
    var show = function () {
      region.replaceChildren(card);
    };
    // A region that was only just added needs a moment to be noticed.
    if (placeRegion()) window.setTimeout(show, 200);
    else show();
  }

  container.addEventListener("controllerchange", function () {
    if (!controlled) {
      controlled = true;
      return;
    }
    // Asked for here: load the new version. Asked for in another tab: this tab
    // still runs the old version from memory; offer to reload it.
    if (wanted) reload();
    else offer(null);
  });

  // update: whether another version was already active when this worker
  // began installing. Only then is it a new version. The controller alone
  // cannot tell: on a busy first visit the worker can already have claimed
  // the page by the time its "installed" event is delivered.
  function watch(worker, update) {
    worker.addEventListener("statechange", function () {
      if (update && worker.state === "installed" && container.controller) offer(worker);
    });
  }

  function register() {
    placeRegion();
    container
      .register("./sw.js", { scope: "./" })
      .then(function (registration) {
        // Some automation blocks workers by resolving with nothing.
        if (!registration) return;
        if (registration.waiting && registration.active && container.controller) offer(registration.waiting);
        if (registration.installing) watch(registration.installing, Boolean(registration.active));
        registration.addEventListener("updatefound", function () {
          if (registration.installing) watch(registration.installing, Boolean(registration.active));
        });
        // Look for a new version now (the browser would only look once the
        // worker has been idle for a while), whenever the app comes back to
        // the foreground, and once an hour for an app that stays open, as an
        // installed one does.
        var check = function () {
          registration.update().catch(function () {
            // Offline, or the server is away: try again later.
          });
        };
        if (container.controller) check();
        document.addEventListener("visibilitychange", function () {
          if (document.visibilityState === "visible") check();
        });
        window.setInterval(check, HOUR);
      })
      .catch(function (error) {
        console.warn("Rapport works online only: the service worker could not be registered.", error);
      });
  }

  // Once the app is running (its wasm downloaded) and the page has loaded, so
  // that caching the build never competes with the app's own first download.
  function afterLoad() {
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  }
  if (window.wasmBindings) afterLoad();
  else window.addEventListener("TrunkApplicationStarted", inTaskOfItsOwn(afterLoad), { once: true });
})();
