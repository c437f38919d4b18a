// The journey's driver for WebKitGTK (Safari's engine, Debian's
// webkit2gtk-driver): WebKitWebDriver speaks classic W3C WebDriver over HTTP,
// so a few fetch calls are the whole client. It drives MiniBrowser, which has
// no headless mode, so both run on a private Xvfb display started here.
//
// Classic WebDriver has no preload hook, and MiniBrowser in automation mode
// reports no console messages, so the error probe (probe.js) is put in the
// page by the test server instead (see server.mjs).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver";
export const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
export const XVFB = "/usr/bin/Xvfb";

/** W3C WebDriver's key for an element reference in JSON. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
/** Key names the journey uses, as WebDriver's code points. */
const KEYS = { Enter: "\uE007", Tab: "\uE004", Escape: "\uE00C" };
const REQUEST_TIMEOUT_MS = 60_000;

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Starts a program in a process group of its own, so it and its children can be ended together. */
function start(program, args, { env, onOutput }) {
  const child = spawn(program, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe", "pipe"] });
  child.stdout.on("data", (chunk) => onOutput(String(chunk)));
  child.stderr.on("data", (chunk) => onOutput(String(chunk)));
  child.on("error", (error) => onOutput(`could not start ${program}: ${error.message}`));
  return child;
}

/** Ends a process group started by `start`, politely first. */
async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // Already gone.
  }
  const timedOut = await Promise.race([exited.then(() => false), sleep(3_000).then(() => true)]);
  if (timedOut) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Gone in the meantime.
    }
  }
}

/** Starts Xvfb on the first free display; resolves with ":N" once it accepts clients. */
async function startXvfb(log) {
  // -displayfd writes the display number it chose to fd 3 once it is ready.
  const xvfb = start(XVFB, ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    env: process.env,
    onOutput: log,
  });
  const display = await new Promise((done, fail) => {
    let text = "";
    const timer = setTimeout(() => fail(new Error("Xvfb did not start within 15 s")), 15_000);
    xvfb.stdio[3].on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) {
        clearTimeout(timer);
        done(`:${text.trim()}`);
      }
    });
    xvfb.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`Xvfb exited with ${code} before it started`));
    });
  });
  return { xvfb, display };
}

/**
 * The locale MiniBrowser runs in, as environment variables. WebKitGTK takes
 * navigator.language from the process locale, and under the POSIX locale (C or
 * C.UTF-8, the default of a bare machine) it reports "C", which no real
 * reader's browser does (and which Intl rejects as a language tag). So it runs
 * in en_US.UTF-8, compiled into `dir` with localedef when the machine has not
 * generated it. ENGINES_WEBKIT_LOCALE picks another locale, e.g. C.UTF-8.
 */
function localeEnvironment(dir) {
  const wanted = process.env.ENGINES_WEBKIT_LOCALE;
  if (wanted) return { LC_ALL: wanted };
  const installed = execFileSync("locale", ["-a"], { encoding: "utf8" }).toLowerCase().split("\n");
  if (installed.includes("en_us.utf8")) return { LC_ALL: "en_US.UTF-8" };
  try {
    execFileSync("localedef", ["-i", "en_US", "-f", "UTF-8", join(dir, "en_US.UTF-8")], { stdio: "pipe" });
  } catch (error) {
    throw new Error(`could not compile the en_US.UTF-8 locale (Debian's locales package): ${error.stderr ?? error.message}`);
  }
  return { LOCPATH: dir, LC_ALL: "en_US.UTF-8" };
}

/** A minimal classic WebDriver client. */
function client(base) {
  return async function command(method, path, body) {
    let response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { "Content-Type": "application/json; charset=utf-8" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`WebKitWebDriver did not answer ${method} ${path}: ${error.message}`);
    }
    const reply = await response.json().catch(() => ({}));
    if (!response.ok) {
      const { error = response.status, message = "" } = reply.value ?? {};
      throw new Error(`WebDriver ${method} ${path}: ${error}: ${message}`);
    }
    return reply.value;
  };
}

export async function launchWebKit({ port, viewport = { width: 390, height: 844 }, log = () => {} }) {
  const processes = [];
  const scratch = mkdtempSync(join(tmpdir(), "rapport-webkit-"));
  let command;
  let session;
  const close = async () => {
    if (session) {
      // Closes MiniBrowser; the process groups below are ended either way.
      await command("DELETE", `/session/${session}`).catch(() => {});
      session = undefined;
    }
    for (const child of processes.reverse()) await stop(child);
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    const { xvfb, display } = await startXvfb(log);
    processes.push(xvfb);
    const driver = start(WEBKIT_DRIVER, [`--port=${port}`, "--host=local"], {
      env: { ...process.env, DISPLAY: display, ...localeEnvironment(scratch) },
      onOutput: log,
    });
    processes.push(driver);
    command = client(`http://127.0.0.1:${port}`);

    const deadline = Date.now() + 15_000;
    for (;;) {
      const ready = await command("GET", "/status").then((status) => status.ready, () => false);
      if (ready) break;
      if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
      if (Date.now() > deadline) throw new Error(`WebKitWebDriver was not ready on port ${port} within 15 s`);
      await sleep(100);
    }

    const created = await command("POST", "/session", {
      capabilities: {
        alwaysMatch: {
          "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
          timeouts: { script: 30_000, pageLoad: 60_000, implicit: 0 },
        },
      },
    });
    session = created.sessionId;
    const version = created.capabilities.browserVersion;
    const at = (path) => `/session/${session}${path}`;
    // MiniBrowser's window has a minimum width (447 px); it takes the nearest size it can.
    const rect = await command("POST", at("/window/rect"), viewport);

    // The page's result, with element references turned back into strings.
    const execute = (fn, args) =>
      command("POST", at("/execute/sync"), { script: `return (${fn}).apply(null, arguments);`, args });
    const element = (reference) => reference[ELEMENT];

    return {
      name: `WebKitGTK ${version} (MiniBrowser, window ${rect.width}×${rect.height})`,
      goto: (url) => command("POST", at("/url"), { url }),
      reload: () => command("POST", at("/refresh"), {}),
      evaluate: (fn, ...args) => execute(fn, args),
      async find(fn, ...args) {
        const found = await execute(fn, args);
        return found && typeof found === "object" && ELEMENT in found ? found : null;
      },
      click: (el) => command("POST", at(`/element/${element(el)}/click`), {}),
      async fill(el, text) {
        await command("POST", at(`/element/${element(el)}/clear`), {});
        await command("POST", at(`/element/${element(el)}/value`), { text });
      },
      press: (el, key) => command("POST", at(`/element/${element(el)}/value`), { text: KEYS[key] ?? key }),
      property: (el, name) => command("GET", at(`/element/${element(el)}/property/${name}`)),
      // Automation mode reports no console messages; the probe sees them in the page.
      consoleProblems: async () => [],
      screenshot: async (path) => writeFile(path, Buffer.from(await command("GET", at("/screenshot")), "base64")),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
