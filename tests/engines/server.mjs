// Serves a build for the cross-engine journey with the end-to-end tests'
// static server (tests/e2e/serve.mjs), on loopback only.
//
// For an engine whose driver cannot run a script before the page's own (WebKit
// over classic WebDriver), `withProbe` serves a temporary copy of the build
// whose index.html has one extra same-origin <script> tag, for probe.js, placed
// after the Content-Security-Policy and before the app's scripts. Only the
// test server does this: dist/ itself is not touched, and the CSP is the one
// the build ships (script-src 'self' allows a same-origin file, so nothing in
// it needs loosening).
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../e2e/serve.mjs";

const PROBE = fileURLToPath(new URL("./probe.js", import.meta.url));
export const PROBE_FILE = "engines-probe.js";

/** index.html with the probe's script tag before its first script; fails if the page is not as expected. */
export function withProbeTag(html) {
  const csp = html.search(/<meta\s+http-equiv="Content-Security-Policy"/i);
  const firstScript = html.search(/<script\b/i);
  if (csp < 0) throw new Error("index.html has no Content-Security-Policy meta tag");
  if (firstScript < 0) throw new Error("index.html has no script tag to put the probe before");
  if (firstScript < csp) throw new Error("index.html runs a script before its Content-Security-Policy");
  const tag = `<script src="./${PROBE_FILE}"></script>\n`;
  return html.slice(0, firstScript) + tag + html.slice(firstScript);
}

/**
 * Serves `dist` at http://127.0.0.1:port/ and resolves with { url, close }.
 * With `withProbe`, serves a copy that loads probe.js first (see above).
 */
export async function serveBuild({ dist, port, withProbe = false }) {
  let root = dist;
  let copy;
  if (withProbe) {
    copy = mkdtempSync(join(tmpdir(), "rapport-engines-"));
    cpSync(dist, copy, { recursive: true });
    const index = join(copy, "index.html");
    writeFileSync(index, withProbeTag(readFileSync(index, "utf8")));
    copyFileSync(PROBE, join(copy, PROBE_FILE));
    root = copy;
  }
  const server = await startServer({ root, port, prefix: "/" });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      const closed = new Promise((done) => server.close(done));
      server.closeAllConnections();
      await closed;
      if (copy) rmSync(copy, { recursive: true, force: true });
    },
  };
}
