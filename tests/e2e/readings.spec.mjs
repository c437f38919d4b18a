// Honest readings at phone size, on Wednesday 4 March 2026: a person met years
// ago is not overdue the day they are added, balances with few exchanges show
// their counts, and the usual circle on Insights is the one chosen in Settings.
import { test, expect } from "./support/fixtures.mjs";
import { PersonRow, SettingsScreen } from "./pages/app.mjs";
import { InsightsScreen, TodayScreen, freezeClock, logContact } from "./pages/insights.mjs";

test.use({ timezoneId: "UTC", viewport: { width: 390, height: 844 } });

const CIRCLE = "Usual circle and everyone else";

test("add a person met in 2015, and see they are not overdue", async ({ page, app, people, person }) => {
  const today = new TodayScreen(page);
  await freezeClock(page);
  await app.open();

  // Priya, met in 2015 and added today, keeping in touch monthly.
  await app.go("People");
  await people.addSomeone({ name: "Priya Raman", every: 30, atMost: 60, metOn: "2015-06-01" });
  await expect(person.heading("Priya Raman")).toBeVisible();
  await expect(page.locator(".person-status")).toHaveText(
    "On track Last contact: No contact yet · Keep in touch every 30 days (at most 60)",
  );
  await expect(person.nudges).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("readings-new-person.png") });

  // Ada, last seen in December, is overdue: the Reconnect list is there, without Priya.
  await app.go("People");
  await people.addSomeone({ name: "Ada Lovelace", every: 30 });
  await logContact(page, { who: "Ada Lovelace", date: "2025-12-01" });
  await app.go("People");
  const priya = new PersonRow(people, "Priya Raman");
  await expect(priya.status).toHaveText("On track");
  await expect(new PersonRow(people, "Ada Lovelace").status).toHaveText("Overdue");

  await app.go("Today");
  await expect(today.heading).toBeVisible();
  await expect(today.reconnectNames()).toHaveText(["Ada Lovelace"]);
  await expect(today.reconnect).not.toContainText("Priya Raman");
  await app.expectNoAxeViolations();
});

test("a single favour reads as its counts, and the balance order explains itself", async ({ page, app, people, person }) => {
  await freezeClock(page);
  await app.open();

  await app.go("People");
  await people.addSomeone({ name: "Sam Lee" });
  await app.go("People");
  await people.addSomeone({ name: "Kit Moreno" });
  await logContact(page, { who: "Sam Lee", exchange: "I gave…", what: "help moving a sofa" });
  await logContact(page, { who: "Kit Moreno", by: "They did", exchange: "They gave…", what: "a CV review" });

  await app.go("People");
  await expect(new PersonRow(people, "Sam Lee").balance).toHaveText("You gave 1 · they gave 0");
  await expect(new PersonRow(people, "Kit Moreno").balance).toHaveText("You gave 0 · they gave 1");
  await expect(people.list).not.toContainText("balanced");

  const sort = page.getByLabel("Sort by");
  await expect(page.getByText("Ordered by what you gave minus")).toHaveCount(0);
  await sort.selectOption({ label: "Balance" });
  await expect(people.names()).toHaveText(["Sam Lee", "Kit Moreno"]);
  await expect(page.getByText(
    "Ordered by what you gave minus what they gave you: people you give more to come first, people who give you more come last.",
  )).toBeVisible();
  await expect(sort).toHaveAccessibleDescription(/^Ordered by what you gave minus what they gave you/);
  await page.screenshot({ path: test.info().outputPath("readings-people.png") });
  await app.expectNoAxeViolations();

  await people.link("Sam Lee").click();
  await expect(person.heading("Sam Lee")).toBeVisible();
  await expect(page.locator(".balance-line")).toHaveText("So far only you have given.");
});

test("choose the usual circle in Settings, and see Insights follow", async ({ page, app, people }) => {
  const settings = new SettingsScreen(page);
  const insights = new InsightsScreen(page);
  await freezeClock(page);
  await app.open();

  await app.go("People");
  await people.addSomeone({ name: "Jo March", tags: "crew" });
  await app.go("People");
  await people.addSomeone({ name: "Beth March", tags: "crew, family" });
  await app.go("People");
  await people.addSomeone({ name: "Laurie Laurence", tags: "neighbours" });
  await logContact(page, { who: "Jo March", date: "2026-02-20" });
  await logContact(page, { who: "Beth March", date: "2026-02-25" });
  await logContact(page, { who: "Laurie Laurence", date: "2026-03-01" });

  // Nothing chosen yet: the insight says how to choose, and links to Settings.
  await app.go("Insights");
  await expect(insights.heading).toBeVisible();
  const circle = insights.chart(CIRCLE);
  await expect(circle).toContainText("Your usual circle is not chosen yet. In Settings, under Usual circle, tick");
  await expect(circle.getByRole("img")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("readings-insights-none.png"), fullPage: true });
  await circle.getByRole("link", { name: "Choose your usual circle" }).click();

  // Settings offers every circle or tag in the journal; choose "crew".
  await expect(settings.heading).toBeVisible();
  await expect(settings.usualCircle.getByRole("checkbox")).toHaveCount(3);
  await expect(settings.circleChoice("crew")).not.toBeChecked();
  await settings.circleChoice("crew").check();
  await expect(settings.circleChoice("crew")).toBeChecked();
  // Dismiss this save's toast, so the wait below sees the next save's own toast.
  await expect(app.toast).toContainText("Settings saved.");
  await app.toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(app.toast).toBeHidden();
  await settings.usualCircle.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("readings-settings.png") });
  await app.expectNoAxeViolations();

  await app.go("Insights");
  const summary = "2 of 3 contacts (67%) were with your usual circle (crew); 1 (33%) with everyone else.";
  await expect(insights.caption(CIRCLE)).toHaveText(summary);
  await expect(insights.rowLabels(CIRCLE)).toHaveText(["Usual circle (crew)", "Everyone else"]);
  expect(await insights.barValues(CIRCLE)).toEqual([2, 1]);

  // Adding "neighbours" brings Laurie in; the choice survives a reload.
  await app.go("Settings");
  await settings.circleChoice("neighbours").check();
  // The change is stored once the toast says so; only then is a reload safe.
  await expect(app.toast).toContainText("Settings saved.");
  await page.reload();
  await app.waitUntilReady();
  await expect(settings.circleChoice("crew")).toBeChecked();
  await expect(settings.circleChoice("neighbours")).toBeChecked();
  await expect(settings.circleChoice("family")).not.toBeChecked();
  await app.go("Insights");
  await expect(insights.caption(CIRCLE)).toHaveText(
    "3 of 3 contacts (100%) were with your usual circle (crew, neighbours); 0 (0%) with everyone else.",
  );
  await app.expectNoAxeViolations();
});
