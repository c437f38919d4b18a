// Page objects: they find things by role and label, as a user (or a screen reader) would.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect } from "@playwright/test";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export class AppPage {
  constructor(page) {
    this.page = page;
    this.appName = page.getByRole("banner").getByText("Rapport", { exact: true });
    this.welcomeHeading = page.getByRole("heading", { name: "Your networking journal" });
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.toast = page.getByRole("status").filter({ has: page.locator(".toast") });
  }

  async open(path = "./") {
    await this.page.goto(path);
    await this.waitUntilReady();
  }

  /** The app has started: its navigation only exists once the wasm runs. */
  async waitUntilReady() {
    await expect(this.nav).toBeVisible();
  }

  async go(section) {
    await this.nav.getByRole("link", { name: section, exact: true }).click();
  }

  /** Runs axe-core in the page and returns its violations (injected over CDP, so the CSP stays on). */
  async axeViolations() {
    await this.page.evaluate(AXE_SOURCE);
    const result = await this.page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
    );
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }

  async expectNoAxeViolations() {
    expect(await this.axeViolations()).toEqual([]);
  }

  async undo() {
    await this.page.getByRole("button", { name: "Undo" }).click();
  }
}

export class PeoplePage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole("heading", { name: "People", level: 1 });
    this.search = page.getByLabel("Search people");
    this.list = page.getByRole("list", { name: "People" });
  }

  async addSomeone(fields) {
    await this.page.getByRole("button", { name: "Add someone" }).first().click();
    const dialog = new PersonDialog(this.page);
    await dialog.fill(fields);
    await dialog.save();
  }

  names() {
    return this.list.locator(".person-name");
  }

  link(name) {
    return this.list.getByRole("link", { name, exact: true });
  }
}

export class PersonDialog {
  constructor(page) {
    this.page = page;
    this.dialog = page.getByRole("dialog");
  }

  async fill(fields) {
    const labels = {
      name: "Name",
      org: "Organisation",
      role: "Role",
      tags: "Circles or tags",
      every: "Keep in touch every (days)",
      atMost: "At most (days)",
      notes: "Notes",
      birthday: "Birthday",
      metOn: "When you met",
    };
    for (const [key, value] of Object.entries(fields)) {
      await this.dialog.getByLabel(labels[key], { exact: true }).fill(String(value));
    }
  }

  async save() {
    await this.dialog.getByRole("button", { name: "Save" }).click();
  }
}

export class QuickLog {
  constructor(page) {
    this.page = page;
    this.dialog = page.getByRole("dialog", { name: "Log a contact" });
    this.who = this.dialog.getByRole("combobox", { name: "Who with" });
  }

  async openWithKey() {
    await this.page.keyboard.press("n");
    await expect(this.dialog).toBeVisible();
  }

  async openWithButton() {
    await this.page.getByRole("button", { name: "Log", exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Logs a contact: `who`, and optionally an exchange in plain words. */
  async log({ who, kind, by, exchange, what, answer, note }) {
    await this.who.fill(who);
    await this.who.press("Enter");
    if (kind) await this.dialog.getByLabel("What", { exact: true }).first().selectOption({ label: kind });
    if (by) await this.dialog.getByRole("radio", { name: by }).check();
    if (exchange) {
      await this.dialog.getByLabel("Anything asked or given?").selectOption({ label: exchange });
      if (what) await this.dialog.locator("#quick-log-what").fill(what);
      if (answer) await this.dialog.getByRole("radio", { name: answer, exact: true }).check();
    }
    if (note) await this.dialog.getByLabel("Note").fill(note);
    await this.dialog.getByRole("button", { name: "Log it" }).click();
    await expect(this.dialog).toBeHidden();
  }
}

export class PersonPage {
  constructor(page) {
    this.page = page;
    this.counters = page.locator(".counters");
    this.nudges = page.getByRole("region", { name: "Nudges" });
    this.history = page.getByRole("region", { name: "History" });
  }

  heading(name) {
    return this.page.getByRole("heading", { name, level: 1 });
  }

  async delete() {
    await this.page.getByRole("button", { name: "Delete…" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  }
}
