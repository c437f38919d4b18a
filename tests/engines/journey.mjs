// Rapport's core journey, written once for every browser engine: first run,
// add a person, log a contact, reload and find both, the service worker in
// control, no request to another origin, no console error and no CSP
// violation. Each engine brings a small driver (firefox.mjs, webkit.mjs)
// with the same few methods:
//
//   goto(url), reload()                 navigate and wait for the load event
//   evaluate(fn, ...args)               run fn in the page, return its JSON result
//   find(fn, ...args)                   run fn in the page, return the element it returns (or null)
//   click(el), fill(el, text), press(el, key), property(el, name)
//   consoleProblems()                   errors the engine itself reported (may be none)
//   screenshot(path), close()
//
// Elements are found as a user would find them (find.mjs), with the same words
// as the Playwright page objects in tests/e2e/pages/app.mjs.
import { coverOf, describe, findInPage } from "./find.mjs";

/** How long one wait may take; the first start also compiles the wasm. */
const START_TIMEOUT_MS = 45_000;
const WAIT_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

const PERSON = "Ada Lovelace";
const ORGANISATION = "Analytical Engines";

const MAIN_NAV = { role: "navigation", name: "Main" };
const DIALOG = { role: "dialog" };
const LOG_DIALOG = { role: "dialog", name: "Log a contact" };
const TOAST = { role: "status", textContains: "" };

/** A failed step: which one, and what was expected. */
export class StepFailure extends Error {
  constructor(step, cause) {
    super(`step "${step}": ${cause.message}`, { cause });
    this.step = step;
  }
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** The user-level actions and checks, over one engine's driver. */
class User {
  constructor(driver) {
    this.driver = driver;
  }

  /** Polls `probe` until it returns something truthy, or fails saying `what` was awaited. */
  async until(what, probe, timeout = WAIT_TIMEOUT_MS) {
    const deadline = Date.now() + timeout;
    let lastError;
    for (;;) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (error) {
        // A page in the middle of loading or re-rendering: try again.
        lastError = error;
      }
      if (Date.now() > deadline) {
        const why = lastError ? ` (last error: ${lastError.message})` : "";
        throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}${why}`);
      }
      await sleep(POLL_MS);
    }
  }

  /** Waits until the element the query describes is visible, and returns it. */
  see(query, timeout) {
    return this.until(describe(query), () => this.driver.find(findInPage, query), timeout);
  }

  /** Waits until nothing visible matches the query. */
  async seeNo(query, timeout) {
    await this.until(
      `${describe(query)} to go away`,
      async () => (await this.driver.find(findInPage, query)) === null,
      timeout,
    );
  }

  /** Finds and acts on an element, finding it again if the page re-rendered under the action. */
  async act(query, action, verb) {
    await this.until(`${describe(query)} to ${verb}`, async () => {
      const element = await this.driver.find(findInPage, query);
      if (!element) return false;
      try {
        await action(element);
      } catch (error) {
        // Say what is in the way, when something is: the driver's message may not.
        const cover = await this.driver.evaluate(coverOf, element).catch(() => null);
        if (cover) error.message += `; covered by ${cover}`;
        throw error;
      }
      return true;
    });
  }

  click(query) {
    return this.act(query, (element) => this.driver.click(element), "click");
  }

  fill(query, text) {
    return this.act(query, (element) => this.driver.fill(element, text), `type "${text}" into`);
  }

  press(query, key) {
    return this.act(query, (element) => this.driver.press(element, key), `press ${key} in`);
  }

  async valueOf(query) {
    return this.driver.property(await this.see(query), "value");
  }

  /** The app has started: its navigation exists only once the wasm runs. */
  async waitForApp() {
    await this.see(MAIN_NAV, START_TIMEOUT_MS);
  }

  /** The toast says the change is stored; only then is a reload safe. */
  async seeToast(message) {
    await this.see({ ...TOAST, textContains: message });
  }

  /** Follows a link of the main navigation (an empty journal shows its welcome there, not a heading). */
  async go(section) {
    await this.click({ role: "link", name: section, within: MAIN_NAV });
  }
}

/** Reads what the page's probe (probe.js) recorded, across reloads. */
function recordedProblems() {
  return typeof window.__rapportProblems === "function" ? window.__rapportProblems() : null;
}

/** The service worker controlling the page, if it is active. */
function activeWorker() {
  const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
  return worker && worker.state === "activated" ? new URL(worker.scriptURL).pathname : null;
}

/** Every URL the page loaded or fetched, from the Resource Timing entries. */
function loadedUrls() {
  return [location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)];
}

/**
 * The journey as named steps. `base` is the app's URL, e.g. http://127.0.0.1:4440/.
 * Awaits `onStep(name, milliseconds)` after each step that passed; throws a
 * StepFailure for the first that did not.
 */
export async function runJourney(driver, base, onStep = () => {}) {
  const user = new User(driver);
  const origin = new URL(base).origin;

  const steps = [
    [
      "first run: the app starts on its welcome screen",
      async () => {
        await driver.goto(base);
        await user.waitForApp();
        await user.see({ role: "heading", name: "Your networking journal" });
        await user.see({ role: "heading", name: "Three ways to start" });
        const problems = await driver.evaluate(recordedProblems);
        if (problems === null) throw new Error("the error probe is not in the page, so errors would go unseen");
      },
    ],
    [
      "add a person",
      async () => {
        await user.go("People");
        await user.click({ role: "button", name: "Add someone" });
        await user.fill({ label: "Name", within: DIALOG }, PERSON);
        // The name comes first; the rest waits under "More details".
        await user.click({ role: "button", name: "More details", within: DIALOG });
        await user.fill({ label: "Organisation", within: DIALOG }, ORGANISATION);
        await user.click({ role: "button", name: "Save", within: DIALOG });
        await user.see({ role: "heading", level: 1, name: PERSON });
        await user.seeToast(`Added ${PERSON}.`);
      },
    ],
    [
      "log a contact",
      async () => {
        await user.click({ role: "button", name: "Log" });
        await user.see(LOG_DIALOG);
        const who = { role: "combobox", name: "Who with", within: LOG_DIALOG };
        await user.fill(who, "Ada");
        await user.see({ role: "option", name: PERSON, within: { role: "listbox", name: "Matching people" } });
        await user.press(who, "Enter");
        await user.until(`"Who with" to read "${PERSON}"`, async () => (await user.valueOf(who)) === PERSON);
        await user.click({ role: "button", name: "Log it", within: LOG_DIALOG });
        await user.seeNo(LOG_DIALOG);
        await user.seeToast(`Logged with ${PERSON}.`);
      },
    ],
    [
      "the service worker controls the page",
      async () => {
        const worker = await user.until("an activated service worker to control the page", () =>
          driver.evaluate(activeWorker),
        );
        if (!worker.endsWith("/sw.js")) throw new Error(`the page is controlled by ${worker}, not sw.js`);
      },
    ],
    [
      "reload and find the person and the contact",
      async () => {
        await driver.reload();
        await user.waitForApp();
        await user.go("People");
        await user.see({ text: ORGANISATION, within: { role: "list", name: "People" } });
        await user.click({ role: "link", name: PERSON, within: { role: "list", name: "People" } });
        await user.see({ role: "heading", level: 1, name: PERSON });
        await user.see({ text: "Coffee", within: { role: "region", name: "History" } });
        await user.see({ textContains: "Last contact: today" });
        await user.until("an activated service worker to control the reloaded page", () =>
          driver.evaluate(activeWorker),
        );
      },
    ],
    [
      "no request left the origin",
      async () => {
        const urls = await driver.evaluate(loadedUrls);
        const foreign = urls.filter((url) => {
          const parsed = new URL(url);
          return !["data:", "blob:"].includes(parsed.protocol) && parsed.origin !== origin;
        });
        if (foreign.length > 0) throw new Error(`requests to other origins:\n  ${foreign.join("\n  ")}`);
      },
    ],
    [
      "no console error and no CSP violation",
      async () => {
        const problems = [...((await driver.evaluate(recordedProblems)) ?? []), ...(await driver.consoleProblems())];
        if (problems.length > 0) throw new Error(`the page reported:\n  ${problems.join("\n  ")}`);
      },
    ],
  ];

  for (const [name, body] of steps) {
    const started = Date.now();
    try {
      await body();
    } catch (error) {
      // What the page reported so far often says why (an uncaught error, say).
      const problems = await Promise.race([driver.evaluate(recordedProblems), sleep(5_000)]).catch(() => null);
      if (Array.isArray(problems) && problems.length > 0 && !error.message.includes(problems[0])) {
        error.message += `\n  the page had reported:\n  ${problems.join("\n  ")}`;
      }
      throw new StepFailure(name, error);
    }
    await onStep(name, Date.now() - started);
  }
}
