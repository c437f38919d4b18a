// The Today screen on Wednesday 4 March 2026: a small journal typed in through
// the app's own forms, then the demo journal, whose numbers the host tests
// compute (tests/model_today_screen.rs).
import { test, expect } from "./support/fixtures.mjs";
import { TodayScreen, freezeClock, loadDemoJournal, logContact } from "./pages/insights.mjs";

// Dates are written the en-US way (tests/e2e/locale.spec.mjs covers other locales).
test.use({ locale: "en-US", timezoneId: "UTC" });

test("an empty journal shows the welcome on Today and on Insights", async ({ page, app }) => {
  await freezeClock(page);
  await app.open();
  await expect(app.welcomeHeading).toBeVisible();
  await app.go("Insights");
  await expect(app.welcomeHeading).toBeVisible();
  await app.go("Today");
  await expect(app.welcomeHeading).toBeVisible();
});

test("reconnect, snooze, what you owe, birthdays and nudges from a journal typed in", async ({ page, app, people }) => {
  const today = new TodayScreen(page);
  await freezeClock(page);
  await app.open();
  await expect(app.welcomeHeading).toBeVisible();

  await app.go("People");
  await people.addSomeone({ name: "Ana Lovelace", every: 14, atMost: 30, birthday: "03-04" });
  await app.go("People");
  await people.addSomeone({ name: "Ben Okafor", every: 30, birthday: "1990-03-11" });
  await app.go("People");
  await people.addSomeone({ name: "Cai Rossi", every: 30 });
  await app.go("People");
  await people.addSomeone({ name: "Hal Jensen" });

  // Ana asked for a review; you said yes and promised it: you owe it.
  await logContact(page, {
    who: "Ana Lovelace", date: "2026-01-20", by: "They did",
    exchange: "They asked for…", what: "a review of her talk", answer: "Yes, done", promised: true,
  });
  // You made the last three contacts with Ben.
  for (const date of ["2026-01-05", "2026-01-15", "2026-02-01"]) {
    await logContact(page, { who: "Ben Okafor", date });
  }
  // You lent Cai a ladder.
  await logContact(page, { who: "Cai Rossi", date: "2026-02-08", by: "They did", exchange: "I gave…", kind: "A loan", what: "a ladder" });
  // Hal asked three times and always got a yes.
  for (const date of ["2026-02-10", "2026-02-17", "2026-02-24"]) {
    await logContact(page, { who: "Hal Jensen", date, by: "They did", exchange: "They asked for…", what: "advice", answer: "Yes, done" });
  }

  await app.go("Today");
  await expect(today.heading).toBeVisible();
  await expect(today.date).toHaveText("Wednesday, March 4, 2026");
  // Weeks of 5 Jan to 23 Feb all had a contact with no ask from you; this week has none yet.
  await expect(today.streak).toHaveText(
    "8 weeks of networking without needing anything. Reach out this week to keep it going.",
  );

  // Reconnect: Ana is past her maximum (43 days), Ben a day overdue, Cai due in 6 days.
  await expect(today.reconnect.locator(".card-intro")).toHaveText("3 people are due by your cadence, most overdue first.");
  await expect(today.reconnectNames()).toHaveText(["Ana Lovelace", "Ben Okafor", "Cai Rossi"]);
  await expect(today.rows(today.reconnect).nth(0)).toContainText("Long overdue");
  await expect(today.rows(today.reconnect).nth(0)).toContainText("Last contact 6 weeks ago");
  await expect(today.rows(today.reconnect).nth(1)).toContainText("Overdue");
  await expect(today.rows(today.reconnect).nth(2)).toContainText("Due soon");

  await expect(today.rows(today.owe)).toHaveCount(1);
  await expect(today.rows(today.owe).first()).toContainText("Ana Lovelace");
  await expect(today.rows(today.owe).first()).toContainText("Promised: a review of her talk");
  await expect(today.rows(today.owe).first()).toContainText("since Tue, Jan 20, 2026 (6 weeks ago)");
  await expect(today.owe.getByRole("link", { name: "Ana Lovelace" })).toHaveAttribute("href", /#\/people\/p/);
  await expect(today.rows(today.theyOwe)).toHaveCount(1);
  await expect(today.rows(today.theyOwe).first()).toContainText("Cai Rossi");
  await expect(today.rows(today.theyOwe).first()).toContainText("Loan: a ladder");
  await expect(today.rows(today.theyOwe).first()).toContainText("since Sun, Feb 8, 2026");

  await expect(today.rows(today.birthdays)).toHaveCount(2);
  await expect(today.rows(today.birthdays).nth(0)).toHaveText(/Ana Lovelace\s*today$/);
  await expect(today.rows(today.birthdays).nth(1)).toHaveText(/Ben Okafor\s*in 7 days, Wed, Mar 11, turning 36$/);

  await expect(today.rows(today.sayNo)).toHaveCount(1);
  await expect(today.rows(today.sayNo).first()).toContainText("Hal Jensen");
  await expect(today.rows(today.sayNo).first()).toContainText("Asked 3 times; you never said no.");
  await expect(today.rows(today.oneSided)).toHaveCount(1);
  await expect(today.rows(today.oneSided).first()).toContainText("Ben Okafor");
  await expect(today.rows(today.oneSided).first()).toContainText("You made the last 3 contacts.");
  await app.expectNoAxeViolations();

  // Snooze Ben for a week; undo brings him back; snooze again and it survives a reload.
  await today.snooze("Ben Okafor").click();
  await expect(app.toast).toContainText("Snoozed Ben Okafor until Wed, Mar 11, 2026.");
  await expect(today.reconnectNames()).toHaveText(["Ana Lovelace", "Cai Rossi"]);
  await expect(today.reconnect).toContainText("1 person is snoozed.");
  await app.undo();
  await expect(today.reconnectNames()).toHaveText(["Ana Lovelace", "Ben Okafor", "Cai Rossi"]);
  await today.snooze("Ben Okafor").click();
  await expect(today.reconnectNames()).toHaveText(["Ana Lovelace", "Cai Rossi"]);
  // The toast comes once the snooze is stored; only then reload.
  await expect(app.toast).toContainText("Snoozed Ben Okafor until Wed, Mar 11, 2026.");
  await page.reload();
  await app.waitUntilReady();
  await expect(today.reconnectNames()).toHaveText(["Ana Lovelace", "Cai Rossi"]);
  // Snoozing only hides Ben from Reconnect.
  await expect(today.rows(today.oneSided).first()).toContainText("Ben Okafor");

  // One tap opens the quick log for Cai; logging today takes Cai off the list
  // and this week now counts towards the streak.
  await today.logContactWith("Cai Rossi").click();
  const dialog = page.getByRole("dialog", { name: "Log a contact" });
  await expect(dialog.getByRole("combobox", { name: "Who with" })).toHaveValue("Cai Rossi");
  await dialog.getByRole("button", { name: "Log it" }).click();
  await expect(dialog).toBeHidden();
  await expect(today.reconnectNames()).toHaveText(["Ana Lovelace"]);
  await expect(today.streak).toHaveText("9 weeks of networking without needing anything. Keep it up.");

  await page.emulateMedia({ colorScheme: "dark" });
  await app.expectNoAxeViolations();
});

test("the demo journal's Today, as the host tests compute it", async ({ page, app }) => {
  const today = new TodayScreen(page);
  await freezeClock(page);
  await app.open();
  await loadDemoJournal(page);
  await app.go("Today");

  await expect(today.streak).toHaveText("156 weeks of networking without needing anything. Keep it up.");
  await expect(today.reconnect.locator(".card-intro")).toHaveText("26 people are due by your cadence, most overdue first.");
  await expect(today.reconnectNames()).toHaveCount(8);
  await expect(today.reconnectNames().first()).toHaveText("Kateřina Horváth");
  await today.showAll(today.reconnect).click();
  await expect(today.reconnectNames()).toHaveCount(26);
  await expect(today.reconnect.getByRole("button", { name: "Show fewer" })).toHaveAttribute("aria-expanded", "true");

  for (const [section, count] of [
    [today.waitingOnThem, 8],
    [today.owe, 46],
    [today.theyOwe, 58],
    [today.sayNo, 15],
    [today.oneSided, 19],
  ]) {
    await expect(today.rows(section)).toHaveCount(5);
    await expect(today.showAll(section)).toHaveText(`Show all ${count}`);
  }
  // Only recent asks still wait for an answer: four of theirs, on you.
  await expect(today.rows(today.waitingOnYou)).toHaveCount(4);
  await today.showAll(today.owe).click();
  await expect(today.rows(today.owe)).toHaveCount(46);
  await expect(today.rows(today.birthdays)).toHaveCount(2);
  await app.expectNoAxeViolations();
  await page.emulateMedia({ colorScheme: "dark" });
  await app.expectNoAxeViolations();
});
