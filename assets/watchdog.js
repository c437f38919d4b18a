// Rapport's start-up watchdog, in plain JavaScript so that it works when the
// app itself cannot run. The loader (boot-<hash>.js, written by
// tools/postbuild.mjs) reports a failed download, compile, instantiation or
// start to it through window.rapportWatchdog.failed(error); it also hears
// errors thrown before the app has mounted (the first render), scripts that
// fail to load, and a start that takes too long. WebKit reports nothing at all
// when a module script's top-level await rejects, so the loader must catch it
// itself and tell this script.
//
// Instead of the splash ("Opening your journal…") it then shows what
// happened, a Reload button, and "Download my stored data", which saves every
// rapport/ key of localStorage, exactly as stored, without the wasm: stored
// data is never held hostage by the app starting.
//
// Every word of that screen lives here. Its look is in styles/watchdog.css.
(function () {
  "use strict";

  // Without the app mounted after this long, the screen says so, but the
  // app still wins if it starts after all.
  var SLOW_MS = 15000;
  var KEY_PREFIX = "rapport/";

  var WORDS = {
    failedTitle: "Rapport could not open",
    slowTitle: "Rapport is taking longer than it should",
    slowText: "It has not opened yet, but it may still open by itself: this message goes away when it does.",
    download:
      "Rapport could not download its files. Check that you are online, then reload the page.",
    damaged:
      "Rapport's files on this device are damaged or incomplete, so it stopped before showing your journal.",
    mismatched:
      "Rapport's files on this device do not fit together (parts of two versions), so it stopped before showing your journal.",
    full: "This device is out of storage space, so Rapport could not start. Free some space, then reload the page.",
    crashed: "Rapport ran into an error while starting, so it stopped before showing your journal.",
    safe: "Your journal is still stored in this browser. Nothing has been deleted or changed.",
    whatYouCanDo: "What you can do",
    reloadText: "Reload the page. This often fixes it, for example after a dropped connection.",
    reload: "Reload",
    downloadText: "Keep a copy of everything Rapport has stored in this browser, exactly as it is.",
    downloadButton: "Download my stored data",
    fileIsFor:
      "This file is not a backup: the Backups page cannot import it. It is an exact copy of what Rapport stores, kept in case this browser's data is lost; someone technical can put it back. When Rapport opens again your journal is still here, and “Download a backup” on the Backups page makes a file any Rapport can import.",
    detail: "Technical detail: ",
    downloaded: function (count) {
      return (
        "Downloaded " +
        count +
        (count === 1 ? " stored item" : " stored items") +
        ". Keep this file: it holds everything that was stored."
      );
    },
    nothingStored: "Nothing is stored in this browser yet, so there is nothing to download.",
    downloadFailed: "The download failed: ",
    storageUnavailable: "this browser does not let Rapport read its storage",
  };

  var started = false; // TrunkApplicationStarted has fired.
  var settled = false; // The app has mounted and rendered: the watchdog is done.
  var failure = null; // The first error, once start-up has failed.
  var screen = null; // The screen, once shown.
  var status = null; // Its live region for the download's outcome.
  var splash = document.querySelector("[data-splash]");

  /** What happened, in plain words, for an error from the start. */
  function describe(error) {
    var name = (error && error.name) || "";
    var text = String((error && error.message) || error || "");
    if (name === "QuotaExceededError" || /quota|no space|disk is full/i.test(text)) return WORDS.full;
    if (name === "CompileError") return WORDS.damaged;
    if (name === "LinkError") return WORDS.mismatched;
    if (name === "SyntaxError") return WORDS.damaged;
    if (error && error.rapportDownload) return WORDS.download;
    // A failed fetch is a TypeError ("Failed to fetch", "Load failed",
    // "NetworkError…"); wasm-bindgen's own is an Error ("failed to fetch Wasm: 404…").
    if (name !== "RuntimeError" && /fetch|network|load failed|import/i.test(text)) return WORDS.download;
    return WORDS.crashed;
  }

  function detailOf(error) {
    if (error && error.rapportDownload) return error.message;
    if (error && error.name && error.message) return error.name + ": " + error.message;
    return String(error);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** Every rapport/ key and its value, exactly as stored. */
  function storedData() {
    var data = {};
    var count = 0;
    var keys = [];
    for (var i = 0; i < window.localStorage.length; i++) keys.push(window.localStorage.key(i));
    keys.sort();
    keys.forEach(function (key) {
      if (key === null || key.indexOf(KEY_PREFIX) !== 0) return;
      var raw = window.localStorage.getItem(key);
      if (raw === null) return;
      // The recovery screen's file has the same shape: { key: { raw } }.
      data[key] = { raw: raw };
      count++;
    });
    return { data: data, count: count };
  }

  function today() {
    var now = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function downloadStoredData() {
    var stored;
    try {
      stored = storedData();
    } catch (error) {
      status.textContent = WORDS.downloadFailed + WORDS.storageUnavailable + ".";
      return;
    }
    if (stored.count === 0) {
      status.textContent = WORDS.nothingStored;
      return;
    }
    try {
      var blob = new Blob([JSON.stringify(stored.data, null, 2)], { type: "application/json" });
      var url = URL.createObjectURL(blob);
      var anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = "rapport-stored-data-" + today() + ".json";
      anchor.click();
      // Revoked later: WebKit starts the download after click() returns.
      window.setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 60000);
      status.textContent = WORDS.downloaded(stored.count);
    } catch (error) {
      status.textContent = WORDS.downloadFailed + detailOf(error);
    }
  }

  /**
   * Reloads the page. After a failure with a service worker in charge, its
   * copy of the app may be what is broken: when the server answers, the
   * worker is unregistered first, so the page comes from the server (the app
   * registers a fresh one once it runs). Offline, the copy is all there is,
   * so it stays.
   */
  function reload(button) {
    button.disabled = true;
    var plain = function () {
      window.location.reload();
    };
    var container = navigator.serviceWorker;
    if (!failure || !container || !container.controller) return plain();
    var probe = new URL("./?rapport-online=" + Date.now(), window.location.href).href;
    fetch(probe, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("offline");
        return container.getRegistration();
      })
      .then(function (registration) {
        return registration && registration.unregister();
      })
      .then(plain, plain);
  }

  function build() {
    var root = element("main", "page watchdog");
    root.id = "main";
    root.setAttribute("aria-labelledby", "watchdog-title");
    var section = element("section", "empty-state watchdog__card");
    var title = element("h1", null);
    title.id = "watchdog-title";
    title.tabIndex = -1;
    var what = element("p", "watchdog__what");
    var safe = element("p", null, WORDS.safe);
    var detail = element("p", "watchdog__detail");

    var reloadButton = element("button", "button primary", WORDS.reload);
    reloadButton.type = "button";
    reloadButton.addEventListener("click", function () {
      reload(reloadButton);
    });
    var downloadButton = element("button", "button", WORDS.downloadButton);
    downloadButton.type = "button";
    downloadButton.addEventListener("click", downloadStoredData);

    var steps = element("ol", "watchdog__steps");
    var first = element("li");
    first.append(element("p", null, WORDS.reloadText), reloadButton);
    var second = element("li");
    second.append(element("p", null, WORDS.downloadText), downloadButton, element("p", "muted", WORDS.fileIsFor));
    steps.append(first, second);
    status = element("p", "watchdog__status");
    status.setAttribute("role", "status");

    section.append(title, what, safe, element("h2", null, WORDS.whatYouCanDo), steps, status, detail);
    root.append(section);
    root.rapportParts = { title: title, what: what, detail: detail };
    return root;
  }

  /** Shows the screen, or updates it: slow while nothing has failed. */
  function show() {
    if (settled) return;
    var first = !screen;
    if (first) screen = build();
    var parts = screen.rapportParts;
    if (failure) {
      parts.title.textContent = WORDS.failedTitle;
      parts.what.textContent = describe(failure);
      parts.detail.textContent = "";
      parts.detail.append(WORDS.detail, element("code", null, detailOf(failure)));
      parts.detail.hidden = false;
    } else {
      parts.title.textContent = WORDS.slowTitle;
      parts.what.textContent = WORDS.slowText;
      parts.detail.hidden = true;
    }
    if (!screen.isConnected) {
      if (splash && splash.isConnected) {
        splash.hidden = true;
        splash.after(screen);
      } else {
        document.body.append(screen);
      }
    }
    if (first || failure) parts.title.focus();
  }

  /** Start-up failed: shows why, once (the first error is the cause). */
  function failed(error) {
    if (settled || failure) return;
    failure = error || new Error("unknown error");
    console.error("Rapport could not start:", failure);
    show();
  }

  // The app has mounted once Yew has replaced the splash (it mounts on
  // <body>). Errors up to the frame after that still count as a failed start.
  function checkMounted() {
    if (settled || failure || !started || (splash && splash.isConnected)) return;
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (failure) return;
        settled = true;
        if (screen) screen.remove();
        window.removeEventListener("error", onError, true);
        window.removeEventListener("unhandledrejection", onRejection);
        observer.disconnect();
        window.clearTimeout(slowTimer);
      });
    });
  }

  function onError(event) {
    var target = event.target;
    if (target && target !== window && target.tagName === "SCRIPT") {
      // A script that did not load (a resource error, which does not bubble).
      var missing = new Error("could not load " + (target.src || "a script"));
      missing.rapportDownload = true;
      failed(missing);
    } else if (event.error) {
      // Cross-origin "Script error." (an extension, say) has no error object.
      failed(event.error);
    }
  }

  function onRejection(event) {
    failed(event.reason);
  }

  window.addEventListener("error", onError, true);
  window.addEventListener("unhandledrejection", onRejection);
  window.addEventListener(
    "TrunkApplicationStarted",
    function () {
      started = true;
      checkMounted();
    },
    { once: true },
  );
  var observer = new MutationObserver(checkMounted);
  observer.observe(document.body || document.documentElement, { childList: true });

  var slowTimer = window.setTimeout(
    function () {
      if (!settled && !failure) show();
    },
    Math.max(0, SLOW_MS - performance.now()),
  );

  window.rapportWatchdog = { failed: failed };
})();
