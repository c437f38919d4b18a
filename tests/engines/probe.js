// Runs in the page under test before any of Rapport's own scripts, in every
// engine of the cross-engine journey, and writes down whatever the page would
// show in a console as an error: console.error calls, uncaught errors, failed
// loads, unhandled rejections and Content-Security-Policy violations. The list
// is kept in sessionStorage, so it survives the journey's reloads, and the
// journey reads it back through `window.__rapportProblems()`.
//
// Firefox gets it as a preload script (WebDriver BiDi); WebKit's classic
// WebDriver has no preload hook, so the test server adds it to index.html as a
// same-origin script tag. Either way the app's CSP stays exactly as built.
(function () {
  "use strict";
  if (window.__rapportProblems) return;

  var KEY = "rapport-engines-problems";
  // Where sessionStorage cannot be used (an opaque origin), problems are kept here.
  var unsaved = [];

  function saved() {
    try {
      return JSON.parse(window.sessionStorage.getItem(KEY) || "[]");
    } catch (error) {
      return [];
    }
  }

  function record(kind, text) {
    var line = kind + ": " + text;
    try {
      var list = saved();
      list.push(line);
      window.sessionStorage.setItem(KEY, JSON.stringify(list));
    } catch (error) {
      unsaved.push(line);
    }
  }

  function describe(value) {
    if (value instanceof Error) return value.name + ": " + value.message;
    if (typeof value === "string") return value;
    try {
      return JSON.stringify(value);
    } catch (error) {
      return String(value);
    }
  }

  var original = window.console.error;
  window.console.error = function () {
    record("console.error", Array.prototype.map.call(arguments, describe).join(" "));
    return original.apply(window.console, arguments);
  };

  // Capturing, so that a script, stylesheet or image that fails to load is
  // caught too (those error events do not bubble up to window).
  window.addEventListener(
    "error",
    function (event) {
      if (event.target && event.target !== window) {
        var element = event.target;
        record("failed to load", element.src || element.href || element.tagName);
        return;
      }
      var where = event.filename ? " (" + event.filename + ":" + event.lineno + ")" : "";
      record("uncaught error", describe(event.error || event.message) + where);
    },
    true,
  );

  window.addEventListener("unhandledrejection", function (event) {
    record("unhandled rejection", describe(event.reason));
  });

  document.addEventListener("securitypolicyviolation", function (event) {
    var where = event.sourceFile ? " in " + event.sourceFile + ":" + event.lineNumber : "";
    record("CSP violation", event.violatedDirective + " blocked " + (event.blockedURI || "an inline resource") + where);
  });

  /** Every problem recorded in this tab so far, across reloads. */
  window.__rapportProblems = function () {
    return saved().concat(unsaved);
  };
})();
