// Two tabs of one browser saving at the same instant: nothing is lost, and each tab
// shows the other's changes without a reload.
import { test, expect } from "./support/fixtures.mjs";
import { AppPage, PeoplePage, PersonDialog, PersonPage, QuickLog } from "./pages/app.mjs";
import { BackupsPage } from "./pages/backups.mjs";

const ROUNDS = 20;

/**
 * Clicks `button` at the wall-clock time `when` (ms since 1970), from inside the
 * page: two pages given the same `when` submit within a millisecond of each other,
 * closer than two clicks sent one after the other by the test could be.
 */
async function clickAt(button, when) {
  await button.evaluate(
    (element, at) =>
      new Promise((resolve) => {
        setTimeout(() => {
          element.click();
          resolve();
        }, Math.max(0, at - Date.now()));
      }),
    when,
  );
}

/** Clicks each button at the same instant, a moment from now. */
async function clickTogether(buttons) {
  const when = Date.now() + 300;
  await Promise.all(buttons.map((button) => clickAt(button, when)));
}

/** Opens "Add someone" on the People screen and types a name, without saving. */
async function startAdding(page, name) {
  await new AppPage(page).go("People");
  await page.getByRole("button", { name: "Add someone" }).first().click();
  const dialog = new PersonDialog(page);
  await dialog.fill({ name });
  return dialog;
}

/** Every name on the People screen, sorted. */
async function peopleShown(page) {
  await new AppPage(page).go("People");
  const names = await new PeoplePage(page).names().allTextContents();
  return names.sort();
}

async function expectPeople(page, expected) {
  await expect.poll(() => peopleShown(page), { timeout: 5000 }).toEqual([...expected].sort());
}

test("two tabs adding someone at the same instant both keep their person, 20 times over", async ({ context }) => {
  test.setTimeout(180_000);
  const first = await context.newPage();
  const second = await context.newPage();
  await new AppPage(first).open("./#/people");
  await new AppPage(second).open("./#/people");
  // Someone first, so neither tab is on the empty People screen (which gives way to
  // the list, and its open dialog with it, when the other tab adds the first person).
  await new PeoplePage(first).addSomeone({ name: "Alan Turing" });
  await expectPeople(second, ["Alan Turing"]);

  const everyone = ["Alan Turing"];
  for (let round = 1; round <= ROUNDS; round++) {
    const n = String(round).padStart(2, "0");
    const names = [`Ada Round ${n}`, `Grace Round ${n}`];
    const dialogs = await Promise.all([startAdding(first, names[0]), startAdding(second, names[1])]);
    await clickTogether(dialogs.map((dialog) => dialog.dialog.getByRole("button", { name: "Save" })));
    // Each tab says "Added" only once its person is stored.
    await expect(new AppPage(first).toast).toContainText(`Added ${names[0]}.`);
    await expect(new AppPage(second).toast).toContainText(`Added ${names[1]}.`);
    everyone.push(...names);
  }

  // Without a reload, each tab shows every person.
  await expectPeople(first, everyone);
  await expectPeople(second, everyone);
  // And every person is stored.
  for (const page of [first, second]) {
    await page.reload();
    await new AppPage(page).waitUntilReady();
    await expectPeople(page, everyone);
  }
});

test("an import in one tab and a log in the other at the same instant keep both", async ({ browser, context }) => {
  // The backup comes from another browser profile: two people to merge in.
  const elsewhere = await browser.newContext();
  const source = await elsewhere.newPage();
  await new AppPage(source).open("./#/people");
  for (const name of ["Imported One", "Imported Two"]) {
    await new AppPage(source).go("People");
    await new PeoplePage(source).addSomeone({ name });
    await expect(new PersonPage(source).heading(name)).toBeVisible();
  }
  const sourceBackups = new BackupsPage(source);
  await sourceBackups.open();
  const backup = await sourceBackups.downloadBackup();
  await elsewhere.close();

  const first = await context.newPage();
  const second = await context.newPage();
  await new AppPage(first).open("./#/people");
  await new PeoplePage(first).addSomeone({ name: "Ada Lovelace" });
  await expect(new PersonPage(first).heading("Ada Lovelace")).toBeVisible();
  await new AppPage(second).open("./#/people");

  // Tab one has the backup's preview ready; tab two has a contact with Ada typed in.
  const backups = new BackupsPage(first);
  await backups.open();
  await backups.chooseBackup({ name: "rapport-backup.json", text: backup.text });
  await backups.preview.getByRole("radio", { name: /^Merge/ }).check();
  const log = new QuickLog(second);
  await log.openWithButton();
  await log.who.fill("Ada Lovelace");
  await log.who.press("Enter");
  await log.dialog.getByLabel("Note").fill("Coffee while the other tab imported");

  await clickTogether([
    backups.preview.getByRole("button", { name: "Merge into my journal" }),
    log.dialog.getByRole("button", { name: "Log it" }),
  ]);
  await expect(new AppPage(first).toast).toContainText("Backup imported and merged.");
  await expect(log.dialog).toBeHidden();

  const everyone = ["Ada Lovelace", "Imported One", "Imported Two"];
  const expectAll = async (page) => {
    await expectPeople(page, everyone);
    await new PeoplePage(page).link("Ada Lovelace").click();
    await expect(new PersonPage(page).history).toContainText("Coffee while the other tab imported");
  };
  await expectAll(first);
  await expectAll(second);
  for (const page of [first, second]) {
    await page.reload();
    await new AppPage(page).waitUntilReady();
    await expectAll(page);
  }
});
