// Page objects for Today and Insights, plus the fixed clock and the demo
// journal they are tested with. Things are found by role and label.
import { expect } from "@playwright/test";
import { AppPage } from "./app.mjs";

/** Wednesday 4 March 2026, noon UTC: the day every Today and Insights test lives on. */
export const FIXED_NOW = new Date("2026-03-04T12:00:00Z");

/** Freezes the page's clock (Date only; timers keep running). Call before `open`. */
export async function freezeClock(page, when = FIXED_NOW) {
  await page.clock.setFixedTime(when);
}

/**
 * Loads Settings → Demo data (small: 200 people, 2,000 entries, seed 2026),
 * the same journal the host tests compute with `generate(2026, DemoSize::Small, 2026-03-04)`.
 */
export async function loadDemoJournal(page) {
  const app = new AppPage(page);
  await app.go("Settings");
  const demo = page.getByRole("region", { name: "Demo data" });
  await demo.getByLabel("Size").selectOption("small");
  await demo.getByRole("button", { name: "Load demo data" }).click();
  const replace = demo.getByRole("button", { name: "Replace my journal with demo data" });
  if (await replace.isVisible()) await replace.click();
  await expect(page.getByText("Loaded a demo journal of 200 people.")).toBeVisible();
}

/** Logs a contact through the quick log, on a given day. */
export async function logContact(page, { who, date, by, exchange, kind, what, answer, promised }) {
  const dialog = page.getByRole("dialog", { name: "Log a contact" });
  if (!(await dialog.isVisible())) await page.getByRole("button", { name: "Log", exact: true }).click();
  await expect(dialog).toBeVisible();
  if (who) {
    const field = dialog.getByRole("combobox", { name: "Who with" });
    await field.fill(who);
    await field.press("Enter");
  }
  if (date) await dialog.getByLabel("When").fill(date);
  if (by) await dialog.getByRole("radio", { name: by }).check();
  if (exchange) {
    await dialog.getByLabel("Anything asked or given?").selectOption({ label: exchange });
    if (kind) await dialog.getByLabel("Kind").selectOption({ label: kind });
    if (what) await dialog.locator("#quick-log-what").fill(what);
    if (answer) await dialog.getByRole("radio", { name: answer, exact: true }).check();
    if (promised) await dialog.getByLabel("Promised, not done yet").check();
  }
  await dialog.getByRole("button", { name: "Log it" }).click();
  await expect(dialog).toBeHidden();
}

export class TodayScreen {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole("heading", { name: "Today", level: 1 });
    this.date = page.locator(".today-date");
    this.streak = page.locator("#streak-line");
    this.reconnect = page.getByRole("region", { name: "Reconnect" });
    this.owe = page.getByRole("region", { name: "You owe" });
    this.theyOwe = page.getByRole("region", { name: "They owe" });
    this.waitingOnYou = page.getByRole("region", { name: "Waiting on you" });
    this.waitingOnThem = page.getByRole("region", { name: "Waiting on them" });
    this.birthdays = page.getByRole("region", { name: "Birthdays this week" });
    this.sayNo = page.getByRole("region", { name: "It's okay to say no" });
    this.oneSided = page.getByRole("region", { name: "One-sided" });
  }

  /** The rows of a section. */
  rows(section) {
    return section.getByRole("listitem");
  }

  /** Names in the Reconnect list, in order. */
  reconnectNames() {
    return this.reconnect.locator(".due-item .person-name");
  }

  logContactWith(name) {
    return this.reconnect.getByRole("button", { name: `Log contact with ${name}` });
  }

  snooze(name) {
    return this.reconnect.getByRole("button", { name: `Snooze ${name} for a week` });
  }

  showAll(section) {
    return section.getByRole("button", { name: /^Show all \d+$/ });
  }
}

export class InsightsScreen {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole("heading", { name: "Insights", level: 1 });
    this.tag = page.getByLabel("Circle or tag");
    this.range = page.getByLabel("Time range");
    this.from = page.getByLabel("From", { exact: true });
    this.to = page.getByLabel("To", { exact: true });
    this.scope = page.locator(".insights-scope");
  }

  /** A chart's card, by its heading. */
  chart(title) {
    return this.page.getByRole("region", { name: title });
  }

  /** The SVG drawing (role img, named by the visible summary). */
  image(title) {
    return this.chart(title).getByRole("img");
  }

  caption(title) {
    return this.chart(title).locator(".chart-caption");
  }

  bars(title) {
    return this.chart(title).locator("svg rect.chart-bar");
  }

  /** The numbers drawn, read from the bars' `data-value`, optionally for one series. */
  async barValues(title, series) {
    const bars = series
      ? this.chart(title).locator(`svg rect.chart-bar[data-series="${series}"]`)
      : this.bars(title);
    return (await bars.evaluateAll((els) => els.map((el) => el.getAttribute("data-value")))).map(Number);
  }

  /** Bar heights as drawn, so tests can check the drawing follows the numbers. */
  async barHeights(title, series) {
    const bars = this.chart(title).locator(`svg rect.chart-bar[data-series="${series}"]`);
    return bars.evaluateAll((els) => els.map((el) => Number(el.getAttribute("height"))));
  }

  axisLabels(title) {
    return this.chart(title).locator("svg text.chart-label");
  }

  rowLabels(title) {
    return this.chart(title).locator("svg text.chart-row-label");
  }

  /** The table of numbers behind a chart, as arrays of cell texts (header row first). */
  async table(title) {
    const details = this.chart(title).locator("details.chart-data");
    await details.locator("summary").click();
    const rows = await details.locator("tr").evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.children).map((cell) => cell.textContent.trim())),
    );
    await details.locator("summary").click();
    return rows;
  }

  cells(state) {
    return this.chart("Weeks of networking without needing anything").locator(`svg rect.strip-cell.${state}`);
  }

  async chooseRange(label) {
    await this.range.selectOption({ label });
  }

  async chooseTag(label) {
    await this.tag.selectOption({ label });
  }
}
