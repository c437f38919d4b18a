// The journey's driver for Firefox ESR (Debian's firefox-esr), over WebDriver
// BiDi, which Firefox speaks itself: puppeteer-core launches it headless with
// a fresh profile, no geckodriver needed. The error probe (probe.js) goes in
// as a preload script (BiDi script.addPreloadScript), so it runs before the
// app's own scripts in every document while the build stays as it is.
import { readFileSync } from "node:fs";
import puppeteer from "puppeteer-core";
import { coverOf } from "./find.mjs";

export const FIREFOX = "/usr/bin/firefox-esr";
const PROBE = readFileSync(new URL("./probe.js", import.meta.url), "utf8");

/** Key names the journey uses, as puppeteer spells them. */
const KEYS = { Enter: "Enter", Tab: "Tab", Escape: "Escape" };

export async function launchFirefox({ viewport = { width: 390, height: 844 } } = {}) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: viewport,
    protocolTimeout: 60_000,
    // Nothing outside the test server: no updates, telemetry or remote settings.
    extraPrefsFirefox: {
      "app.update.enabled": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "toolkit.telemetry.enabled": false,
      "network.captive-portal-service.enabled": false,
      "network.connectivity-service.enabled": false,
    },
  });
  const close = async () => {
    try {
      await browser.close();
    } catch {
      // Closing over the protocol failed: end the process instead.
    }
    const process = browser.process();
    if (process && process.exitCode === null) process.kill("SIGKILL");
  };

  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`browser console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`browser page error: ${error}`));
    await page.evaluateOnNewDocument(PROBE);

    return {
      name: `Firefox ESR ${(await browser.version()).replace(/^firefox\//, "")}`,
      async goto(url) {
        await page.goto(url, { waitUntil: "load", timeout: 60_000 });
      },
      async reload() {
        await page.reload({ waitUntil: "load", timeout: 60_000 });
      },
      evaluate: (fn, ...args) => page.evaluate(fn, ...args),
      async find(fn, ...args) {
        const handle = await page.evaluateHandle(fn, ...args);
        const element = handle.asElement();
        if (!element) await handle.dispose();
        return element;
      },
      async click(element) {
        // Puppeteer clicks wherever the element is, even under something else;
        // WebDriver (and a user) cannot, so neither may this.
        await element.scrollIntoView();
        if (await element.evaluate(coverOf)) throw new Error("element click intercepted");
        await element.click();
      },
      async fill(element, text) {
        // Select what is there, so typing replaces it, as Playwright's fill does.
        await element.focus();
        await element.evaluate((field) => field.select());
        await element.type(text);
      },
      press: (element, key) => element.press(KEYS[key] ?? key),
      property: (element, name) => element.evaluate((node, key) => node[key], name),
      consoleProblems: async () => problems,
      screenshot: (path) => page.screenshot({ path }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
