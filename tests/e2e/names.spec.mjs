// No accidental duplicates, at phone size: a name typed in full is the person who
// already has it, search ignores apostrophes, hyphens, dots and extra spaces, and
// adding a name that is taken asks first. The folding rules themselves are the
// table in tests/model_query.rs.
import { test, expect } from "./support/fixtures.mjs";
import { AppPage, PeoplePage, PersonDialog, PersonPage, QuickLog } from "./pages/app.mjs";

test.use({ viewport: { width: 390, height: 844 } });

/** A fresh journal with these people, added through the People screen. */
async function startWith(page, people) {
  const app = new AppPage(page);
  const list = new PeoplePage(page);
  await app.open();
  await expect(app.welcomeHeading).toBeVisible();
  for (const fields of people) {
    await app.go("People");
    await list.addSomeone(fields);
    await expect(new PersonPage(page).heading(fields.name)).toBeVisible();
  }
  return app;
}

test('type an existing name in full, press "Log it", and see no duplicate', async ({ page }) => {
  const app = await startWith(page, [{ name: "Rachel Kim" }, { name: "Rachel Kimball" }]);
  const people = new PeoplePage(page);
  const person = new PersonPage(page);
  const log = new QuickLog(page);

  await log.openWithButton();
  await log.who.fill("rachel kim");
  // She is the first suggestion, and nobody new is offered under her name.
  await expect(log.highlighted()).toHaveText("Rachel Kim");
  await expect(log.addNewOption()).toHaveCount(0);
  await log.logIt();
  // The toast names her as saved, not as typed.
  await expect(app.toast).toContainText("Logged with Rachel Kim.");

  await app.go("People");
  await expect(people.names()).toHaveText(["Rachel Kim", "Rachel Kimball"]);
  await people.link("Rachel Kim").click();
  await expect(person.heading("Rachel Kim")).toBeVisible();
  await expect(person.history.getByText("Coffee")).toBeVisible();
  await expect(page.getByText("Last contact: today")).toBeVisible();
});

test('"obrien" finds O’Brien', async ({ page }) => {
  const app = await startWith(page, [{ name: "Siobhán O’Brien" }, { name: "Brian O'Neil" }]);
  const people = new PeoplePage(page);
  const log = new QuickLog(page);

  await app.go("People");
  for (const text of ["obrien", "o'brien", "O’Brien", "  siobhan   o-brien "]) {
    await people.searchFor(text);
    await expect(people.names(), `searching for ${text}`).toHaveText(["Siobhán O’Brien"]);
  }
  await people.searchFor("o'neil");
  await expect(people.names()).toHaveText(["Brian O'Neil"]);
  await people.searchFor("");

  await log.openWithButton();
  await log.who.fill("o'brien");
  await expect(log.highlighted()).toHaveText("Siobhán O’Brien");
  // Someone new is still offered, but only on purpose: it is not what Enter picks.
  await expect(log.addNewOption("o'brien")).toBeVisible();
  await expect(log.addNewOption("o'brien")).toHaveAttribute("aria-selected", "false");
  await app.expectNoAxeViolations();
  await page.screenshot({ path: test.info().outputPath("quick-log-obrien.png") });
  await log.who.press("Enter");
  await expect(log.who).toHaveValue("Siobhán O’Brien");
  await log.logIt();

  await app.go("People");
  await expect(people.names()).toHaveText(["Brian O'Neil", "Siobhán O’Brien"]);
});

test('the person form warns when adding "rachel  kim"', async ({ page }) => {
  const app = await startWith(page, [{ name: "Rachel Kim", org: "Fjord Labs" }]);
  const people = new PeoplePage(page);
  const person = new PersonPage(page);
  const dialog = new PersonDialog(page);

  // The warning shows as the name is typed; the first Save stops on it.
  await app.go("People");
  await page.getByRole("button", { name: "Add someone" }).first().click();
  await dialog.fill({ name: "rachel  kim" });
  await expect(dialog.sameNameWarning()).toHaveText(/You already have someone called Rachel Kim\./);
  await dialog.save();
  await expect(dialog.dialog).toBeVisible();
  await expect(dialog.openSameNamed("Open Rachel Kim (Fjord Labs)")).toBeFocused();
  await expect(dialog.addAnywayButton()).toBeVisible();
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    await app.expectNoAxeViolations();
    await page.screenshot({ path: test.info().outputPath(`person-form-same-name-${colorScheme}.png`) });
  }

  // Opening her adds nobody.
  await dialog.openSameNamed("Open Rachel Kim (Fjord Labs)").click();
  await expect(person.heading("Rachel Kim")).toBeVisible();
  await app.go("People");
  await expect(people.names()).toHaveText(["Rachel Kim"]);

  // A second Rachel Kim takes the explicit "Add anyway".
  await page.getByRole("button", { name: "Add someone" }).first().click();
  await dialog.fill({ name: "Rachel Kim", org: "Acme" });
  await expect(dialog.addAnywayButton()).toHaveCount(0);
  await dialog.save();
  await expect(dialog.dialog).toBeVisible();
  await dialog.addAnywayButton().click();
  await expect(person.heading("Rachel Kim")).toBeVisible();
  await app.go("People");
  await expect(people.names()).toHaveText(["Rachel Kim", "Rachel Kim"]);
});
