// Rapport as an installable, offline app: the manifest and icons, Chromium's
// own installability check, the service worker's precache, starting offline,
// and updating to a new build without breaking the running one. Every test
// runs against the built dist/: at the root (port 4173), under /rapport/ (port
// 4174), or, to swap deployments, from a server of its own under /rapport/.
import { chromium } from "@playwright/test";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { test, expect } from "./support/fixtures.mjs";
import { AppPage } from "./pages/app.mjs";
import { PeopleScreen, PwaPage } from "./pages/pwa.mjs";
import { CHROMIUM_ARGS, ROOT_URL, SUBPATH_URL } from "./playwright.config.mjs";
import { startServer } from "./serve.mjs";
import { listFiles, writeServiceWorker } from "../../tools/precache.mjs";

const DIST = fileURLToPath(new URL(`../../${process.env.E2E_DIST ?? "dist"}/`, import.meta.url));
const distFile = (path) => readFileSync(join(DIST, path));
const BOTH = [
  ["at the root", ROOT_URL],
  ["under /rapport/", SUBPATH_URL],
];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  expect(bytes.subarray(1, 4).toString("latin1"), "a PNG signature").toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

// A test with a persistent browser profile: Chromium reports every incognito
// context (Playwright's usual kind) as not installable. It is watched the way
// the shared fixtures watch `page`: no console errors, no other origin.
const profileTest = test.extend({
  profile: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-profile-"));
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
      serviceWorkers: "allow",
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    const requests = [];
    page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
    page.on("pageerror", (err) => errors.push(String(err)));
    context.on("request", (req) => requests.push(req.url()));
    try {
      await use({ context, page });
      const origin = new URL(page.url()).origin;
      expect(requests.filter((url) => new URL(url).origin !== origin), "requests to other origins").toEqual([]);
      expect(errors, "console errors").toEqual([]);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

test.describe("installable", () => {
  for (const [where, base] of BOTH) {
    test(`the manifest, icons and iOS tags are in place, ${where}`, async ({ page, request, app }) => {
      await app.open(base);

      const href = await page.locator('link[rel="manifest"]').getAttribute("href");
      const manifestUrl = new URL(href, page.url());
      expect(manifestUrl.href).toBe(new URL("manifest.webmanifest", base).href);
      const response = await request.get(manifestUrl.href);
      expect(response.headers()["content-type"]).toBe("application/manifest+json");
      const manifest = await response.json();

      expect(manifest.name).toMatch(/^Rapport/);
      expect(manifest.short_name).toBe("Rapport");
      expect(manifest.description.length).toBeGreaterThan(20);
      expect(manifest.display).toBe("standalone");
      // Relative to the manifest, so the same dist/ works at any path.
      expect(manifest.start_url).toBe("./");
      expect(manifest.scope).toBe("./");
      expect(new URL(manifest.start_url, manifestUrl).href).toBe(base);
      for (const key of ["theme_color", "background_color"]) {
        expect(manifest[key]).toMatch(/^#[0-9a-f]{6}$/);
        expect(manifest.user_preferences.color_scheme_dark[key]).toMatch(/^#[0-9a-f]{6}$/);
      }

      // Every icon is served with its declared type and size.
      const sizes = {};
      for (const icon of manifest.icons) {
        const res = await request.get(new URL(icon.src, manifestUrl).href);
        expect(res.ok(), icon.src).toBe(true);
        expect(res.headers()["content-type"]).toBe(icon.type);
        const bytes = await res.body();
        if (icon.type === "image/png") expect(pngSize(bytes), icon.src).toBe(icon.sizes);
        else expect(bytes.toString("utf8")).toContain('viewBox="0 0 512 512"');
        for (const purpose of icon.purpose.split(" ")) (sizes[purpose] ??= []).push(icon.sizes);
      }
      expect(sizes.any).toEqual(expect.arrayContaining(["any", "192x192", "512x512"]));
      expect(sizes.maskable).toEqual(expect.arrayContaining(["512x512"]));

      // Light and dark theme colours for the browser's own bars.
      const themes = page.locator('meta[name="theme-color"]');
      await expect(themes.and(page.locator('[media="(prefers-color-scheme: light)"]'))).toHaveAttribute("content", manifest.theme_color);
      await expect(themes.and(page.locator('[media="(prefers-color-scheme: dark)"]'))).toHaveAttribute(
        "content",
        manifest.user_preferences.color_scheme_dark.theme_color,
      );

      // iOS: a home-screen icon without transparency, and the standalone tags.
      const meta = (name) => page.locator(`meta[name="${name}"]`);
      await expect(meta("apple-mobile-web-app-capable")).toHaveAttribute("content", "yes");
      await expect(meta("mobile-web-app-capable")).toHaveAttribute("content", "yes");
      await expect(meta("apple-mobile-web-app-title")).toHaveAttribute("content", "Rapport");
      await expect(meta("apple-mobile-web-app-status-bar-style")).toHaveAttribute("content", "default");
      const touchHref = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
      const touch = await request.get(new URL(touchHref, page.url()).href);
      expect(touch.headers()["content-type"]).toBe("image/png");
      expect(pngSize(await touch.body())).toBe("180x180");
    });
  }

  test("the maskable icon keeps its artwork inside the safe zone and fills the square", async ({ page }) => {
    await new AppPage(page).open();
    // Every pixel outside the safe zone (a centred circle, 40% of the size in
    // radius) is plain background, and the corners are opaque: a mask of any
    // shape cuts nothing but background.
    const report = await page.evaluate(async () => {
      const image = new Image();
      image.src = "./icons/icon-maskable-512.png";
      await image.decode();
      const size = image.naturalWidth;
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = size;
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, size, size);
      const background = Array.from(data.subarray(0, 4));
      let outside = 0;
      let artworkOutside = 0;
      let artworkInside = 0;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const i = (y * size + x) * 4;
          const plain = [0, 1, 2, 3].every((c) => Math.abs(data[i + c] - background[c]) <= 2);
          const r = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2);
          if (r > size * 0.4) {
            outside++;
            if (!plain) artworkOutside++;
          } else if (!plain) artworkInside++;
        }
      }
      return { size, background, outside, artworkOutside, artworkInside };
    });
    expect(report.size).toBe(512);
    expect(report.background).toEqual([0x1f, 0x5f, 0xa8, 255]);
    expect(report.artworkOutside).toBe(0);
    expect(report.artworkInside, "the icon has artwork, not just a colour").toBeGreaterThan(20_000);
  });

  for (const [where, base] of BOTH) {
    profileTest(`Chromium reports no installability errors, ${where}`, async ({ profile }) => {
      const { context, page } = profile;
      const app = new AppPage(page);
      await app.open(base);
      await new PwaPage(page).waitForServiceWorker();

      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send("Page.getAppManifest");
      expect(manifest.url).toBe(new URL("manifest.webmanifest", base).href);
      expect(manifest.errors).toEqual([]);
      // The manifest Chromium fetched is the one in dist/.
      expect(manifest.data).toBe(distFile("manifest.webmanifest").toString("utf8"));

      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      expect(installabilityErrors).toEqual([]);
    });
  }
});

test.describe("offline", () => {
  test("the service worker precaches every file of the build, and the app starts offline under /rapport/", async ({
    page,
    context,
  }) => {
    const app = new AppPage(page);
    const pwa = new PwaPage(page);
    await app.open(SUBPATH_URL);
    await pwa.waitForServiceWorker();

    // One cache, named after this build and this scope, holding all of dist/
    // but the worker itself.
    const sw = distFile("sw.js").toString("utf8");
    const build = sw.match(/^const BUILD = "([0-9a-f]{16})";$/m)[1];
    const expected = listFiles(DIST)
      .filter((path) => path !== "sw.js")
      .map((path) => new URL(path, SUBPATH_URL).href)
      .sort();
    expect(await pwa.caches()).toEqual({ [`rapport:/rapport/:${build}`]: expected });

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    const responses = [];
    page.on("response", (res) => responses.push(res));
    await page.reload();
    await app.waitUntilReady();
    expect(new URL(page.url()).pathname).toBe("/rapport/");
    // Everything, the page itself and the wasm included, came from the cache.
    expect(responses.map((res) => res.url())).toEqual(
      expect.arrayContaining([SUBPATH_URL, expect.stringMatching(/_bg\.wasm$/)]),
    );
    expect(responses.filter((res) => !res.fromServiceWorker()).map((res) => res.url())).toEqual([]);

    // A deep link that the server never saw still opens the app.
    await page.goto(new URL("?from=home-screen#/", SUBPATH_URL).href);
    await app.waitUntilReady();
  });

  test("the first visit downloads each file of the build once: the worker fills its cache from what the page fetched", async ({
    page,
  }) => {
    // Its own server, gzipped as a static host serves, counting what it is asked for.
    const server = await startServer({ root: DIST, port: 0, prefix: "/rapport/", gzip: true });
    const asked = {};
    server.on("request", (req) => {
      const path = new URL(req.url, "http://localhost").pathname.slice("/rapport/".length) || "index.html";
      asked[path] = (asked[path] ?? 0) + 1;
    });
    try {
      const base = `http://127.0.0.1:${server.address().port}/rapport/`;
      const app = new AppPage(page);
      const pwa = new PwaPage(page);
      await app.open(base);
      await pwa.waitForServiceWorker();
      // The cache holds the whole build ...
      const [cached] = Object.values(await pwa.caches());
      expect(cached).toHaveLength(listFiles(DIST).length - 1);
      // ... yet every content-hashed file, the wasm above all, crossed the
      // network once: the page's download was reused, not repeated.
      const hashed = listFiles(DIST).filter((path) => /-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$/.test(path));
      expect(hashed).toContainEqual(expect.stringMatching(/_bg\.wasm$/));
      expect(Object.fromEntries(hashed.map((path) => [path, asked[path]]))).toEqual(Object.fromEntries(hashed.map((path) => [path, 1])));
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  test("dist/ carries brotli and gzip copies of the text and wasm files, and the worker precaches none of them", async ({ page, app }) => {
    // make dist writes them (tools/compress.mjs) for hosts that serve them as they are.
    const wasm = listFiles(DIST).find((path) => path.endsWith("_bg.wasm"));
    for (const path of [wasm, "index.html", "sw.js"]) {
      expect(brotliDecompressSync(distFile(`${path}.br`)).equals(distFile(path)), `${path}.br`).toBe(true);
      expect(gunzipSync(distFile(`${path}.gz`)).equals(distFile(path)), `${path}.gz`).toBe(true);
    }
    await app.open(ROOT_URL);
    const pwa = new PwaPage(page);
    await pwa.waitForServiceWorker();
    const [cached] = Object.values(await pwa.caches());
    expect(cached).toContain(new URL(wasm, ROOT_URL).href);
    expect(cached.filter((url) => /\.(br|gz)$/.test(url))).toEqual([]);
  });

  // Written against the People screen's contract: on #/people (the nav link
  // "People"), "Add someone" opens a dialog with a "Name" text box and a
  // "Save" button; a saved person is a link in the list.
  test("a person added online is still there after reloading offline", async ({ page, context, app }) => {
    const pwa = new PwaPage(page);
    const people = new PeopleScreen(page);
    await app.open(ROOT_URL);
    await pwa.waitForServiceWorker();

    await people.open();
    await people.addPerson("Ada Lovelace");

    await context.setOffline(true);
    await page.reload();
    await app.waitUntilReady();
    await people.open();
    await expect(people.personLink("Ada Lovelace")).toBeVisible();
  });
});

test.describe("updates", () => {
  let second;

  // A second deployment: dist/ with a changed loader script (so, as with a
  // real trunk build, a file under a new hashed name, and the old name gone)
  // and a marker in index.html, and its own sw.js from the same generator.
  test.beforeAll(() => {
    second = mkdtempSync(join(tmpdir(), "rapport-second-build-"));
    cpSync(DIST, second, { recursive: true });
    let html = readFileSync(join(second, "index.html"), "utf8");
    const boot = html.match(/src="\.\/(boot-[0-9a-f]{16}\.js)"/)[1];
    const body = `${readFileSync(join(second, boot), "utf8")}// the second build\n`;
    const renamed = `boot-${createHash("sha256").update(body).digest("hex").slice(0, 16)}.js`;
    rmSync(join(second, boot));
    writeFileSync(join(second, renamed), body);
    html = html.replace(boot, renamed).replace("</head>", '<meta name="rapport-build" content="second" />\n</head>');
    writeFileSync(join(second, "index.html"), html);
    writeServiceWorker(second);
  });

  test.afterAll(() => rmSync(second, { recursive: true, force: true }));

  test("a new deployment shows 'A new version is ready.' and Reload switches to it, under /rapport/", async ({ page }) => {
    // Its own server, so that the test can swap what it serves.
    const server = await startServer({ root: DIST, port: 0, prefix: "/rapport/" });
    try {
      const base = `http://127.0.0.1:${server.address().port}/rapport/`;
      const app = new AppPage(page);
      const pwa = new PwaPage(page);
      const marker = page.locator('meta[name="rapport-build"]');
      await app.open(base);
      await pwa.waitForServiceWorker();
      const [firstCache] = Object.keys(await pwa.caches());
      const oldBoot = await page.locator('script[type="module"][src*="boot-"]').getAttribute("src");
      await expect(pwa.updateStatus).toHaveCount(0);

      server.setRoot(second);
      expect((await page.request.get(new URL(oldBoot, base).href)).status(), "the old loader is gone from the server").toBe(404);
      await pwa.checkForUpdate();

      await expect(pwa.updateStatus).toBeVisible();
      await expect(pwa.reloadButton).toBeVisible();
      // Nothing changed under the running version: it is still the first
      // build, the new one waits, and the old files still come from the cache.
      await expect(marker).toHaveCount(0);
      await expect(app.appName).toBeVisible();
      expect(await pwa.fetchStatus(oldBoot)).toBe(200);
      expect(Object.keys(await pwa.caches())).toHaveLength(2);

      // A plain browser reload keeps the old version, and the message.
      await page.reload();
      await app.waitUntilReady();
      await expect(marker).toHaveCount(0);
      await expect(pwa.updateStatus).toBeVisible();

      // The message passes axe in light and dark, and its button shows where
      // keyboard focus is.
      for (const colorScheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme });
        expect(await pwa.updateMessageViolations(), colorScheme).toEqual([]);
      }
      await pwa.reloadButton.focus();
      await expect(pwa.reloadButton).toBeFocused();
      const focus = await pwa.reloadButton.evaluate((el) => [el.matches(":focus-visible"), getComputedStyle(el).outlineStyle]);
      expect(focus).toEqual([true, "solid"]);

      const reloaded = page.waitForEvent("load");
      await pwa.reloadButton.click();
      await reloaded;
      await app.waitUntilReady();
      await expect(marker).toHaveAttribute("content", "second");
      await expect(pwa.updateStatus).toHaveCount(0);
      // The old cache is gone; only the new build's remains.
      const caches = Object.keys(await pwa.caches());
      expect(caches).toHaveLength(1);
      expect(caches[0]).not.toBe(firstCache);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});
