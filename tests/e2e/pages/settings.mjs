// Page object for Settings → Demo data, and a watcher for progress bars.
// Things are found by role and label.
import { expect } from "@playwright/test";

export class DemoData {
  constructor(page) {
    this.page = page;
    this.region = page.getByRole("region", { name: "Demo data" });
    this.size = this.region.getByLabel("Size");
    this.loadButton = this.region.getByRole("button", { name: "Load demo data" });
    this.replaceButton = this.region.getByRole("button", { name: "Replace my journal with demo data" });
    this.bar = this.region.getByRole("progressbar");
  }

  async open() {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings", exact: true }).click();
    await expect(this.region).toBeVisible();
  }

  /** Starts loading demo data of `size` ("tiny" … "large"); does not wait for it. */
  async start(size) {
    await this.size.selectOption(size);
    await this.loadButton.click();
    if (await this.replaceButton.isVisible()) await this.replaceButton.click();
  }
}

/**
 * Finds `bar` (a progressbar locator), then reads it again and again, each read a
 * task of its own in the page, until it leaves the page; returns every reading as
 * { value, max, name }. A page that never yields shows no reading between the
 * first and the last.
 */
export async function watchProgress(page, bar, { timeout = 120_000 } = {}) {
  await bar.waitFor({ state: "attached", timeout });
  // The element itself, so that each read is cheap (no search of the page); found
  // again should it be redrawn.
  let handle = await bar.elementHandle();
  const readings = [];
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const now = await handle.evaluate((el) =>
      el.isConnected
        ? { value: el.value, max: el.max, name: [...el.labels].map((l) => l.textContent).join(" ") }
        : null,
    );
    if (now === null) {
      await handle.dispose();
      if ((await bar.count()) === 0) return readings;
      handle = await bar.elementHandle();
      continue;
    }
    readings.push(now);
    await page.waitForTimeout(10);
  }
  await handle.dispose();
  return readings;
}
