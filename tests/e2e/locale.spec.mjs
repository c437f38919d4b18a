// Dates follow the reader's locale and local time, at phone size: the Today
// heading, an entry on a person page and the "Exported …" line of a backup's
// preview, read by an American and by a German reader in Berlin on Wednesday
// 4 March 2026 (noon UTC, 13:00 in Berlin).
import { test, expect } from "./support/fixtures.mjs";
import { BackupsPage } from "./pages/backups.mjs";
import { TodayScreen, freezeClock, logContact } from "./pages/insights.mjs";

const READERS = [
  {
    locale: "en-US",
    today: "Wednesday, March 4, 2026",
    entry: "Sun, Feb 8, 2026",
    // Newer ICU puts a narrow no-break space before "PM".
    exported: /^Exported Mar 4, 2026, 1:00\sPM$/,
  },
  {
    locale: "de-DE",
    today: "Mittwoch, 4. März 2026",
    entry: "So., 8. Feb. 2026",
    exported: /^Exported 04\.03\.2026, 13:00$/,
  },
];

/** The page is no wider than the phone: nothing runs off the right edge. */
async function expectNoSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const reader of READERS) {
  test.describe(reader.locale, () => {
    test.use({ locale: reader.locale, timezoneId: "Europe/Berlin", viewport: { width: 390, height: 844 } });

    test(`dates read the ${reader.locale} way on Today, a person page and a backup's preview`, async ({ page, app, people, person }) => {
      const today = new TodayScreen(page);
      const backups = new BackupsPage(page);
      await freezeClock(page);
      await app.open();
      await app.go("People");
      await people.addSomeone({ name: "Ada Lovelace" });
      await logContact(page, { who: "Ada Lovelace", date: "2026-02-08" });

      await app.go("People");
      await page.getByRole("link", { name: "Ada Lovelace" }).click();
      await expect(person.heading("Ada Lovelace")).toBeVisible();
      await expect(person.history).toContainText(reader.entry);
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: test.info().outputPath(`person-${reader.locale}.png`) });

      await app.go("Today");
      await expect(today.date).toHaveText(reader.today);
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: test.info().outputPath(`today-${reader.locale}.png`) });

      await backups.open();
      const file = await backups.downloadBackup();
      // The file itself keeps the ISO moment, whatever the reader's locale.
      expect(JSON.parse(file.text).exported).toBe("2026-03-04T12:00:00Z");
      await backups.chooseBackup(file.path);
      await expect(backups.preview.getByText(/^Exported /)).toHaveText(reader.exported);
    });
  });
}

// Some browsers (WebKitGTK on a machine without a locale) report a system
// locale such as "C" or "de_DE.UTF-8" as the reader's language, which Intl
// refuses. The app still starts, and takes the first language it can use.
test.describe("a browser reporting system locales", () => {
  test.use({ locale: "en-US", timezoneId: "Europe/Berlin", viewport: { width: 390, height: 844 } });

  test("still starts, with dates in the first usable language", async ({ page, app, people }) => {
    const today = new TodayScreen(page);
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "languages", { get: () => ["C", "de_DE.UTF-8", "en-US"] });
    });
    await freezeClock(page);
    await app.open();
    // Today shows its date once the journal has someone in it.
    await app.go("People");
    await people.addSomeone({ name: "Ada Lovelace" });
    await app.go("Today");
    await expect(today.date).toHaveText("Mittwoch, 4. März 2026");
    expect(errors).toEqual([]);
  });
});
