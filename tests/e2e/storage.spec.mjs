// Storage as a user meets it: a full quota, two tabs, damaged data, reloads.
import { readFile } from "node:fs/promises";
import { test, expect } from "./support/fixtures.mjs";
import { AppPage, PeoplePage, PersonPage } from "./pages/app.mjs";

/** Fills the origin's localStorage until the browser refuses more. */
async function fillQuota(page) {
  return page.evaluate(() => {
    let size = 256 * 1024;
    let n = 0;
    while (size > 0) {
      try {
        localStorage.setItem(`filler-${n}`, "x".repeat(size));
        n++;
      } catch (err) {
        if (err.name !== "QuotaExceededError") throw err;
        size = Math.floor(size / 2);
      }
    }
    return n;
  });
}

async function rapportEntries(page) {
  return page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("rapport/")).map((k) => [k, localStorage.getItem(k)])),
  );
}

test("a full quota keeps the change on screen, warns, offers a backup, and loses nothing stored", async ({ page, app, people }) => {
  await app.open();
  await app.go("People");
  await people.addSomeone({ name: "Ada Lovelace" });
  const storedBefore = await rapportEntries(page);

  expect(await fillQuota(page)).toBeGreaterThan(0);
  await app.go("Settings");
  await expect(page.getByText("Storage is over 80% full.")).toBeVisible();
  await app.expectNoAxeViolations();

  await app.go("People");
  await people.addSomeone({ name: "Grace Hopper" });
  const banner = page.getByRole("alert").filter({ hasText: "Your latest changes are not saved." });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("storage for Rapport is full");
  // A change that is not stored is never announced as done.
  await expect(app.toast).toContainText("Changed here, but not saved yet.");
  await expect(app.toast).not.toContainText("Added Grace Hopper.");
  // The change is still in memory and on screen.
  await expect(new PersonPage(page).heading("Grace Hopper")).toBeVisible();
  expect(await rapportEntries(page)).toEqual(storedBefore);

  const download = page.waitForEvent("download");
  await banner.getByRole("button", { name: "Download a backup now" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^rapport-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = await readFile(await file.path(), "utf8");
  expect(backup).toContain("Grace Hopper");
  expect(backup).toContain("Ada Lovelace");

  // Freeing space and retrying stores it.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("filler-")).forEach((k) => localStorage.removeItem(k)));
  await banner.getByRole("button", { name: "Try saving again" }).click();
  await expect(banner).toBeHidden();
  await page.reload();
  await app.waitUntilReady();
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace", "Grace Hopper"]);
});

test("without space, a reload shows what was stored before, intact", async ({ page, app, people }) => {
  await app.open();
  await app.go("People");
  await people.addSomeone({ name: "Ada Lovelace" });
  await fillQuota(page);
  await app.go("People");
  await people.addSomeone({ name: "Grace Hopper" });
  await expect(page.getByText("Your latest changes are not saved.")).toBeVisible();
  await page.reload();
  await app.waitUntilReady();
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace"]);
});

test("two tabs see each other's changes within a second and lose nothing", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  const a = new AppPage(first);
  const b = new AppPage(second);
  await a.open("./#/people");
  await b.open("./#/people");

  await new PeoplePage(first).addSomeone({ name: "Ada Lovelace" });
  await b.go("People");
  await expect(new PeoplePage(second).link("Ada Lovelace")).toBeVisible({ timeout: 1000 });

  await new PeoplePage(second).addSomeone({ name: "Grace Hopper" });
  await a.go("People");
  await expect(new PeoplePage(first).link("Grace Hopper")).toBeVisible({ timeout: 1000 });

  // Both edit at once: each adds someone without reloading.
  await a.go("People");
  await b.go("People");
  await Promise.all([
    new PeoplePage(first).addSomeone({ name: "Linus Torvalds" }),
    new PeoplePage(second).addSomeone({ name: "Margaret Hamilton" }),
  ]);
  const everyone = ["Ada Lovelace", "Grace Hopper", "Linus Torvalds", "Margaret Hamilton"];
  for (const page of [first, second]) {
    await new AppPage(page).go("People");
    await expect(new PeoplePage(page).names()).toHaveText(everyone, { timeout: 1000 });
  }
  await first.reload();
  await a.waitUntilReady();
  await a.go("People");
  await expect(new PeoplePage(first).names()).toHaveText(everyone);
});

test("damaged storage gets a recovery screen, never a wipe", async ({ page, guard, app }) => {
  await app.open();
  await app.go("People");
  await new PeoplePage(page).addSomeone({ name: "Ada Lovelace" });
  await page.evaluate(() => localStorage.setItem("rapport/head", '{"schema":1,"gen":3,"seg":{"p0":'));
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your journal could not be read" })).toBeVisible();
  await expect(page.getByText("rapport/head: is not a valid head")).toBeVisible();
  await app.expectNoAxeViolations();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the stored data" }).click();
  const dump = JSON.parse(await readFile(await (await download).path(), "utf8"));
  expect(dump["rapport/head"].raw).toBe('{"schema":1,"gen":3,"seg":{"p0":');
  expect(JSON.stringify(dump)).toContain("Ada Lovelace");

  const startFresh = page.getByRole("button", { name: "Start fresh" });
  await expect(startFresh).toBeDisabled();
  expect(await page.evaluate(() => localStorage.getItem("rapport/head"))).toBe('{"schema":1,"gen":3,"seg":{"p0":');
  await page.getByLabel("I have downloaded what I need; delete the stored journal").check();
  await startFresh.click();
  await expect(app.welcomeHeading).toBeVisible();
  expect(guard.errors).toEqual([]);
});

test("data from a newer version is left alone and the app asks to be updated", async ({ page, app }) => {
  await app.open();
  await app.go("People");
  await new PeoplePage(page).addSomeone({ name: "Ada Lovelace" });
  const head = await page.evaluate(() => {
    const newer = localStorage.getItem("rapport/head").replace('"schema":1', '"schema":2');
    localStorage.setItem("rapport/head", newer);
    return newer;
  });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Rapport needs updating" })).toBeVisible();
  await expect(page.getByText("data format 2; this version reads up to 1")).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("rapport/head"))).toBe(head);
});
