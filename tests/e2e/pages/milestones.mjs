// Page objects for milestones: the Journal's timeline and milestone form, and
// what follows a milestone on Today (people to thank, the new stage's purposes,
// a boundary per person). Things are found by role and label.
import { expect } from "@playwright/test";

/** The smallest tap target, in CSS px. */
export const MIN_TAP = 44;

/** Logs a contact through the quick log, with a purpose when given. */
export async function logWith(page, { who, date, by, purpose, exchange, kind, what, answer }) {
  const dialog = page.getByRole("dialog", { name: "Log a contact" });
  if (!(await dialog.isVisible())) await page.getByRole("button", { name: "Log", exact: true }).click();
  await expect(dialog).toBeVisible();
  const field = dialog.getByRole("combobox", { name: "Who with" });
  await field.fill(who);
  await field.press("Enter");
  if (date) await dialog.getByLabel("When").fill(date);
  if (by) await dialog.getByRole("radio", { name: by }).check();
  if (purpose) await dialog.getByLabel("What it was for").selectOption({ label: purpose });
  if (exchange) {
    await dialog.getByLabel("Anything asked or given?").selectOption({ label: exchange });
    if (kind) await dialog.getByLabel("Kind").selectOption({ label: kind });
    if (what) await dialog.locator("#quick-log-what").fill(what);
    if (answer) await dialog.getByRole("radio", { name: answer, exact: true }).check();
  }
  await dialog.getByRole("button", { name: "Log it" }).click();
  await expect(dialog).toBeHidden();
}

/** Every control in `locator` is at least 44×44 CSS px. */
export async function expectTapSized(locator) {
  const count = await locator.count();
  expect(count, "controls to measure").toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const box = await locator.nth(i).boundingBox();
    const name = await locator.nth(i).evaluate((el) => el.textContent.trim() || el.id);
    expect(box, `${name} is drawn`).not.toBeNull();
    expect(box.width, `${name} is wide enough`).toBeGreaterThanOrEqual(MIN_TAP);
    expect(box.height, `${name} is tall enough`).toBeGreaterThanOrEqual(MIN_TAP);
  }
}

/** The Journal: every entry and milestone, newest first. */
export class JournalScreen {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole("heading", { name: "Journal", level: 1 });
    this.timeline = page.getByRole("list", { name: "Timeline" });
    this.addButton = page.getByRole("button", { name: "Add a milestone" });
  }

  /** The timeline's milestones (their headings, e.g. "Milestone: New job · Mon, Mar 2, 2026"). */
  milestones() {
    return this.timeline.locator("li.timeline-milestone");
  }

  /** The line of one milestone, by what it says. */
  milestone(text) {
    return this.milestones().filter({ hasText: text });
  }

  /** The line of an entry, by what it says. */
  entry(text) {
    return this.timeline.getByRole("listitem").filter({ hasText: text });
  }

  /** Opens the form for a new milestone. */
  async openNew() {
    await this.addButton.click();
    const form = new MilestoneDialog(this.page, "Add a milestone");
    await expect(form.dialog).toBeVisible();
    return form;
  }

  /** Adds a milestone through the form. */
  async add({ kind, date, note }) {
    const form = await this.openNew();
    await form.fill({ kind, date, note });
    await form.save();
  }

  /** Opens the editor of the milestone whose line says `text`. */
  async edit(text) {
    await this.milestone(text).getByRole("button", { name: /^Edit the milestone/ }).click();
    const form = new MilestoneDialog(this.page, "Edit the milestone");
    await expect(form.dialog).toBeVisible();
    return form;
  }
}

/** The milestone form (adding or editing). */
export class MilestoneDialog {
  constructor(page, title) {
    this.page = page;
    this.dialog = page.getByRole("dialog", { name: title });
    this.kind = this.dialog.getByLabel("Kind of milestone");
    this.date = this.dialog.getByLabel("Date", { exact: true });
    this.note = this.dialog.getByLabel("What happened");
  }

  async fill({ kind, date, note }) {
    if (kind) await this.kind.selectOption({ label: kind });
    if (date) await this.date.fill(date);
    if (note !== undefined) await this.note.fill(note);
  }

  async save() {
    await this.dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  async delete() {
    await this.dialog.getByRole("button", { name: "Delete milestone" }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** Today's cards after a milestone. */
export class MilestoneCards {
  constructor(page) {
    this.page = page;
    this.thanks = page.getByRole("region", { name: "Thank the people who helped" });
    this.keepGoing = page.getByRole("region", { name: "Keep going" });
    this.stageOffer = page.getByRole("region", { name: "Purposes for a new stage" });
    this.sayNo = page.getByRole("region", { name: "It's okay to say no" });
  }

  /** The names in the thank-you list, in order. */
  thanksNames() {
    return this.thanks.locator(".person-name");
  }

  logThanksButton(name) {
    return this.thanks.getByRole("button", { name: `Log a thank-you to ${name}` });
  }

  dismissButton() {
    return this.thanks.getByRole("button", { name: "Dismiss the thank-you list" });
  }

  /** The one-line boundary field of a person in the say-no card. */
  boundaryField(name) {
    return this.sayNo.getByLabel(`A boundary with ${name}`);
  }

  boundarySave(name) {
    return this.sayNo.getByRole("button", { name: `Save the boundary with ${name}` });
  }
}
