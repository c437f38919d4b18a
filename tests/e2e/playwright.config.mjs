// End-to-end tests: Playwright drives Debian's Chromium against the built dist/.
import { defineConfig } from "@playwright/test";

// E2E_PORT moves both servers, so two runs can share a machine.
const PORT = Number(process.env.E2E_PORT ?? 4173);
// E2E_DIST serves another build folder (relative to the repository root).
const DIST = process.env.E2E_DIST ?? "dist";
export const ROOT_URL = `http://127.0.0.1:${PORT}/`;
export const SUBPATH_URL = `http://127.0.0.1:${PORT + 1}/rapport/`;

export const CHROMIUM_ARGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.mjs$/,
  outputDir: "../../test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: ROOT_URL,
    launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS },
    serviceWorkers: "allow",
  },
  webServer: [
    {
      command: `node tests/e2e/serve.mjs --root ${DIST} --port ${PORT} --prefix /`,
      url: ROOT_URL,
      cwd: "../..",
      reuseExistingServer: false,
    },
    {
      command: `node tests/e2e/serve.mjs --root ${DIST} --port ${PORT + 1} --prefix /rapport/`,
      url: SUBPATH_URL,
      cwd: "../..",
      reuseExistingServer: false,
    },
  ],
});
