// A new user's walk through Rapport: start empty, add people, log contacts with
// exchanges, watch the counters and nudges move, search, delete and undo, reload.
import { test, expect } from "./support/fixtures.mjs";
import { PeoplePage, PersonDialog, QuickLog } from "./pages/app.mjs";

test("a new user's first week with Rapport", async ({ page, app, people, person, log }) => {

  await app.open();
  await expect(app.welcomeHeading).toBeVisible();
  await expect(page.getByRole("heading", { name: "Three ways to start" })).toBeVisible();
  await app.expectNoAxeViolations();

  // Three people.
  await app.go("People");
  await people.addSomeone({ name: "Ada Lovelace", org: "Analytical Engines", every: 14, atMost: 30 });
  await expect(person.heading("Ada Lovelace")).toBeVisible();
  await app.go("People");
  await people.addSomeone({ name: "Grace Hopper", org: "US Navy", tags: "mentors" });
  await app.go("People");
  await people.addSomeone({ name: "Chloé Dubois", tags: "posse, alumni", notes: "Met at the climbing gym" });
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace", "Chloé Dubois", "Grace Hopper"]);
  await app.expectNoAxeViolations();

  // A coffee with Ada, logged in three actions once the log is open.
  await log.openWithKey();
  let actions = 0;
  await page.keyboard.type("ada");
  actions++;
  await page.keyboard.press("Enter");
  actions++;
  await page.keyboard.press("Enter");
  actions++;
  await expect(log.dialog).toBeHidden();
  expect(actions).toBeLessThanOrEqual(3);
  await people.link("Ada Lovelace").click();
  await expect(person.history.getByText("Coffee")).toBeVisible();
  await expect(page.getByText("Last contact: today")).toBeVisible();

  // Grace asks three times and always gets a yes.
  await app.go("People");
  await people.link("Grace Hopper").click();
  for (const what of ["a reference", "advice on a talk", "an intro to the committee"]) {
    await page.getByRole("button", { name: "Log contact" }).click();
    await expect(log.who).toHaveValue("Grace Hopper");
    await log.dialog.getByRole("radio", { name: "They did" }).check();
    await log.dialog.getByLabel("Anything asked or given?").selectOption({ label: "They asked for…" });
    await log.dialog.locator("#quick-log-what").fill(what);
    await log.dialog.getByRole("button", { name: "Log it" }).click();
    await expect(log.dialog).toBeHidden();
  }
  await expect(person.counters).toHaveText(
    "You gave 3 · they gave 0 · you asked 0 · they asked 3 · you said no 0 times",
  );
  await expect(person.nudges).toContainText("They have asked 3 times and you have never said no. It's okay to say no.");
  await app.expectNoAxeViolations();

  // Saying no once makes that nudge go away and moves the counters.
  await page.getByRole("button", { name: "Log contact" }).click();
  await log.dialog.getByLabel("Anything asked or given?").selectOption({ label: "They asked for…" });
  await log.dialog.locator("#quick-log-what").fill("a weekend of proofreading");
  await log.dialog.getByRole("radio", { name: "Said no", exact: true }).check();
  await log.dialog.getByRole("button", { name: "Log it" }).click();
  await expect(person.counters).toHaveText(
    "You gave 3 · they gave 0 · you asked 0 · they asked 4 · you said no once",
  );
  await expect(page.getByText("It's okay to say no.")).toHaveCount(0);
  await expect(person.history.getByText("They asked for a weekend of proofreading: you said no")).toBeVisible();

  // A favour Ada promised shows up as owed, to settle when it is done.
  await app.go("People");
  await people.link("Ada Lovelace").click();
  await log.openWithButton();
  await log.log({ who: "Ada", exchange: "They gave…", what: "a review of my notes", promised: true });
  await expect(person.owed()).toContainText("They owe you: a review of my notes");
  await page.getByRole("button", { name: /^Settle:/ }).click();
  await expect(person.owed()).toHaveCount(0);

  // Search ignores case and accents, and looks at organisations and tags.
  await app.go("People");
  await people.search.fill("chloe");
  await expect(people.names()).toHaveText(["Chloé Dubois"]);
  await people.search.fill("NAVY");
  await expect(people.names()).toHaveText(["Grace Hopper"]);
  await people.search.fill("alumni");
  await expect(people.names()).toHaveText(["Chloé Dubois"]);
  await people.search.fill("");

  // Delete asks first, and can be undone with everything restored.
  await people.link("Ada Lovelace").click();
  await person.delete();
  await expect(people.heading).toBeVisible();
  await expect(people.names()).toHaveText(["Chloé Dubois", "Grace Hopper"]);
  await app.undo();
  await expect(people.names()).toHaveText(["Ada Lovelace", "Chloé Dubois", "Grace Hopper"]);
  await people.link("Ada Lovelace").click();
  await expect(person.history.getByText("Coffee")).toHaveCount(2);

  // Everything is still there after a reload.
  await page.reload();
  await app.waitUntilReady();
  await expect(person.heading("Ada Lovelace")).toBeVisible();
  await expect(person.history.getByText("Coffee")).toHaveCount(2);
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace", "Chloé Dubois", "Grace Hopper"]);
  await people.link("Grace Hopper").click();
  await expect(person.counters).toContainText("they asked 4");
});

test("typed markup always shows as text and never runs", async ({ page, app, people }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  const payload = "<img src=x onerror=alert(1)>";
  await app.open();
  await app.go("People");
  await people.addSomeone({ name: payload, notes: payload });
  await expect(page.getByRole("heading", { name: payload, level: 1 })).toBeVisible();
  await expect(page.locator(".notes")).toHaveText(payload);
  await app.go("People");
  await expect(people.link(payload)).toBeVisible();
  expect(await page.locator("main img").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("mistakes get a message next to the field and nothing is saved", async ({ page, app, people }) => {
  await app.open();
  await app.go("People");
  await page.getByRole("button", { name: "Add someone" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Give them a name.")).toBeVisible();
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Name", { exact: true }).fill("Linus");
  await new PersonDialog(page).showDetails();
  await dialog.getByLabel("Birthday").fill("02-30");
  await dialog.getByLabel("Keep in touch every (days)").fill("30");
  await dialog.getByLabel("At most (days)").fill("10");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText('"02-30" is not a birthday; use 1990-04-12, or 04-12 without the year.')).toBeVisible();
  await expect(dialog.getByText("At most must be at least the usual gap (30 days).")).toBeVisible();
  await app.expectNoAxeViolations();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(app.welcomeHeading).toBeVisible();

  // The quick log wants someone to log with.
  await new QuickLog(page).openWithKey();
  await page.getByRole("button", { name: "Log it" }).click();
  await expect(page.getByText("Choose who it was with, or type a new name.")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.reload();
  await app.waitUntilReady();
  await expect(app.welcomeHeading).toBeVisible();
});

test("the keyboard reaches everything, and dialogs trap and return focus", async ({ page, app }) => {
  await app.open();
  await app.go("People");
  const add = page.getByRole("button", { name: "Add someone" }).first();
  await add.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  // Focus stays inside the dialog however far you tab.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(add).toBeFocused();

  // The quick log opens with "n" and creates someone new inline.
  await page.keyboard.press("n");
  await page.keyboard.type("Margaret Hamilton");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeHidden();
  await app.go("People");
  await expect(new PeoplePage(page).names()).toHaveText(["Margaret Hamilton"]);
});
