// Rapport as an installed phone app: the installed app's storage is its own (as
// on iPhone), so the app says whether it runs installed or in a browser tab and
// how to move a journal across; backups go to the system share sheet; files
// shared to the app or opened with it land in the import preview; and the
// app's icon can show how many people are due today. At phone size.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test, expect } from "./support/fixtures.mjs";
import { PwaPage } from "./pages/pwa.mjs";
import { TodayScreen, freezeClock, logContact } from "./pages/insights.mjs";

test.use({ viewport: { width: 390, height: 844 }, locale: "en-US", timezoneId: "UTC" });

const VCARD = readFileSync(fileURLToPath(new URL("../fixtures/contacts/iphone.vcf", import.meta.url)));

const INSTALL_NOTE = "Installing makes a separate copy of the app. Move your journal into it with a backup.";

/**
 * Makes the page see `display-mode: standalone`, as an installed app's window does.
 * DevTools' media emulation is asked first. Some Chromium builds (156 here) accept
 * the display-mode feature but do not apply it; there the page's own
 * matchMedia answers display-mode queries as a standalone window would, with
 * real MediaQueryList objects ("all" matches, "not all" does not).
 */
async function emulateInstalled(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "display-mode", value: "standalone" }] });
  const applied = await page.evaluate(() => matchMedia("(display-mode: standalone)").matches);
  if (applied) return;
  await page.addInitScript(() => {
    const real = window.matchMedia.bind(window);
    window.matchMedia = (query) => {
      const mode = /\(\s*display-mode\s*:\s*([a-z-]+)\s*\)/.exec(query);
      if (!mode) return real(query);
      return real(mode[1] === "standalone" ? "all" : "not all");
    };
  });
}

/**
 * Makes the page report Safari's engine (navigator.vendor "Apple Computer, Inc."),
 * whose installed web apps keep storage apart from the browser's. This Chromium
 * shares it, so without this the note about a separate copy must not show.
 */
async function emulateSafariEngine(page) {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "vendor", { configurable: true, get: () => "Apple Computer, Inc." });
  });
}

/** What Rapport keeps in localStorage, as { key: value }. */
async function rapportEntries(page) {
  return page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("rapport/")).map((k) => [k, localStorage.getItem(k)])),
  );
}

async function addPerson(page, people, app, fields) {
  await app.go("People");
  await people.addSomeone(fields);
  await expect(app.toast).toContainText(`Added ${fields.name}`);
}

test.describe("installed or in a browser tab", () => {
  test("Safari's engine: a browser tab with a journal says once what installing does; Settings keeps saying it", async ({ page, app, people }) => {
    await emulateSafariEngine(page);
    await app.open();
    const note = page.getByRole("region", { name: "Before you install Rapport" });
    // An empty journal has nothing to move: no note.
    await expect(app.welcomeHeading).toBeVisible();
    await expect(note).toBeHidden();
    await expect(page.getByRole("link", { name: "Bring your journal from the browser" })).toBeHidden();

    await addPerson(page, people, app, { name: "Ada Lovelace" });
    await app.go("Today");
    await expect(note).toContainText(INSTALL_NOTE);
    await expect(note.getByRole("listitem")).toHaveText([
      "In this browser tab, open Settings, then Backups, and download (or share) a backup.",
      "Open the installed app, go to Settings, then Backups, and restore that file.",
    ]);
    await app.expectNoAxeViolations();
    await page.screenshot({ path: "test-results/install-note-phone.png" });

    await note.getByRole("button", { name: "Got it" }).click();
    await expect(note).toBeHidden();
    await page.reload();
    await app.waitUntilReady();
    await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
    await expect(note).toBeHidden();

    await app.go("Settings");
    const section = page.getByRole("region", { name: "This app on this device" });
    await expect(section).toContainText("Rapport is running in a browser tab.");
    await expect(section).toContainText(INSTALL_NOTE);
    await expect(section.getByRole("listitem")).toHaveCount(2);
    // The advice about Safari's seven-day deletion stays.
    await expect(page.getByRole("region", { name: "Storage" })).toContainText("Safari deletes data from sites you have not opened for 7 days");
  });

  test("Safari's engine, installed: an empty journal is offered the browser's journal first; Settings says installed", async ({ page, app, people }) => {
    await emulateSafariEngine(page);
    await emulateInstalled(page);
    await app.open();
    expect(await page.evaluate(() => matchMedia("(display-mode: standalone)").matches)).toBe(true);

    const options = page.locator(".start-options > li");
    await expect(page.getByRole("heading", { name: "Four ways to start" })).toBeVisible();
    await expect(options.first().getByRole("link").first()).toHaveText("Bring your journal from the browser");
    await expect(options.first()).toContainText("Export yours in the browser tab, then import it here");
    await expect(options.first().getByRole("listitem")).toHaveText([
      "In the browser tab where you kept Rapport, open Settings, then Backups, and download a backup.",
      "Here, choose that file under Restore a backup.",
    ]);
    await app.expectNoAxeViolations();
    await page.screenshot({ path: "test-results/install-welcome-phone.png" });

    await options.first().getByRole("link", { name: "Bring your journal from the browser" }).click();
    await expect(page.getByRole("heading", { name: "Backups", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Backup file", { exact: true })).toBeInViewport();

    await addPerson(page, people, app, { name: "Ada Lovelace" });
    await app.go("Today");
    // The installed app is where the journal should be: no note about installing.
    await expect(page.getByRole("region", { name: "Before you install Rapport" })).toBeHidden();
    await app.go("Settings");
    const section = page.getByRole("region", { name: "This app on this device" });
    await expect(section).toContainText("Rapport is running as an installed app on this device.");
    await expect(section).toContainText("keeps a journal of its own");
    await expect(section).not.toContainText(INSTALL_NOTE);
  });
});

test.describe("where installing keeps the journal (Chromium, Firefox)", () => {
  test("no note about a separate copy, and Settings says the journal comes along", async ({ page, app, people }) => {
    await app.open();
    await addPerson(page, people, app, { name: "Ada Lovelace" });
    await app.go("Today");
    await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Before you install Rapport" })).toBeHidden();
    await app.go("Settings");
    const section = page.getByRole("region", { name: "This app on this device" });
    await expect(section).toContainText("Rapport is running in a browser tab.");
    await expect(section).toContainText("Installing Rapport from this browser keeps this journal");
    await expect(section).not.toContainText(INSTALL_NOTE);
    await expect(section.getByRole("listitem")).toHaveCount(0);
  });

  test("installed, the app starts with the usual three ways and shares the browser's journal", async ({ page, app }) => {
    await emulateInstalled(page);
    await app.open();
    await expect(page.getByRole("heading", { name: "Three ways to start" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Bring your journal from the browser" })).toHaveCount(0);
    await app.open("./#/settings");
    const section = page.getByRole("region", { name: "This app on this device" });
    await expect(section).toContainText("Rapport is running as an installed app on this device.");
    await expect(section).toContainText("The installed app and this browser's tabs share one journal.");
  });
});

// ---------------------------------------------------------------- sharing a backup

/** A navigator.canShare/share that accept files and record what was shared. */
function stubShare({ cancel = false } = {}) {
  window.__shared = [];
  Object.defineProperty(Navigator.prototype, "canShare", {
    configurable: true,
    value: (data) => Boolean(data && data.files && data.files.length),
  });
  Object.defineProperty(Navigator.prototype, "share", {
    configurable: true,
    value: async (data) => {
      if (cancel) throw new DOMException("Share canceled", "AbortError");
      for (const file of data.files) {
        window.__shared.push({ name: file.name, type: file.type, bytes: Array.from(new Uint8Array(await file.arrayBuffer())) });
      }
    },
  });
}

test.describe("sharing a backup", () => {
  test("where files can be shared, the backup goes to the share sheet and is a valid backup", async ({ page, app, people, backups }) => {
    await page.addInitScript(stubShare);
    await app.open();
    await addPerson(page, people, app, { name: "Ada Lovelace" });
    await addPerson(page, people, app, { name: "Grace Hopper" });
    await backups.open();
    await page.screenshot({ path: "test-results/install-share-phone.png" });
    await page.getByRole("button", { name: "Share a backup" }).click();
    await expect(app.toast).toContainText("Backup shared.");
    await expect(backups.lastBackup).toHaveText("Last backup today.");

    const shared = await page.evaluate(() => window.__shared);
    expect(shared).toHaveLength(1);
    expect(shared[0].name).toMatch(/^rapport-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(shared[0].type).toBe("application/json");
    const text = Buffer.from(shared[0].bytes).toString("utf8");
    // The bytes are a backup of this journal: restoring them finds both people, identical.
    await backups.chooseBackup({ name: shared[0].name, text });
    await expect(backups.preview).toContainText("People: 0 new, 2 identical");
    expect(JSON.parse(text).people.map((p) => p.name).sort()).toEqual(["Ada Lovelace", "Grace Hopper"]);
  });

  test("an encrypted backup is shared too, and a closed share sheet is not an error", async ({ page, app, people, backups }) => {
    await page.addInitScript(stubShare);
    await app.open();
    await addPerson(page, people, app, { name: "Ada Lovelace" });
    await backups.open();
    await page.getByLabel("Passphrase", { exact: true }).fill("correct horse battery");
    await page.getByLabel("Passphrase again", { exact: true }).fill("correct horse battery");
    await page.getByRole("button", { name: "Share an encrypted backup" }).click();
    await expect(app.toast).toContainText("Encrypted backup shared.");
    const shared = await page.evaluate(() => window.__shared);
    expect(shared[0].name).toMatch(/\.json$/);
    await backups.chooseBackup({ name: shared[0].name, text: Buffer.from(shared[0].bytes).toString("utf8") });
    await backups.unlock("correct horse battery");
    await expect(backups.preview).toContainText("People: 0 new, 1 identical");

    // The user closes the share sheet: nothing is said, nothing recorded.
    await page.evaluate(() => {
      Object.defineProperty(Navigator.prototype, "share", {
        configurable: true,
        value: async () => {
          throw new DOMException("Share canceled", "AbortError");
        },
      });
    });
    await page.getByRole("button", { name: "Dismiss" }).click();
    await page.getByRole("button", { name: "Share a backup" }).click();
    await page.waitForTimeout(300);
    await expect(app.toast).toBeHidden();
  });

  test("where files cannot be shared, the backup downloads as before", async ({ page, app, people, backups }) => {
    await page.addInitScript(() => {
      delete Navigator.prototype.share;
      delete Navigator.prototype.canShare;
    });
    await app.open();
    await addPerson(page, people, app, { name: "Ada Lovelace" });
    await backups.open();
    await expect(page.getByRole("button", { name: "Share a backup" })).toHaveCount(0);
    const file = await backups.downloadBackup();
    expect(file.name).toMatch(/^rapport-backup-.*\.json$/);
    expect(JSON.parse(file.text).people.map((p) => p.name)).toEqual(["Ada Lovelace"]);
  });
});

// ---------------------------------------------------------------- files from outside

test.describe("opening a file in the app", () => {
  test("the manifest's share_target and file_handlers follow the specs' rules", async ({ page, request, app }) => {
    await app.open();
    const manifestUrl = new URL("manifest.webmanifest", page.url());
    const manifest = await (await request.get(manifestUrl.href)).json();
    const scope = new URL(manifest.scope, manifestUrl).href;
    const inScope = (url) => new URL(url, manifestUrl).href.startsWith(scope);

    // Web Share Target: a POST of multipart/form-data, inside the scope, with a files param.
    const target = manifest.share_target;
    expect(inScope(target.action)).toBe(true);
    expect(target.method).toBe("POST");
    expect(target.enctype).toBe("multipart/form-data");
    expect(target.params.files.length).toBeGreaterThan(0);
    for (const param of target.params.files) {
      expect(param.name).toMatch(/^\w+$/);
      expect(param.accept).toEqual(expect.arrayContaining(["application/json", ".json", ".vcf"]));
      for (const type of param.accept) expect(type).toMatch(/^(\.[a-z0-9]+|[a-z]+\/[a-z0-9.+-]+)$/);
    }

    // File Handling: each action in scope; accept maps a MIME type to extensions starting with a dot.
    expect(manifest.file_handlers.length).toBeGreaterThan(0);
    for (const handler of manifest.file_handlers) {
      expect(inScope(handler.action)).toBe(true);
      expect(Object.keys(handler.accept).sort()).toEqual(["application/json", "text/vcard"]);
      for (const [type, extensions] of Object.entries(handler.accept)) {
        expect(type).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
        for (const extension of extensions) expect(extension).toMatch(/^\.[a-z0-9]+$/);
      }
      expect(Object.values(handler.accept).flat().sort()).toEqual([".json", ".vcf"]);
      for (const icon of handler.icons ?? []) {
        const response = await request.get(new URL(icon.src, manifestUrl).href);
        expect(response.status(), icon.src).toBe(200);
      }
    }
    for (const icon of manifest.icons) {
      expect((await request.get(new URL(icon.src, manifestUrl).href)).status(), icon.src).toBe(200);
    }
  });

  test("a backup shared to the app lands in the import preview, and nothing is stored until the user chooses", async ({ page, app, people, backups }) => {
    const pwa = new PwaPage(page);
    await app.open();
    await pwa.waitForServiceWorker();
    await addPerson(page, people, app, { name: "Ada Lovelace" });
    await addPerson(page, people, app, { name: "Grace Hopper" });
    await backups.open();
    const backup = await backups.downloadBackup();
    // Start again from an empty journal, which the shared backup should fill.
    await page.evaluate(() => localStorage.clear());
    await app.open();
    await expect(app.welcomeHeading).toBeVisible();
    const before = await rapportEntries(page);

    // The system delivers a share as a POST of the form to the manifest's action;
    // from a page the worker controls, fetch() sends the same request through the
    // same worker. It answers with a redirect to the app, which the test follows
    // as the browser's navigation would.
    const landed = await page.evaluate(async ({ name, text }) => {
      const form = new FormData();
      form.append("file", new File([text], name, { type: "application/json" }));
      const response = await fetch("./share-target", { method: "POST", body: form });
      return { url: response.url, status: response.status, controlled: Boolean(navigator.serviceWorker.controller) };
    }, backup);
    expect(landed).toMatchObject({ status: 200, controlled: true });
    expect(new URL(landed.url).search).toBe("?share-target");
    expect((await pwa.caches())["rapport-shared"]).toEqual([new URL("shared-file", page.url()).href]);

    await page.goto(landed.url);
    await app.waitUntilReady();
    await expect(page.getByRole("heading", { name: "Backups", level: 1 })).toBeVisible();
    await expect(backups.preview).toContainText("People: 2 new, 0 identical");
    await expect(backups.preview).toBeInViewport();
    await app.expectNoAxeViolations();
    // The kept copy is gone, the address no longer asks for it, and nothing was stored.
    expect((await pwa.caches())["rapport-shared"]).toEqual([]);
    expect(new URL(page.url()).search).toBe("");
    expect(await rapportEntries(page)).toEqual(before);

    await backups.merge();
    await expect(app.toast).toContainText("Backup imported and merged.");
    await app.go("People");
    await expect(people.names()).toHaveText(["Ada Lovelace", "Grace Hopper"]);
  });

  test("a shared file that is not a backup is refused, with the problem, and nothing changes", async ({ page, app, people, backups }) => {
    const pwa = new PwaPage(page);
    await app.open();
    await pwa.waitForServiceWorker();
    await addPerson(page, people, app, { name: "Ada Lovelace" });
    const before = await rapportEntries(page);
    const landed = await page.evaluate(async () => {
      const form = new FormData();
      form.append("file", new File(["not a backup"], "notes.json", { type: "application/json" }));
      return (await fetch("./share-target", { method: "POST", body: form })).url;
    });
    await page.goto(landed);
    await app.waitUntilReady();
    await expect(page.getByRole("heading", { name: "Backups", level: 1 })).toBeVisible();
    await expect(page.getByText("This file was not imported. Nothing was changed.")).toBeVisible();
    await expect(backups.problems.getByRole("listitem").first()).toBeVisible();
    expect((await pwa.caches())["rapport-shared"]).toEqual([]);
    expect(await rapportEntries(page)).toEqual(before);
  });

  test("a .vcf file the app is opened with lands in the contacts preview", async ({ page, app, people, backups }) => {
    // What Chromium does for a file handler: hand the launched file to the
    // consumer set on window.launchQueue.
    await page.addInitScript((bytes) => {
      const file = new File([new Uint8Array(bytes)], "Contacts.vcf", { type: "text/vcard" });
      const queue = {
        setConsumer(consumer) {
          setTimeout(() => consumer({ files: [{ kind: "file", name: file.name, getFile: async () => file }] }), 0);
        },
      };
      // Chromium has a launchQueue of its own, which only a real launch fills.
      Object.defineProperty(window, "launchQueue", { configurable: true, value: queue });
    }, Array.from(VCARD));
    await app.open();
    await expect(page.getByRole("heading", { name: "Backups", level: 1 })).toBeVisible();
    const preview = backups.contactsPreview("Import phone contacts (vCard)");
    await expect(preview).toContainText("2 contacts found, 2 to add");
    expect(Object.keys(await rapportEntries(page)).some((k) => k.includes("person"))).toBe(false);
    await preview.getByRole("button", { name: "Import these contacts" }).click();
    await expect(app.toast).toContainText("Imported 2 people");
    await app.go("People");
    await expect(people.names()).toHaveCount(2);
  });
});

// ---------------------------------------------------------------- the app badge

/** navigator.setAppBadge/clearAppBadge that record their calls in window.__badge. */
function stubBadge() {
  window.__badge = [];
  Object.defineProperty(Navigator.prototype, "setAppBadge", {
    configurable: true,
    value: async (count) => void window.__badge.push(["set", count]),
  });
  Object.defineProperty(Navigator.prototype, "clearAppBadge", {
    configurable: true,
    value: async () => void window.__badge.push(["clear"]),
  });
}

test.describe("the count on the app's icon", () => {
  test("off by default; on, it follows Today's due count and clears at zero", async ({ page, app, people }) => {
    await page.addInitScript(stubBadge);
    await freezeClock(page);
    await app.open();
    await addPerson(page, people, app, { name: "Ada Lovelace", every: 30 });
    await addPerson(page, people, app, { name: "Ben Okafor", every: 30 });
    await logContact(page, { who: "Ada Lovelace", date: "2026-01-02" });
    await logContact(page, { who: "Ben Okafor", date: "2026-01-20" });
    const today = new TodayScreen(page);
    await app.go("Today");
    await expect(today.reconnect.locator(".card-intro")).toHaveText("2 people are due by your cadence, most overdue first.");
    // Off by default: not one call.
    expect(await page.evaluate(() => window.__badge)).toEqual([]);

    await app.go("Settings");
    const badge = page.getByLabel("Show how many people are due today on the app's icon");
    await expect(badge).not.toBeChecked();
    await badge.check();
    await page.getByRole("region", { name: "This app on this device" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/install-settings-phone.png" });
    await expect.poll(() => page.evaluate(() => window.__badge.at(-1))).toEqual(["set", 2]);

    // A contact with Ada today: one person is due, on Today and on the icon.
    await logContact(page, { who: "Ada Lovelace" });
    await app.go("Today");
    await expect(today.reconnect.locator(".card-intro")).toHaveText("1 person is due by your cadence.");
    await expect.poll(() => page.evaluate(() => window.__badge.at(-1))).toEqual(["set", 1]);

    // The choice is kept on this device.
    await expect(app.toast).toContainText("Logged");
    await page.reload();
    await app.waitUntilReady();
    await expect.poll(() => page.evaluate(() => window.__badge.at(-1))).toEqual(["set", 1]);

    // And with Ben, nobody is due: the badge is cleared.
    await logContact(page, { who: "Ben Okafor" });
    await expect(today.reconnect.locator(".card-intro")).toHaveText("Nobody is due. Well kept.");
    await expect.poll(() => page.evaluate(() => window.__badge.at(-1))).toEqual(["clear"]);

    // Turned off, it clears and stays quiet.
    await app.go("Settings");
    await badge.uncheck();
    const calls = await page.evaluate(() => window.__badge.length);
    await logContact(page, { who: "Ada Lovelace", date: "2026-01-02" });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.__badge.length)).toBe(calls);
  });

  test("where the browser has no app badge, Settings says so", async ({ page, app }) => {
    await page.addInitScript(() => {
      delete Navigator.prototype.setAppBadge;
      delete Navigator.prototype.clearAppBadge;
    });
    await app.open();
    await app.go("Settings");
    const section = page.getByRole("region", { name: "This app on this device" });
    await expect(section).toContainText("Not available in this browser.");
    await expect(page.getByLabel("Show how many people are due today on the app's icon")).toHaveCount(0);
  });
});
