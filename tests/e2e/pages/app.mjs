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

  async searchFor(text) {
    await this.search.fill(text);
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
      if (key !== "name") await this.showDetails();
      await this.dialog.getByLabel(labels[key], { exact: true }).fill(String(value));
    }
  }

  /** Everything but the name waits under "More details"; opens it if closed. */
  async showDetails() {
    const details = this.dialog.locator("details.more-details");
    if ((await details.getAttribute("open")) === null) {
      await details.getByText("More details", { exact: true }).click();
      await expect(details).toHaveAttribute("open");
    }
  }

  async save() {
    await this.dialog.getByRole("button", { name: "Save" }).click();
  }

  /** The warning shown while adding a name someone already has. */
  sameNameWarning() {
    return this.dialog.getByRole("status").filter({ hasText: "You already have" });
  }

  /** The link to the person who already has the name, e.g. "Open Rachel Kim (Fjord Labs)". */
  openSameNamed(label) {
    return this.dialog.getByRole("link", { name: label, exact: true });
  }

  addAnywayButton() {
    return this.dialog.getByRole("button", { name: "Add anyway" });
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

  /** The suggestions under "Who with". */
  suggestions() {
    return this.dialog.getByRole("listbox", { name: "Matching people" });
  }

  /** The suggestion Enter would pick. */
  highlighted() {
    return this.suggestions().getByRole("option", { selected: true });
  }

  /** The "Add “…” as someone new" suggestion, for any name or for `name`. */
  addNewOption(name) {
    const text = name === undefined ? /^Add “.*” as someone new$/ : `Add “${name}” as someone new`;
    return this.suggestions().getByRole("option", { name: text });
  }

  async logIt() {
    await this.dialog.getByRole("button", { name: "Log it" }).click();
    await expect(this.dialog).toBeHidden();
  }

  async openWithButton() {
    await this.page.getByRole("button", { name: "Log", exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Logs a contact: `who`, and optionally an exchange in plain words. */
  async log({ who, kind, by, date, exchange, what, answer, promised, note }) {
    await this.who.fill(who);
    await this.who.press("Enter");
    if (kind) await this.dialog.getByLabel("What", { exact: true }).first().selectOption({ label: kind });
    if (by) await this.dialog.getByRole("radio", { name: by }).check();
    if (date) await this.dialog.getByLabel("When", { exact: true }).fill(date);
    if (exchange) {
      await this.dialog.getByLabel("Anything asked or given?").selectOption({ label: exchange });
      if (what) await this.dialog.locator("#quick-log-what").fill(what);
      if (answer) await this.dialog.getByRole("radio", { name: answer, exact: true }).check();
      if (promised) await this.dialog.getByLabel("Promised, not done yet").check();
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

  /** "Who reached out: you 100% · them 0% · both 0%". */
  whoReachedOut() {
    return this.page.getByText(/^Who reached out:/);
  }

  lastContact() {
    return this.page.getByText(/^Last contact:/);
  }

  /** Opens the editor of the history entry whose button reads e.g. "Edit the coffee of Sat, Dec 5, 2026". */
  async editEntry(name) {
    await this.history.getByRole("button", { name }).click();
    const editor = new EntryDialog(this.page);
    await expect(editor.dialog).toBeVisible();
    return editor;
  }

  /** Asks waiting for an answer. */
  waiting() {
    return this.page.getByRole("region", { name: "Waiting for an answer" });
  }

  /** Promises and loans still owed, either way. */
  owed() {
    return this.page.getByRole("region", { name: "Owed" });
  }

  async recordAnswer(answer, on) {
    await this.waiting().getByRole("button", { name: /^Record the answer/ }).first().click();
    const dialog = this.page.getByRole("dialog", { name: "Record the answer" });
    await dialog.getByRole("radio", { name: answer, exact: true }).check();
    if (on) await dialog.getByLabel("On", { exact: true }).fill(on);
    await dialog.getByRole("button", { name: "Save the answer" }).click();
    await expect(dialog).toBeHidden();
  }
}

/** The editor of one logged entry. */
export class EntryDialog {
  constructor(page) {
    this.page = page;
    this.dialog = page.getByRole("dialog", { name: /^Edit the entry of/ });
  }

  async setDate(isoDate) {
    await this.dialog.getByLabel("Date", { exact: true }).fill(isoDate);
  }

  async reachedOut(who) {
    await this.dialog.getByRole("radio", { name: who, exact: true }).check();
  }

  async save() {
    await this.dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  async deleteEntry() {
    await this.dialog.getByRole("button", { name: "Delete entry" }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** One person's row in the People list, with their status and balance in words. */
export class PersonRow {
  constructor(people, name) {
    const link = people.page.getByRole("link", { name, exact: true });
    this.row = people.list.getByRole("listitem").filter({ has: link });
    this.status = this.row.locator(".badge");
    this.balance = this.row.locator(".balance");
  }
}

export class SettingsScreen {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole("heading", { name: "Settings", level: 1 });
    this.usualCircle = page.getByRole("region", { name: "Usual circle" });
  }

  /** The checkbox that puts a circle or tag in the usual circle. */
  circleChoice(tag) {
    return this.usualCircle.getByRole("checkbox", { name: tag, exact: true });
  }
}
