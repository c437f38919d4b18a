// Seasons of a working life, on a phone (390×844), on Wednesday 4 March 2026:
// a job search typed in through the quick log, a new job, the people to thank
// on Today, a retirement's purposes, milestones in the Journal and on
// Insights' charts, each change undone once, and everything after a reload.
import { test, expect } from "./support/fixtures.mjs";
import { InsightsScreen, freezeClock } from "./pages/insights.mjs";
import { JournalScreen, MilestoneCards, expectTapSized, logWith } from "./pages/milestones.mjs";

test.use({ locale: "en-US", timezoneId: "UTC", viewport: { width: 390, height: 844 } });

const JOB = "Job search";
const STAGE = ["Part-time job", "Benefits (Social Security, Medicare, pensions)"];

test("after a new job: thank the people who helped; after retiring: the stage's purposes", async ({ page, app, people, log }) => {
  test.setTimeout(240_000);
  await freezeClock(page);
  await app.open();
  const journal = new JournalScreen(page);
  const cards = new MilestoneCards(page);

  for (const name of ["Ana Lovelace", "Ben Okafor", "Cai Rossi", "Dev Patel", "Eve Moreau", "Hal Jensen"]) {
    await app.go("People");
    await people.addSomeone({ name });
  }

  // 1. The job search: two asks granted, one introduction given to me…
  await logWith(page, { who: "Ana Lovelace", date: "2026-01-12", purpose: JOB, exchange: "I asked for…", kind: "A referral", what: "a referral to Fabrikam", answer: "Yes, done" });
  await logWith(page, { who: "Ben Okafor", date: "2026-01-20", purpose: JOB, exchange: "I asked for…", what: "a mock interview", answer: "Yes, done" });
  await logWith(page, { who: "Cai Rossi", date: "2026-02-03", by: "They did", exchange: "They gave…", kind: "An introduction", what: "the hiring manager" });
  // …and who must stay off the list: a declined ask, and a granted one too long before.
  await logWith(page, { who: "Dev Patel", date: "2026-02-10", purpose: JOB, exchange: "I asked for…", what: "a reference", answer: "Said no" });
  await logWith(page, { who: "Eve Moreau", date: "2025-08-01", purpose: JOB, exchange: "I asked for…", what: "advice on my CV", answer: "Yes, done" });
  // Hal asks often and always gets a yes.
  for (const date of ["2026-02-11", "2026-02-18", "2026-02-25"]) {
    await logWith(page, { who: "Hal Jensen", date, by: "They did", exchange: "They asked for…", what: "a favour", answer: "Yes, done" });
  }

  // 2. The milestones, from the Journal: retired long ago, then the new job.
  await app.go("Journal");
  await expect(journal.heading).toBeVisible();
  await expectTapSized(journal.addButton);
  const form = await journal.openNew();
  await form.fill({ kind: "Retired", date: "2025-06-30", note: "Retired from Contoso" });
  await app.expectNoAxeViolations();
  await expectTapSized(form.dialog.locator("input, select, button"));
  await form.save();
  await expect(app.toast).toContainText("Milestone added.");
  // The stage's purposes are offered right away, once.
  await expect(cards.stageOffer).toBeVisible();
  await expect(cards.stageOffer.getByRole("listitem")).toHaveText(STAGE);

  await journal.add({ kind: "New job", date: "2026-03-02", note: "Started at Fabrikam" });
  await expect(app.toast).toContainText("Milestone added.");
  await expect(journal.milestones()).toHaveCount(2);
  await expect(journal.milestones().first()).toContainText("Milestone: New job · Mon, Mar 2, 2026");
  await expect(journal.milestones().first()).toContainText("Started at Fabrikam");
  // Between the entries, by date: after Hal's last ask, before Eve's old one.
  const lines = journal.timeline.getByRole("listitem");
  await expect(lines.first()).toContainText("Started at Fabrikam");
  await expect(lines.last()).toContainText("Retired from Contoso");
  await expect(lines.nth(1)).toContainText("Hal Jensen");
  await expect(journal.milestone("Retired from Contoso")).toContainText("Milestone: Retired · Mon, Jun 30, 2025");
  await expectTapSized(journal.timeline.getByRole("button"));
  await app.expectNoAxeViolations();

  // 3. Today lists exactly the three who helped, each with one tap to thank.
  await app.go("Today");
  await expect(cards.thanksNames()).toHaveText(["Ana Lovelace", "Ben Okafor", "Cai Rossi"]);
  await expect(cards.thanks).toContainText("A referral");
  await expect(cards.thanks).toContainText("An introduction");
  await expect(cards.thanks).toContainText("Started at Fabrikam (Mon, Mar 2, 2026)");
  await expectTapSized(cards.thanks.getByRole("button"));
  await app.expectNoAxeViolations();
  // The picture for the README, without the last toast over it.
  await page.getByRole("button", { name: "Dismiss", exact: true }).click();
  await expect(app.toast).toHaveCount(0);
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await app.expectNoAxeViolations();
    await cards.thanks.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `docs/screenshots/thanks-phone-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });

  // 4. A thank-you to Ben takes him off; Dismiss clears the list; Undo brings it back.
  await cards.logThanksButton("Ben Okafor").click();
  await expect(app.toast).toContainText("Logged a thank-you to Ben Okafor.");
  await expect(cards.thanksNames()).toHaveText(["Ana Lovelace", "Cai Rossi"]);
  await app.undo();
  await expect(cards.thanksNames()).toHaveText(["Ana Lovelace", "Ben Okafor", "Cai Rossi"]);
  await expect(app.toast).toContainText("Undone");
  await cards.logThanksButton("Ben Okafor").click();
  await expect(app.toast).toContainText("Logged a thank-you to Ben Okafor.");
  await expect(cards.thanksNames()).toHaveText(["Ana Lovelace", "Cai Rossi"]);
  await cards.dismissButton().click();
  await expect(app.toast).toContainText("Thank-you list dismissed.");
  await expect(cards.thanks).toBeHidden();
  await app.undo();
  await expect(cards.thanksNames()).toHaveText(["Ana Lovelace", "Cai Rossi"]);
  await expect(app.toast).toContainText("Undone");
  // The thank-you is a message I sent, with the thank-you purpose, in the Journal.
  await app.go("Journal");
  await expect(journal.entry("Ben Okafor").first()).toContainText("Message · Wed, Mar 4, 2026 · you reached out · Thank-you");

  // 5. The retirement's purposes: accepted once, then in the quick log's purpose menu.
  await expectTapSized(cards.stageOffer.getByRole("button"));
  await cards.stageOffer.getByRole("button", { name: "Add these purposes" }).click();
  await expect(app.toast).toContainText("Added 2 purposes.");
  await expect(cards.stageOffer).toBeHidden();
  await log.openWithButton();
  const purposes = log.dialog.getByLabel("What it was for").locator("option");
  for (const label of STAGE) await expect(purposes.filter({ hasText: label })).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(log.dialog).toBeHidden();
  // A contact for a part-time job shows on Insights, by what it was for.
  await logWith(page, { who: "Ana Lovelace", purpose: STAGE[0] });
  await expect(app.toast).toContainText("Logged");
  await app.go("Insights");
  const insights = new InsightsScreen(page);
  await expect(insights.rowLabels("What it was for").filter({ hasText: STAGE[0] })).toHaveCount(1);
  const labels = await insights.rowLabels("What it was for").allTextContents();
  const values = await insights.barValues("What it was for");
  const partTime = labels.indexOf(STAGE[0]);
  // A long label is shortened in the drawing ("Benefits (Social Security, Medica…").
  const benefits = labels.findIndex((label) => label.startsWith("Benefits (Social Security"));
  expect(partTime, `${STAGE[0]} among ${labels}`).toBeGreaterThanOrEqual(0);
  expect(benefits, `benefits among ${labels}`).toBeGreaterThanOrEqual(0);
  expect(values[partTime]).toBe(1);
  expect(values[benefits]).toBe(0);
  await app.go("Journal");

  // Edit a milestone, undo it; delete one, undo that too.
  let editor = await journal.edit("Retired from Contoso");
  await editor.fill({ note: "Retired from Contoso after 30 years" });
  await editor.save();
  await expect(app.toast).toContainText("Milestone saved.");
  await expect(journal.milestone("Retired from Contoso after 30 years")).toHaveCount(1);
  await app.undo();
  await expect(journal.milestone("after 30 years")).toHaveCount(0);
  await expect(journal.milestone("Retired from Contoso")).toHaveCount(1);
  editor = await journal.edit("Retired from Contoso");
  await editor.delete();
  await expect(app.toast).toContainText("Milestone deleted.");
  await expect(journal.milestones()).toHaveCount(1);
  await app.undo();
  await expect(journal.milestones()).toHaveCount(2);
  await expect(app.toast).toContainText("Undone");

  // Insights marks both milestones on the charts over time, in words as well.
  await app.go("Insights");
  const giveTake = page.getByRole("region", { name: "Give and take per month" });
  await expect(giveTake.locator("svg g.chart-marker")).toHaveCount(2);
  const key = giveTake.getByRole("list", { name: "Milestones" });
  await expect(key.getByRole("listitem")).toHaveText([
    "Retired: Retired from Contoso, Mon, Jun 30, 2025",
    "New job: Started at Fabrikam, Mon, Mar 2, 2026",
  ]);
  await expect(giveTake.locator("svg g.chart-marker").last()).toHaveAttribute("data-label", "New job: Started at Fabrikam, Mon, Mar 2, 2026");
  await app.expectNoAxeViolations();
  await giveTake.evaluate((el) => el.scrollIntoView({ block: "start" }));

  // Saying no, by stage: a one-line boundary for Hal, with the stage's example.
  await app.go("Today");
  const field = cards.boundaryField("Hal Jensen");
  await expect(field).toHaveAttribute("placeholder", "e.g. Not taking new consulting clients");
  await expectTapSized(field);
  await expectTapSized(cards.boundarySave("Hal Jensen"));
  await field.fill("Favours on weekends only");
  await cards.boundarySave("Hal Jensen").click();
  await expect(app.toast).toContainText("Boundary saved for Hal Jensen.");
  await expect(cards.sayNo).toContainText("Boundaries: Favours on weekends only");

  // Everything survives a reload.
  await page.reload();
  await app.waitUntilReady();
  await expect(cards.thanksNames()).toHaveText(["Ana Lovelace", "Cai Rossi"]);
  await expect(cards.stageOffer).toBeHidden();
  await expect(cards.sayNo).toContainText("Boundaries: Favours on weekends only");
  await app.go("Journal");
  await expect(journal.milestones()).toHaveCount(2);
  await expect(journal.milestone("Retired from Contoso")).toHaveCount(1);
  await expect(journal.milestone("Started at Fabrikam")).toHaveCount(1);

  // Two weeks on with no contact: keep in touch while you don't need anything.
  await expect(cards.keepGoing).toBeHidden();
  await freezeClock(page, new Date("2026-03-20T12:00:00Z"));
  await app.go("Today");
  await page.reload();
  await app.waitUntilReady();
  await expect(cards.keepGoing).toContainText("You landed the job — keep in touch while you don't need anything.");
  await expect(cards.keepGoing).toContainText("No contact with anyone in 16 days.");
  await expectTapSized(cards.keepGoing.getByRole("button"));
});

test("two milestones in one month stand apart on the chart, numbers readable", async ({ page, app, people }) => {
  await freezeClock(page);
  await app.open();
  await app.go("People");
  await people.addSomeone({ name: "Ana Lovelace" });
  const journal = new JournalScreen(page);
  await app.go("Journal");
  await journal.add({ kind: "Left a job", date: "2026-03-01", note: "Left Contoso" });
  await expect(app.toast).toContainText("Milestone added.");
  await journal.add({ kind: "New job", date: "2026-03-02", note: "Started at Fabrikam" });
  await expect(app.toast).toContainText("Milestone added.");

  await app.go("Insights");
  const giveTake = page.getByRole("region", { name: "Give and take per month" });
  const dots = giveTake.locator("svg g.chart-marker circle");
  await expect(dots).toHaveCount(2);
  const drawn = await giveTake.locator("svg").evaluate((svg) => {
    const frame = svg.getBoundingClientRect();
    const scale = frame.width / svg.viewBox.baseVal.width;
    return {
      frame: { left: frame.left, right: frame.right, top: frame.top },
      dots: [...svg.querySelectorAll(".chart-marker circle")].map((c) => c.getBoundingClientRect()).map((b) => ({ left: b.left, right: b.right, top: b.top, bottom: b.bottom })),
      numbers: [...svg.querySelectorAll(".chart-marker text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale),
    };
  });
  const [first, second] = drawn.dots;
  const apart = first.bottom <= second.top || second.bottom <= first.top || first.right <= second.left || second.right <= first.left;
  expect(apart, "the two markers' circles do not overlap").toBe(true);
  for (const dot of drawn.dots) {
    expect(dot.right).toBeLessThanOrEqual(drawn.frame.right + 0.5);
    expect(dot.top).toBeGreaterThanOrEqual(drawn.frame.top - 0.5);
  }
  for (const size of drawn.numbers) expect(size).toBeGreaterThanOrEqual(11.95);
  await giveTake.screenshot({ path: test.info().outputPath("markers-one-month.png") });
});
