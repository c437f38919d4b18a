// The ledger can be trusted and corrected, at phone size: entries are edited
// and deleted with Undo, open asks wait for an answer (never a debt), a "no"
// given later counts, and settling can be undone.
import { test, expect } from "./support/fixtures.mjs";
import { AppPage, PeoplePage, PersonPage, QuickLog } from "./pages/app.mjs";

test.use({ locale: "en-US", viewport: { width: 390, height: 844 } });

/** A local day `offset` days from today, as the date inputs take it (YYYY-MM-DD). */
function isoDay(offset = 0) {
  const day = new Date();
  day.setDate(day.getDate() + offset);
  const pad = (n) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** The same day as the screens write it in en-US: "Sat, Dec 5, 2026". */
function longDay(offset = 0) {
  const day = new Date();
  day.setDate(day.getDate() + offset);
  return day.toLocaleDateString("en-US", { weekday: "short", day: "numeric", month: "short", year: "numeric" });
}

async function startWith(page, names) {
  const app = new AppPage(page);
  const people = new PeoplePage(page);
  await app.open();
  for (const name of names) {
    await app.go("People");
    await people.addSomeone({ name });
  }
  return { app, people, person: new PersonPage(page), log: new QuickLog(page) };
}

test("an entry's date and who reached out can be corrected, and the counters follow", async ({ page }) => {
  const { app, people, person, log } = await startWith(page, ["Sam Lee"]);
  await log.openWithButton();
  await log.log({ who: "Sam Lee", by: "I did" });
  await app.go("People");
  await people.link("Sam Lee").click();
  await expect(person.whoReachedOut()).toHaveText("Who reached out: you 100% · them 0% · both 0%");
  await expect(person.lastContact()).toContainText("Last contact: today");

  const editor = await person.editEntry(`Edit the coffee of ${longDay(0)}`);
  await editor.setDate(isoDay(-10));
  await editor.reachedOut("They did");
  await app.expectNoAxeViolations();
  await editor.save();
  await expect(app.toast).toContainText("Entry saved.");
  await expect(person.whoReachedOut()).toHaveText("Who reached out: you 0% · them 100% · both 0%");
  await expect(person.lastContact()).toContainText("Last contact: 10 days ago");
  await expect(person.history).toContainText(`Coffee · ${longDay(-10)} · they reached out`);

  // Undo puts the entry back as it was.
  await app.undo();
  await expect(person.whoReachedOut()).toHaveText("Who reached out: you 100% · them 0% · both 0%");
  await expect(person.history).toContainText(`Coffee · ${longDay(0)} · you reached out`);
});

test("an entry can be deleted, and Undo brings it back, also after a reload", async ({ page }) => {
  const { app, people, person, log } = await startWith(page, ["Sam Lee"]);
  // Logging itself can be undone from its toast.
  await log.openWithButton();
  await log.log({ who: "Sam Lee", note: "A call I never had" });
  await expect(app.toast).toContainText("Logged with Sam Lee.");
  await app.undo();
  await app.go("People");
  await people.link("Sam Lee").click();
  await expect(person.history).toContainText("Nothing logged yet.");

  await log.openWithButton();
  await log.log({ who: "Sam Lee", note: "Talked about the Lisbon offer" });
  await app.go("People");
  await people.link("Sam Lee").click();
  await expect(person.history).toContainText("Talked about the Lisbon offer");

  const editor = await person.editEntry(`Edit the coffee of ${longDay(0)}`);
  await editor.deleteEntry();
  await expect(app.toast).toContainText("Entry deleted.");
  await expect(person.history).toContainText("Nothing logged yet.");
  await expect(person.lastContact()).toContainText("No contact yet");

  await app.undo();
  await expect(app.toast).toContainText("Undone.");
  await expect(person.history).toContainText("Talked about the Lisbon offer");
  await page.reload();
  await app.waitUntilReady();
  await expect(person.history).toContainText("Talked about the Lisbon offer");
  await expect(person.lastContact()).toContainText("Last contact: today");
});

test("an open ask waits for an answer, and a no given two days later counts", async ({ page }) => {
  const { app, people, person, log } = await startWith(page, ["Daniel Ortiz", "Sam Lee"]);
  await log.openWithButton();
  await log.log({
    who: "Daniel Ortiz",
    by: "They did",
    date: isoDay(-2),
    exchange: "They asked for…",
    what: "an intro to Fabrikam",
    answer: "Waiting for an answer",
  });
  await log.openWithButton();
  await log.log({
    who: "Sam Lee",
    exchange: "I asked for…",
    what: "a 3-month consulting engagement",
    answer: "Waiting for an answer",
  });

  // Today keeps the two apart, and neither is a debt.
  await app.go("Today");
  const waitingOnYou = page.getByRole("region", { name: "Waiting on you" });
  const waitingOnThem = page.getByRole("region", { name: "Waiting on them" });
  await expect(waitingOnYou).toContainText("Daniel Ortiz asked you for an intro to Fabrikam: you haven't answered.");
  await expect(waitingOnThem).toContainText(
    "You asked Sam Lee for a 3-month consulting engagement: waiting for an answer.",
  );
  await expect(page.getByRole("region", { name: "You owe" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "They owe" })).toHaveCount(0);
  await app.expectNoAxeViolations();

  await app.go("People");
  await people.link("Sam Lee").click();
  await expect(person.waiting()).toContainText("You asked Sam Lee for a 3-month consulting engagement: waiting for an answer.");
  await expect(person.owed()).toHaveCount(0);

  // Daniel's ask gets its answer two days after it was made.
  await app.go("People");
  await people.link("Daniel Ortiz").click();
  await expect(person.counters).toContainText("you said no 0 times");
  await person.recordAnswer("Said no", isoDay(0));
  await expect(app.toast).toContainText("Answer recorded.");
  await expect(person.counters).toHaveText("You gave 0 · they gave 0 · you asked 0 · they asked 1 · you said no once");
  await expect(person.history).toContainText(`They asked for an intro to Fabrikam: you said no on ${longDay(0)}.`);
  await expect(person.waiting()).toHaveCount(0);
  await app.go("Today");
  await expect(waitingOnYou).toHaveCount(0);
  await expect(waitingOnThem).toBeVisible();
});

test("a promise is owed until settled; settling can be undone", async ({ page }) => {
  const { app, people, person, log } = await startWith(page, ["Priya Raman"]);
  await log.openWithButton();
  await log.log({ who: "Priya Raman", exchange: "I gave…", what: "a review of her CV", promised: true });
  await app.go("Today");
  await expect(page.getByRole("region", { name: "You owe" })).toContainText("Promised: a review of her CV");
  await app.go("People");
  await people.link("Priya Raman").click();
  await expect(person.owed()).toContainText("You owe them: a review of her CV");
  await expect(person.counters).toContainText("You gave 0");
  await app.expectNoAxeViolations();

  await person.owed().getByRole("button", { name: "Settle: You owe them: a review of her CV" }).click();
  await expect(app.toast).toContainText("Settled.");
  await expect(person.owed()).toHaveCount(0);
  await expect(person.counters).toContainText("You gave 1");

  await app.undo();
  await expect(person.owed()).toContainText("You owe them: a review of her CV");
  await expect(person.counters).toContainText("You gave 0");
  await page.reload();
  await app.waitUntilReady();
  await expect(person.owed()).toContainText("You owe them: a review of her CV");
});
