// Shared fixtures: every test watches the console and the network, and fails
// if the page logged an error or asked anything of another origin. The page
// objects a test names (`app`, `people`, `person`, `log`, `backups`) are made
// here, once, for the test's page.
import { test as base, expect } from "@playwright/test";
import { AppPage, PeoplePage, PersonPage, QuickLog } from "../pages/app.mjs";
import { BackupsPage } from "../pages/backups.mjs";

export const test = base.extend({
  app: async ({ page }, use) => use(new AppPage(page)),
  people: async ({ page }, use) => use(new PeoplePage(page)),
  person: async ({ page }, use) => use(new PersonPage(page)),
  log: async ({ page }, use) => use(new QuickLog(page)),
  backups: async ({ page }, use) => use(new BackupsPage(page)),
  guard: [
    async ({ page }, use) => {
      const guard = { errors: [], requests: [], allowConsoleErrors: false };
      page.on("console", (msg) => {
        if (msg.type() === "error") guard.errors.push(msg.text());
      });
      page.on("pageerror", (err) => guard.errors.push(String(err)));
      page.on("request", (req) => guard.requests.push(req.url()));
      await use(guard);
      const origin = new URL(page.url() === "about:blank" ? "http://127.0.0.1/" : page.url()).origin;
      const foreign = guard.requests.filter((url) => {
        const parsed = new URL(url);
        return parsed.protocol !== "data:" && parsed.protocol !== "blob:" && parsed.origin !== origin;
      });
      expect(foreign, "requests to other origins").toEqual([]);
      if (!guard.allowConsoleErrors) expect(guard.errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
