// Page objects for the installable, offline app: the service worker, its
// caches, the "new version" message, and (for the offline test) the People
// screen, found by role and label as a user would.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect } from "@playwright/test";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export class PwaPage {
  constructor(page) {
    this.page = page;
    this.updateStatus = page.getByRole("status").filter({ hasText: "A new version is ready." });
    this.reloadButton = this.updateStatus.getByRole("button", { name: "Reload" });
  }

  /** Waits until a service worker controls the page (the first visit gets one too). */
  async waitForServiceWorker() {
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  }

  /** Cache Storage as { cacheName: [URL, ...] }, URLs sorted. */
  async caches() {
    return this.page.evaluate(async () => {
      const out = {};
      for (const name of await caches.keys()) {
        const requests = await (await caches.open(name)).keys();
        out[name] = requests.map((request) => request.url).sort();
      }
      return out;
    });
  }

  /** Asks the browser to look for a new sw.js now, as the app does every hour. */
  async checkForUpdate() {
    await this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
    });
  }

  /** axe-core's findings about the update message alone (injected over CDP, so the CSP stays on). */
  async updateMessageViolations() {
    await this.page.evaluate(AXE_SOURCE);
    const result = await this.page.evaluate(() =>
      window.axe.run(
        { include: [[".pwa-update"]] },
        { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } },
      ),
    );
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }

  /** The status of a same-origin GET, as the page sees it (through the worker). */
  async fetchStatus(path) {
    return this.page.evaluate((url) => fetch(url).then((response) => response.status), path);
  }
}

/** The People screen, written against its contract (see pwa.spec.mjs). */
export class PeopleScreen {
  constructor(page) {
    this.page = page;
    this.navLink = page.getByRole("navigation").getByRole("link", { name: "People", exact: true }).first();
    this.addButton = page.getByRole("button", { name: "Add someone" }).first();
    this.dialog = page.getByRole("dialog");
    this.nameBox = this.dialog.getByRole("textbox", { name: "Name", exact: true });
    this.saveButton = this.dialog.getByRole("button", { name: "Save", exact: true });
  }

  async open() {
    await this.navLink.click();
    await expect(this.page).toHaveURL(/#\/people$/);
  }

  /** Adds someone by name, then comes back to the list, where they are a link. */
  async addPerson(name) {
    await this.addButton.click();
    await expect(this.dialog).toBeVisible();
    await this.nameBox.fill(name);
    await this.saveButton.click();
    await expect(this.dialog).toBeHidden();
    await this.open();
    await expect(this.personLink(name)).toBeVisible();
  }

  personLink(name) {
    return this.page.getByRole("link", { name, exact: true });
  }
}
