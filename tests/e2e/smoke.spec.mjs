import { test, expect } from "./support/fixtures.mjs";
import { SUBPATH_URL } from "./playwright.config.mjs";

test("the first screen says what Rapport is for, and survives a reload", async ({ page, guard, app }) => {
  await app.open();
  await expect(page).toHaveTitle("Rapport");
  await expect(app.welcomeHeading).toBeVisible();
  await expect(page.getByText("Everything stays in this browser")).toBeVisible();

  await page.reload();
  await app.waitUntilReady();
  await expect(app.welcomeHeading).toBeVisible();
  expect(guard.requests.some((url) => url.endsWith(".wasm")), "the wasm module was fetched").toBe(true);
});

test("dist works when served from a sub-path", async ({ page, app }) => {
  const wasm = page.waitForResponse((res) => res.url().endsWith(".wasm"));
  await app.open(SUBPATH_URL);
  const response = await wasm;
  expect(new URL(response.url()).pathname.startsWith("/rapport/")).toBe(true);
  expect(response.headers()["content-type"]).toBe("application/wasm");
  await expect(app.welcomeHeading).toBeVisible();
});
