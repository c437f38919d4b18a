// The Insights screen with the demo journal on Wednesday 4 March 2026. Every
// number asserted here is computed by the host tests for the same seed and day
// (tests/model_insights.rs, demo_journal_insights_numbers).
import { test, expect } from "./support/fixtures.mjs";
import { AppPage } from "./pages/app.mjs";
import { InsightsScreen, freezeClock, loadDemoJournal } from "./pages/insights.mjs";

// Dates are written the en-US way (tests/e2e/locale.spec.mjs covers other locales).
test.use({ locale: "en-US", timezoneId: "UTC" });

const GIVE_TAKE = "Give and take per month";
const WHO = "Who reaches out";
const NEW_PEOPLE = "New people per month";
const CIRCLE = "Usual circle and everyone else";
const PURPOSES = "What it was for";
const WEEKS = "Weeks of networking without needing anything";
const MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"];

async function openDemoInsights(page) {
  const app = new AppPage(page);
  await freezeClock(page);
  await app.open();
  await loadDemoJournal(page);
  await app.go("Insights");
  const insights = new InsightsScreen(page);
  await expect(insights.heading).toBeVisible();
  return { app, insights };
}

test("the last 12 months of the demo journal, in numbers and in SVG", async ({ page }) => {
  const { app, insights } = await openDemoInsights(page);
  await expect(insights.range).toHaveValue("12m");
  await expect(insights.scope).toHaveText("861 contacts with everyone, Tue, Apr 1, 2025 to Wed, Mar 4, 2026.");

  // Give and take: 12 months × 2 series.
  const giveTake = "From April 2025 to March 2026 you gave 110 times and received 133 times.";
  await expect(insights.caption(GIVE_TAKE)).toHaveText(giveTake);
  await expect(insights.chart(GIVE_TAKE).getByRole("img", { name: giveTake })).toBeVisible();
  await expect(insights.bars(GIVE_TAKE)).toHaveCount(24);
  expect(await insights.barValues(GIVE_TAKE, "You gave")).toEqual([3, 3, 6, 10, 6, 3, 9, 12, 12, 17, 18, 11]);
  expect(await insights.barValues(GIVE_TAKE, "You received")).toEqual([7, 5, 3, 11, 5, 6, 14, 12, 18, 17, 19, 16]);
  // Bars are drawn to scale: the tallest (19 received in February) is the highest.
  const heights = await insights.barHeights(GIVE_TAKE, "You received");
  expect(Math.max(...heights)).toBe(heights[10]);
  expect(heights[4]).toBeLessThan(heights[0]);
  await expect(insights.axisLabels(GIVE_TAKE)).toHaveText(MONTHS);
  await expect(insights.chart(GIVE_TAKE).locator("svg text.chart-mark")).toHaveText(["2025", "2026"]);
  await expect(insights.chart(GIVE_TAKE).locator(".chart-legend li")).toHaveText(["You gave", "You received"]);
  const table = await insights.table(GIVE_TAKE);
  expect(table[0]).toEqual(["Month", "You gave", "You received"]);
  expect(table[1]).toEqual(["April 2025", "3", "7"]);
  expect(table[12]).toEqual(["March 2026", "11", "16"]);
  expect(table).toHaveLength(13);

  // Who initiated.
  await expect(insights.caption(WHO)).toHaveText(
    "Of 861 contacts, you reached out for 400 (46%), they did for 301 (35%) and 160 (19%) were mutual.",
  );
  expect(await insights.barValues(WHO)).toEqual([400, 301, 160]);
  await expect(insights.rowLabels(WHO)).toHaveText(["You reached out", "They reached out", "Mutual"]);
  await expect(insights.chart(WHO).locator("svg text.chart-row-value")).toHaveText(["400 (46%)", "301 (35%)", "160 (19%)"]);

  // New people per month, and the usual circle against everyone else.
  await expect(insights.caption(NEW_PEOPLE)).toHaveText(
    "20 new people from April 2025 to March 2026; the most in April 2025 (3).",
  );
  expect(await insights.barValues(NEW_PEOPLE)).toEqual([3, 1, 1, 2, 1, 1, 2, 2, 2, 2, 2, 1]);
  await expect(insights.axisLabels(NEW_PEOPLE)).toHaveText(MONTHS);
  await expect(insights.caption(CIRCLE)).toHaveText(
    "248 of 861 contacts (29%) were with your usual circle (posse); 613 (71%) with everyone else.",
  );
  expect(await insights.barValues(CIRCLE)).toEqual([248, 613]);
  await expect(insights.rowLabels(CIRCLE)).toHaveText(["Usual circle (posse)", "Everyone else"]);

  // The journal's purposes, in list order.
  await expect(insights.rowLabels(PURPOSES)).toHaveText([
    "Staying in touch", "Job search", "Consulting gig", "Information", "Volunteering", "Helping them", "No purpose",
  ]);
  expect(await insights.barValues(PURPOSES)).toEqual([125, 124, 129, 112, 114, 116, 141]);
  const purposes = await insights.table(PURPOSES);
  expect(purposes[0]).toEqual(["Purpose", "Contacts"]);
  expect(purposes[2]).toEqual(["Job search", "124"]);

  // The 52-week strip: the first three weeks end before 1 April 2025.
  await expect(insights.caption(WEEKS)).toHaveText(
    "Networking without an ask in 49 of the last 52 weeks. Current streak: 49 weeks. Longest run: 49 weeks.",
  );
  await expect(insights.chart(WEEKS).locator("svg rect.strip-cell")).toHaveCount(52);
  await expect(insights.cells("strip-on")).toHaveCount(49);
  await expect(insights.cells("strip-out")).toHaveCount(3);
  await expect(insights.chart(WEEKS).locator("svg rect.strip-cell").last()).toHaveAttribute("data-week", "2026-03-02");
  const weeks = await insights.table(WEEKS);
  expect(weeks).toHaveLength(53);
  expect(weeks[1]).toEqual(["Mar 2, 2026", "Yes"]);
  expect(weeks[52]).toEqual(["Mar 10, 2025", "Outside the range"]);

  await app.expectNoAxeViolations();
  await page.emulateMedia({ colorScheme: "dark" });
  await app.expectNoAxeViolations();
});

test("narrowing to a circle and to other time ranges", async ({ page }) => {
  const { app, insights } = await openDemoInsights(page);

  await insights.chooseTag("posse");
  await expect(insights.scope).toHaveText("248 contacts with people tagged “posse”, Tue, Apr 1, 2025 to Wed, Mar 4, 2026.");
  await expect(insights.caption(WHO)).toHaveText(
    "Of 248 contacts, you reached out for 116 (47%), they did for 87 (35%) and 45 (18%) were mutual.",
  );
  await expect(insights.caption(GIVE_TAKE)).toHaveText(
    "From April 2025 to March 2026 you gave 30 times and received 40 times.",
  );
  expect(await insights.barValues(PURPOSES)).toEqual([43, 28, 41, 27, 33, 40, 36]);
  await expect(insights.caption(WEEKS)).toHaveText(
    "Networking without an ask in 46 of the last 52 weeks. Current streak: 26 weeks. Longest run: 26 weeks.",
  );

  await insights.chooseTag("Everyone");
  await insights.chooseRange("Last 3 months");
  await expect(insights.caption(GIVE_TAKE)).toHaveText(
    "From January 2026 to March 2026 you gave 46 times and received 52 times.",
  );
  await expect(insights.bars(GIVE_TAKE)).toHaveCount(6);
  expect(await insights.barValues(GIVE_TAKE, "You gave")).toEqual([17, 18, 11]);
  expect(await insights.barValues(GIVE_TAKE, "You received")).toEqual([17, 19, 16]);
  await expect(insights.axisLabels(GIVE_TAKE)).toHaveText(["Jan", "Feb", "Mar"]);
  await expect(insights.cells("strip-out")).toHaveCount(42);

  // All time: ten years in yearly bars, and the headings say so.
  await insights.chooseRange("All time");
  await expect(insights.chart("Give and take per year")).toBeVisible();
  await expect(insights.chart("Give and take per year").locator(".chart-caption")).toHaveText(
    "From 2016 to 2026 you gave 292 times and received 300 times.",
  );
  // Eleven years at 12 px leave room for every other year on the axis; the table has them all.
  await expect(insights.chart("Give and take per year").locator("svg text.chart-label")).toHaveText([
    "2016", "2018", "2020", "2022", "2024", "2026",
  ]);
  await expect(insights.chart("Give and take per year").locator("svg rect.chart-bar")).toHaveCount(22);

  // Chosen dates: a backwards range says why, then a real one draws.
  await insights.chooseRange("Choose dates…");
  await insights.from.fill("2026-02-01");
  await insights.to.fill("2026-01-01");
  await expect(insights.scope).toHaveText("The start date must be on or before the end date.");
  await expect(insights.chart(WHO)).toHaveCount(0);
  await insights.to.fill("2026-02-28");
  await expect(insights.chart(GIVE_TAKE).locator(".chart-caption")).toHaveText(
    "In February 2026 you gave 18 times and received 19 times.",
  );
  await expect(insights.axisLabels(GIVE_TAKE)).toHaveText(["Feb"]);
  await app.expectNoAxeViolations();
});

// Screenshots for the README: Today and Insights with the demo journal, on a
// phone and a desktop, light and dark.
test("screenshots of Today and Insights", async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await freezeClock(page);
  await app.open();
  await loadDemoJournal(page);
  await page.reload();
  await app.waitUntilReady();
  await app.go("Today");
  // Chromium's installs share the journal, so no note about installing covers Today.
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Before you install Rapport" })).toHaveCount(0);
  const dir = new URL("../../docs/screenshots/", import.meta.url).pathname;
  for (const [screen, hash] of [["today", "#/"], ["insights", "#/insights"]]) {
    for (const [device, size] of [["phone", { width: 360, height: 800 }], ["desktop", { width: 1280, height: 800 }]]) {
      for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize(size);
        await page.goto(`./${hash}`);
        await app.waitUntilReady();
        await expect(page.locator("main h1")).toBeVisible();
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${dir}${screen}-${device}-${scheme}.png` });
      }
    }
  }
});
