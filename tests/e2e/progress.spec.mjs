// Long work shows progress: demo data and a backup download fill a bar labelled
// with the count of records, and the page keeps answering while they run.
import { readFile } from "node:fs/promises";
import { test, expect } from "./support/fixtures.mjs";
import { DemoData, watchProgress } from "./pages/settings.mjs";

const MEDIUM = { people: 2_000, interactions: 20_000, records: "22,000" };

test("loading the medium demo journal fills a bar with the count of records", async ({ page, app }) => {
  test.setTimeout(180_000);
  await app.open();
  const demo = new DemoData(page);
  await demo.open();
  // A slower processor, so the bar is there long enough to read.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 12 });
  await demo.start("medium");
  const readings = await watchProgress(page, demo.bar);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  // The page answered between slices: readings part-way, growing, each with its count in words.
  const partWay = readings.filter((r) => r.value > 0 && r.value < 22_000);
  expect(new Set(partWay.map((r) => r.value)).size, JSON.stringify(readings.slice(0, 5))).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < readings.length; i++) expect(readings[i].value).toBeGreaterThanOrEqual(readings[i - 1].value);
  for (const r of partWay) {
    expect(r.max).toBe(22_000);
    expect(r.name).toBe(`Creating demo journal: ${r.value.toLocaleString("en")} of ${MEDIUM.records} records`);
  }

  await expect(app.toast).toContainText("Loaded a demo journal of 2,000 people.", { timeout: 60_000 });
  await expect(demo.bar).toBeHidden();
  await expect(demo.loadButton).toBeEnabled();

  // What was stored is the whole journal: after a reload, everyone is there
  // (People lists the 1,928 of the 2,000 who are not archived).
  await page.goto("./#/people");
  await app.waitUntilReady();
  await expect(page.getByRole("status").filter({ hasText: /people$/ })).toHaveText("1928 people");
});

test("downloading a backup fills a bar with the count of records, and the file is whole", async ({ page, app, backups }) => {
  test.setTimeout(180_000);
  await app.open();
  const demo = new DemoData(page);
  await demo.open();
  await demo.start("medium");
  await expect(app.toast).toContainText("Loaded a demo journal of 2,000 people.", { timeout: 120_000 });

  await backups.open();
  // A slower processor, so the bar is there long enough to read.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 8 });
  const download = page.waitForEvent("download", { timeout: 120_000 });
  await page.getByRole("button", { name: "Download a backup", exact: true }).click();
  const bar = page.getByRole("progressbar", { name: /^Writing the backup: / });
  const readings = await watchProgress(page, bar);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });

  // The records are the people, the entries and the purposes.
  const partWay = readings.filter((r) => r.value > 0 && r.value < r.max);
  expect(new Set(partWay.map((r) => r.value)).size, JSON.stringify(readings.slice(0, 5))).toBeGreaterThanOrEqual(2);
  // A reading now and then finds the bar without its label (being redrawn); the others name the count.
  const named = partWay.filter((r) => r.name !== "");
  expect(named.length).toBeGreaterThanOrEqual(2);
  for (const r of named) {
    expect(r.max).toBeGreaterThan(22_000);
    expect(r.name).toBe(`Writing the backup: ${r.value.toLocaleString("en")} of ${r.max.toLocaleString("en")} records`);
  }

  const file = JSON.parse(await readFile(await (await download).path(), "utf8"));
  expect(file.format).toBe("rapport-backup");
  expect(file.people).toHaveLength(MEDIUM.people);
  expect(file.interactions).toHaveLength(MEDIUM.interactions);
  expect(readings.at(-1).max).toBe(MEDIUM.people + MEDIUM.interactions + file.purposes.length);
  await expect(bar).toBeHidden();
  await expect(backups.lastBackup).toHaveText("Last backup today.");
});
