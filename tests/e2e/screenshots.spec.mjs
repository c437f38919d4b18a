// Screenshots for the README, taken from the real app with the small demo journal:
// phone (360 px) and desktop, light and dark. Each screen is also checked with axe
// in both colour schemes, so the pictures show an accessible app.
import { test, expect } from "./support/fixtures.mjs";
import { AppPage, QuickLog } from "./pages/app.mjs";

const VIEWPORTS = { phone: { width: 360, height: 800 }, desktop: { width: 1280, height: 800 } };

async function loadDemo(page) {
  const app = new AppPage(page);
  await app.open("./#/settings");
  await page.getByLabel("Size").selectOption("small");
  await page.getByRole("button", { name: "Load demo data" }).click();
  await expect(page.getByText("Loaded a demo journal of 200 people.")).toBeVisible();
  await page.getByRole("button", { name: "Dismiss" }).click();
  return app;
}

for (const scheme of ["light", "dark"]) {
  test(`people, a person and the quick log look right in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const app = await loadDemo(page);
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await app.go("People");
      await expect(page.locator(".person-name").first()).toBeVisible();
      await app.expectNoAxeViolations();
      await page.screenshot({ path: `docs/screenshots/people-${device}-${scheme}.png` });

      await page.locator(".person-name").first().click();
      await expect(page.getByRole("region", { name: "History" })).toBeVisible();
      await app.expectNoAxeViolations();
      await page.screenshot({ path: `docs/screenshots/person-${device}-${scheme}.png` });

      const log = new QuickLog(page);
      await log.openWithKey();
      await log.who.fill("a");
      await app.expectNoAxeViolations();
      await page.screenshot({ path: `docs/screenshots/quick-log-${device}-${scheme}.png` });
      await page.keyboard.press("Escape");
      await expect(log.dialog).toBeHidden();

      await app.go("Settings");
      await app.expectNoAxeViolations();
    }
  });
}
