// What a phone shows before the wasm has arrived: the splash in index.html.
// It carries the words the welcome screen opens with, so a first visit reads
// them at once, while the wasm downloads.
import { test, expect } from "./support/fixtures.mjs";
import { PeoplePage } from "./pages/app.mjs";

// The service worker would answer the wasm request from its cache, past the
// route that holds it back.
test.use({ serviceWorkers: "block" });

/** Holds back the wasm module, so the page stays at its first paint. */
async function holdBackTheApp(page) {
  await page.route("**/*.wasm", () => {});
}

const intro = (page) => page.getByText(/^Rapport helps you keep relationships steady and two-way/);
const opening = (page) => page.getByText("Opening your journal…");

test("a first visit reads the welcome at once, in the words the app then shows", async ({ page, app }) => {
  await holdBackTheApp(page);
  await page.goto("./");
  await expect(app.welcomeHeading).toBeVisible();
  await expect(intro(page)).toBeVisible();
  await expect(opening(page)).toBeVisible();
  await expect(app.nav).toHaveCount(0);
  const painted = { heading: await app.welcomeHeading.textContent(), intro: await intro(page).textContent() };

  await page.unrouteAll();
  await app.open("./");
  await expect(page.getByRole("button", { name: "Add someone" })).toBeVisible();
  await expect(opening(page)).toHaveCount(0);
  expect({ heading: await app.welcomeHeading.textContent(), intro: await intro(page).textContent() }).toEqual(painted);

  // Nothing in <head> starts the wasm download ahead of the splash: the loader
  // fetches it once the first frame is on screen.
  await expect(page.locator('link[rel="preload"][href$=".wasm"]')).toHaveCount(0);
  expect(await page.evaluate(() => performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm")).length)).toBe(1);
});

test("a returning visit gets the splash, then Today rather than the welcome", async ({ page, app }) => {
  await app.open("./#/people");
  await new PeoplePage(page).addSomeone({ name: "Ines Duarte" });
  await expect(page.getByText("Ines Duarte").first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.getItem("rapport/head") !== null)).toBe(true);

  await holdBackTheApp(page);
  await page.goto("./");
  await expect(opening(page)).toBeVisible();
  await expect(app.nav).toHaveCount(0);

  await page.unrouteAll();
  await app.open("./");
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(app.welcomeHeading).toHaveCount(0);
  await expect(opening(page)).toHaveCount(0);
});
