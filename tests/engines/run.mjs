// Runs Rapport's core journey (journey.mjs) against the built dist/ in Firefox
// ESR and in WebKitGTK, one engine after the other, and exits non-zero naming
// the engine and the step that failed. `make engines` runs it; by hand:
//   node tests/engines/run.mjs [firefox] [webkit]
// E2E_PORT moves its ports (the app for Firefox on E2E_PORT, for WebKit on
// E2E_PORT+1, WebKitWebDriver on E2E_PORT+2); E2E_DIST serves another build.
// A failed engine leaves a screenshot in test-results/engines/; with
// ENGINES_SCREENSHOTS=<folder>, every step does, to look at each engine's rendering.
// ENGINES_WEBKIT_LOCALE runs MiniBrowser in another locale (see webkit.mjs).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FIREFOX, launchFirefox } from "./firefox.mjs";
import { runJourney } from "./journey.mjs";
import { serveBuild } from "./server.mjs";
import { MINIBROWSER, WEBKIT_DRIVER, XVFB, launchWebKit } from "./webkit.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(REPO, process.env.E2E_DIST ?? "dist");
const PORT = Number(process.env.E2E_PORT ?? 4173);
const RESULTS = join(REPO, "test-results", "engines");
/** One engine's whole run, browser start included, may take this long. */
const ENGINE_TIMEOUT_MS = 180_000;
const SCREENSHOTS = process.env.ENGINES_SCREENSHOTS;

const ENGINES = {
  firefox: {
    needs: [FIREFOX],
    // Firefox runs the probe as a preload script: the build is served as it is.
    serve: () => serveBuild({ dist: DIST, port: PORT }),
    launch: () => launchFirefox(),
  },
  webkit: {
    needs: [WEBKIT_DRIVER, MINIBROWSER, XVFB],
    serve: () => serveBuild({ dist: DIST, port: PORT + 1, withProbe: true }),
    launch: (log) => launchWebKit({ port: PORT + 2, log }),
  },
};

/** What is running now, ended on the way out whatever happens. */
const running = new Set();
async function endAll() {
  for (const close of [...running].reverse()) {
    running.delete(close);
    await close().catch(() => {});
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => endAll().finally(() => process.exit(130)));
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs the journey in one engine; resolves with null when it passed, or what failed. */
async function runEngine(key) {
  const engine = ENGINES[key];
  const missing = engine.needs.filter((path) => !existsSync(path));
  if (missing.length > 0) return `${missing.join(", ")} missing (make browser-tools installs it)`;

  const started = Date.now();
  const output = [];
  let server;
  let driver;
  let lastStep = "starting the browser";
  let timer;
  try {
    server = await engine.serve();
    running.add(server.close);
    const timeout = new Promise((_, fail) => {
      timer = setTimeout(
        () => fail(new Error(`did not finish within ${seconds(ENGINE_TIMEOUT_MS)}; last done: ${lastStep}`)),
        ENGINE_TIMEOUT_MS,
      );
    });
    const journey = (async () => {
      driver = await engine.launch((text) => output.push(text));
      running.add(driver.close);
      console.log(`${key}: ${driver.name}, ${server.url}`);
      lastStep = "the browser started";
      let done = 0;
      await runJourney(driver, server.url, async (step, ms) => {
        lastStep = step;
        console.log(`  ✓ ${step} (${seconds(ms)})`);
        if (SCREENSHOTS) {
          mkdirSync(SCREENSHOTS, { recursive: true });
          const slug = step.replace(/[^a-z0-9]+/gi, "-").replace(/-+$/, "").toLowerCase();
          await driver.screenshot(join(SCREENSHOTS, `${key}-${++done}-${slug}.png`));
        }
      });
    })();
    journey.catch(() => {}); // Reported through the race below.
    await Promise.race([journey, timeout]);
    console.log(`${key}: passed in ${seconds(Date.now() - started)}`);
    return null;
  } catch (error) {
    if (driver) {
      mkdirSync(RESULTS, { recursive: true });
      const shot = join(RESULTS, `${key}-failure.png`);
      await Promise.race([driver.screenshot(shot), new Promise((done) => setTimeout(done, 10_000))])
        .then(() => console.log(`  screenshot: ${shot}`))
        .catch(() => {});
    }
    const log = output.join("").trim();
    if (log) console.log(`  ${key}'s driver said:\n${log.split("\n").slice(-20).join("\n")}`);
    return error.message;
  } finally {
    clearTimeout(timer);
    for (const close of [driver?.close, server?.close]) {
      if (close) {
        running.delete(close);
        await close().catch(() => {});
      }
    }
  }
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((key) => !(key in ENGINES));
if (unknown.length > 0) {
  console.error(`unknown engine ${unknown.join(", ")}; known: ${Object.keys(ENGINES).join(", ")}`);
  process.exit(2);
}
if (!existsSync(join(DIST, "index.html"))) {
  console.error(`no build in ${DIST}: run make dist first`);
  process.exit(2);
}

const failures = [];
for (const key of wanted.length > 0 ? wanted : Object.keys(ENGINES)) {
  const failure = await runEngine(key);
  if (failure) {
    failures.push(key);
    console.log(`✗ ${key} failed: ${failure}`);
  }
}
await endAll();
const total = wanted.length > 0 ? wanted.length : Object.keys(ENGINES).length;
console.log(`engines: ${total - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length > 0 ? 1 : 0);
