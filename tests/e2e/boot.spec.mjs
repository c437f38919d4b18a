// When the app cannot start, the watchdog (assets/watchdog.js) replaces the
// splash with what happened, a Reload button and "Download my stored data",
// which saves every rapport/ key exactly as stored without the wasm. Broken
// starts are made with page.route (the service worker is blocked, or it would
// answer past the route) and, in the last group, through the service worker's
// own cache.
import { readFileSync } from "node:fs";
import { test, expect } from "./support/fixtures.mjs";
import { PwaPage } from "./pages/pwa.mjs";

test.use({ serviceWorkers: "block", viewport: { width: 390, height: 844 } });

const WASM = "**/*_bg.wasm";

// A valid wasm module whose start function traps (`unreachable`): the browser
// compiles it, then instantiation runs the start function and throws a
// RuntimeError, as a panic while the app starts would.
const TRAPPING_WASM = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // types: one () -> ()
  0x03, 0x02, 0x01, 0x00, // functions: one, of type 0
  0x08, 0x01, 0x00, // start: function 0
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // code: no locals, unreachable, end
]);

/** The watchdog's screen, found as a user would see it. */
class WatchdogScreen {
  constructor(page) {
    this.page = page;
    this.root = page.getByRole("main").filter({ has: page.locator("#watchdog-title") });
    this.failedHeading = page.getByRole("heading", { name: "Rapport could not open", level: 1 });
    this.slowHeading = page.getByRole("heading", { name: "Rapport is taking longer than it should", level: 1 });
    this.reload = page.getByRole("button", { name: "Reload", exact: true });
    this.download = page.getByRole("button", { name: "Download my stored data" });
    this.safe = page.getByText("Your journal is still stored in this browser. Nothing has been deleted or changed.");
    this.status = this.root.getByRole("status");
    this.opening = page.getByText("Opening your journal…");
  }

  /** The failure screen is up, with both ways out, instead of the splash. */
  async expectFailure(what) {
    await expect(this.failedHeading).toBeVisible();
    await expect(this.page.getByText(what)).toBeVisible();
    await expect(this.safe).toBeVisible();
    await expect(this.reload).toBeVisible();
    await expect(this.download).toBeVisible();
    // Honest about what the file is for: the app's import cannot read it.
    await expect(this.root.getByText(/^This file is not a backup: the Backups page cannot import it\./)).toBeVisible();
    await expect(this.opening).toBeHidden();
  }

  async expectAbsent() {
    await expect(this.root).toHaveCount(0);
    await expect(this.failedHeading).toHaveCount(0);
    await expect(this.slowHeading).toHaveCount(0);
  }
}

/**
 * Only the failure the test induced may reach the console: the watchdog's own
 * line and the browser's failed request. An uncaught error fails the test, so
 * the loader must catch the failure itself, as WebKit requires (there a
 * rejected top-level await reports nothing for the watchdog to hear).
 */
function allowInducedErrors(guard) {
  guard.allowConsoleErrors = true;
  return () => {
    const other = guard.errors.filter(
      (text) => !/^Rapport could not start: /.test(text) && !/^Failed to load resource: /.test(text),
    );
    expect(other, "console errors besides the induced failure").toEqual([]);
    expect(guard.errors.some((text) => text.startsWith("Rapport could not start: ")), "the cause is logged").toBe(true);
  };
}

const DAMAGED = "Rapport's files on this device are damaged or incomplete, so it stopped before showing your journal.";
const CRASHED = "Rapport ran into an error while starting, so it stopped before showing your journal.";
const NOT_DOWNLOADED = "Rapport could not download its files. Check that you are online, then reload the page.";

const FAILURES = [
  {
    name: "a truncated wasm (its first half)",
    what: DAMAGED,
    detail: /CompileError/,
    async route(route) {
      const response = await route.fetch();
      const body = await response.body();
      await route.fulfill({ response, body: body.subarray(0, Math.floor(body.length / 2)) });
    },
  },
  {
    name: "a wasm that traps in its start function",
    what: CRASHED,
    detail: /RuntimeError: unreachable/,
    route: (route) => route.fulfill({ status: 200, contentType: "application/wasm", body: TRAPPING_WASM }),
  },
  {
    name: "a wasm download answered with 404",
    what: NOT_DOWNLOADED,
    detail: /failed to fetch Wasm: 404/,
    route: (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "not found" }),
  },
  {
    name: "an aborted wasm download",
    what: NOT_DOWNLOADED,
    detail: /TypeError/,
    route: (route) => route.abort("failed"),
  },
];

for (const failure of FAILURES) {
  test(`${failure.name} shows what happened, Reload and the download`, async ({ page, guard }) => {
    const checkConsole = allowInducedErrors(guard);
    const screen = new WatchdogScreen(page);
    await page.route(WASM, failure.route);
    await page.goto("./");
    await screen.expectFailure(failure.what);
    await expect(screen.root.getByText("Technical detail:")).toContainText(failure.detail);
    checkConsole();
  });
}

test("a glue script that fails to download is caught too", async ({ page, guard }) => {
  const checkConsole = allowInducedErrors(guard);
  const screen = new WatchdogScreen(page);
  await page.route(/\/rapport-[0-9a-f]+\.js$/, (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto("./");
  await screen.expectFailure(NOT_DOWNLOADED);
  checkConsole();
});

test("an error after the start but before the app has mounted (its first render) is caught too", async ({ page, guard }) => {
  guard.allowConsoleErrors = true;
  const screen = new WatchdogScreen(page);
  // A loader that starts "successfully", then fails before anything replaced
  // the splash, as a panic in the first render would.
  await page.route(/\/boot-[0-9a-f]+\.js$/, (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body:
        'dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: {} }));\n' +
        'setTimeout(() => { throw new RangeError("the first render failed"); }, 0);\n',
    }),
  );
  await page.goto("./");
  await screen.expectFailure(CRASHED);
  await expect(screen.root.getByText("Technical detail:")).toContainText("RangeError: the first render failed");
  const other = guard.errors.filter((text) => !/the first render failed/.test(text));
  expect(other, "console errors besides the induced failure").toEqual([]);
});

test("the screen reads well at phone size, light and dark, with thumb-sized buttons and no axe findings", async ({
  page,
  app,
  guard,
}) => {
  const checkConsole = allowInducedErrors(guard);
  const screen = new WatchdogScreen(page);
  await page.route(WASM, FAILURES[0].route);
  await page.goto("./");
  await screen.expectFailure(DAMAGED);
  // Focus moves to the heading, so a screen reader starts there.
  await expect(screen.failedHeading).toBeFocused();
  for (const button of [screen.reload, screen.download]) {
    const box = await button.boundingBox();
    expect(box.height, await button.textContent()).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width, "inside a 390 px screen").toBeLessThanOrEqual(390);
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "no sideways scrolling").toBeLessThanOrEqual(390);
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    await app.expectNoAxeViolations();
    await page.screenshot({ path: test.info().outputPath(`watchdog-${colorScheme}.png`), fullPage: true });
  }
  // Keyboard: Tab from the heading reaches Reload, then the download.
  await page.keyboard.press("Tab");
  await expect(screen.reload).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(screen.download).toBeFocused();
  checkConsole();
});

/** Characters as UTF-16 code units, so the comparison is exact (lone surrogates included). */
const codeUnits = (text) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

test("the download holds every rapport/ key exactly as stored, and nothing else", async ({ page, guard }) => {
  const checkConsole = allowInducedErrors(guard);
  const screen = new WatchdogScreen(page);
  // Seeded on a page of the same origin that runs no app.
  await page.goto("./no-such-page");
  const stored = await page.evaluate(() => {
    localStorage.clear();
    const values = {
      "rapport/head": '{"version":3,"segments":["a","b"]}',
      "rapport/seg/a": "ÿ\u0000\u0001\u00ff\u0100 binary-ish \ud83d\ude00 and a lone \ud800 surrogate",
      "rapport/seg/b": "line one\nline two\r\n\t\"quoted\" \\back\\slash </script>",
      "rapport/prefs": "",
      "rapport/big": "x".repeat(200_000) + "é",
      // Not Rapport's: these must stay out of the file.
      "another-app/settings": "{}",
      rapportish: "no slash",
      "Rapport/upper": "wrong case",
    };
    for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      const value = localStorage.getItem(key);
      out[key] = Array.from({ length: value.length }, (_, j) => value.charCodeAt(j));
    }
    return out;
  });
  const expected = Object.fromEntries(Object.entries(stored).filter(([key]) => key.startsWith("rapport/")));
  expect(Object.keys(expected).sort()).toEqual(["rapport/big", "rapport/head", "rapport/prefs", "rapport/seg/a", "rapport/seg/b"]);

  await page.route(WASM, FAILURES[0].route);
  await page.goto("./");
  await screen.expectFailure(DAMAGED);
  const downloading = page.waitForEvent("download");
  await screen.download.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^rapport-stored-data-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(readFileSync(await download.path(), "utf8"));
  // The shape of the recovery screen's file: { key: { raw } }.
  const read = Object.fromEntries(Object.entries(file).map(([key, entry]) => [key, codeUnits(entry.raw)]));
  expect(Object.keys(file).sort()).toEqual(Object.keys(expected).sort());
  for (const entry of Object.values(file)) expect(Object.keys(entry)).toEqual(["raw"]);
  expect(read).toEqual(expected);
  await expect(screen.status).toHaveText("Downloaded 5 stored items. Keep this file: it holds everything that was stored.");
  checkConsole();
});

test("with nothing stored, the download says so instead of saving an empty file", async ({ page, guard }) => {
  const checkConsole = allowInducedErrors(guard);
  const screen = new WatchdogScreen(page);
  await page.route(WASM, FAILURES[1].route);
  await page.goto("./");
  await screen.expectFailure(CRASHED);
  await screen.download.click();
  await expect(screen.status).toHaveText("Nothing is stored in this browser yet, so there is nothing to download.");
  checkConsole();
});

test("Reload reloads, and once the wasm is served again the app starts", async ({ page, app, guard }) => {
  const checkConsole = allowInducedErrors(guard);
  const screen = new WatchdogScreen(page);
  await page.route(WASM, FAILURES[0].route);
  await page.goto("./");
  await screen.expectFailure(DAMAGED);
  await page.unrouteAll();
  const reloaded = page.waitForEvent("load");
  await screen.reload.click();
  await reloaded;
  await app.waitUntilReady();
  await screen.expectAbsent();
  checkConsole();
});

test("a normal start never shows the screen", async ({ page, app }) => {
  await app.open("./");
  await expect(page.getByRole("button", { name: "Add someone" })).toBeVisible();
  // The watchdog ran, and stood down once the app had mounted: an error in the
  // running app (here a synthetic one, a few frames later) is not a failed start.
  expect(await page.evaluate(() => typeof window.rapportWatchdog)).toBe("object");
  await page.evaluate(async () => {
    for (let i = 0; i < 3; i++) await new Promise((frame) => requestAnimationFrame(frame));
    window.dispatchEvent(new ErrorEvent("error", { error: new Error("a later error"), message: "a later error" }));
    window.dispatchEvent(new PromiseRejectionEvent("unhandledrejection", { promise: Promise.resolve(), reason: new Error("later") }));
  });
  await expect(page.getByRole("button", { name: "Add someone" })).toBeVisible();
  await new WatchdogScreen(page).expectAbsent();
});

test("a slow start says it is taking longer than it should, and the app wins when it starts", async ({ page, app }) => {
  test.setTimeout(60_000);
  const watchdog = new WatchdogScreen(page);
  let release;
  const released = new Promise((done) => (release = done));
  await page.route(WASM, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto("./");
  await expect(watchdog.opening).toBeVisible();
  await expect(watchdog.slowHeading).toBeVisible({ timeout: 25_000 });
  await expect(page.getByText("It has not opened yet, but it may still open by itself")).toBeVisible();
  await expect(watchdog.reload).toBeVisible();
  await expect(watchdog.download).toBeVisible();
  await expect(watchdog.opening).toBeHidden();
  await expect(watchdog.root.getByText("Technical detail:")).toBeHidden();
  await app.expectNoAxeViolations();
  await page.screenshot({ path: test.info().outputPath("watchdog-slow.png"), fullPage: true });

  release();
  await app.waitUntilReady();
  await watchdog.expectAbsent();
});

/** Replaces the wasm in the service worker's cache with its first half; returns the URLs replaced. */
async function truncateCachedWasm(page) {
  return page.evaluate(async () => {
    const names = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (!request.url.endsWith("_bg.wasm")) continue;
        const original = await cache.match(request);
        const bytes = await original.arrayBuffer();
        const half = bytes.slice(0, Math.floor(bytes.byteLength / 2));
        await cache.put(request, new Response(half, { headers: original.headers }));
        names.push(request.url);
      }
    }
    return names;
  });
}

test.describe("through the service worker's cache", () => {
  test.use({ serviceWorkers: "allow" });

  test("a truncated wasm in the cache shows the screen, and Reload fetches the app afresh", async ({ page, app, guard }) => {
    const pwa = new PwaPage(page);
    const watchdog = new WatchdogScreen(page);
    await app.open("./");
    await pwa.waitForServiceWorker();

    const checkConsole = allowInducedErrors(guard);
    const replaced = await truncateCachedWasm(page);
    expect(replaced).toHaveLength(1);

    const responses = [];
    page.on("response", (response) => responses.push(response));
    await page.reload();
    await watchdog.expectFailure(DAMAGED);
    const wasm = responses.find((response) => response.url().endsWith("_bg.wasm"));
    expect(wasm.fromServiceWorker(), "the broken wasm came from the worker's cache").toBe(true);

    // The server is reachable, so Reload lets go of the broken copy.
    const reloaded = page.waitForEvent("load");
    await watchdog.reload.click();
    await reloaded;
    await app.waitUntilReady();
    await watchdog.expectAbsent();
    checkConsole();
  });

  test("offline, Reload keeps the offline copy, so the screen and its download stay reachable", async ({
    page,
    app,
    context,
    guard,
  }) => {
    const pwa = new PwaPage(page);
    const watchdog = new WatchdogScreen(page);
    await app.open("./");
    await pwa.waitForServiceWorker();
    const checkConsole = allowInducedErrors(guard);
    expect(await truncateCachedWasm(page)).toHaveLength(1);

    await context.setOffline(true);
    await page.reload();
    await watchdog.expectFailure(DAMAGED);
    const reloaded = page.waitForEvent("load");
    await watchdog.reload.click();
    await reloaded;
    await watchdog.expectFailure(DAMAGED);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null), "the worker still serves the page").toBe(true);
    await context.setOffline(false);
    checkConsole();
  });
});
