// Shared fixtures: every test watches the console and the network, and fails
// if the page logged an error or asked anything of another origin.
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
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
