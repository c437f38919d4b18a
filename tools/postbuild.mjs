// Trunk post_build hook. Trunk writes its loader as an inline <script>, which
// the Content-Security-Policy (script-src 'self') forbids. Every inline script
// is moved into a content-hashed file beside index.html; the loader is also
// made to report a failed start to the watchdog (assets/watchdog.js). Then
// the service worker is written for the finished build (see
// tools/precache.mjs): it lists every file, so it must come last.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeServiceWorker } from "./precache.mjs";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("postbuild: TRUNK_STAGING_DIR is not set; run me from trunk");
  process.exit(1);
}

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");
const inline = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;

// The loader waits until the first frame is on screen (the start of the frame
// after it) before it fetches the wasm: the splash in index.html then paints
// without competing with the download. A hidden tab paints no frames, so it
// does not wait.
const AFTER_FIRST_PAINT =
  'if (document.visibilityState === "visible") {\n' +
  "  await new Promise((shown) => requestAnimationFrame(() => requestAnimationFrame(shown)));\n" +
  "}\n";

// A module script whose top-level await rejects reports nothing in WebKit (no
// error event, no console line), so the splash would stay forever: the loader
// catches every failure of the download, compile, instantiation and start
// itself and hands it to the watchdog, which shows what happened. The glue is
// imported dynamically, inside the same try, so that a glue file that fails
// to load or parse is caught too (the modulepreload link has fetched it
// already). The loader's lines stay unindented: tests/bench/run.mjs finds them
// by their first words.
const STATIC_IMPORT = /^import init, \* as bindings from ('[^']+'|"[^"]+");[ \t]*$/m;
const CAUGHT_START =
  "// Reports a failed start to the watchdog (assets/watchdog.js): see tools/postbuild.mjs.\n" +
  "try {\n" +
  "const bindings = await import($1);\n" +
  "const init = bindings.default;";
const CAUGHT_END =
  "\n} catch (error) {\n" +
  "  if (window.rapportWatchdog) window.rapportWatchdog.failed(error);\n" +
  "  else throw error;\n" +
  "}\n";

html = html.replace(inline, (_whole, attrs, rawBody) => {
  if (rawBody.trim() === "") return "";
  const loader = /^(\s*const wasm = await init\()/m;
  if (rawBody.includes("init(") && !(loader.test(rawBody) && STATIC_IMPORT.test(rawBody))) {
    console.error("postbuild: trunk's loader has changed shape; update AFTER_FIRST_PAINT and STATIC_IMPORT");
    process.exit(1);
  }
  let body = rawBody.replace(loader, `${AFTER_FIRST_PAINT}$1`);
  if (STATIC_IMPORT.test(body)) body = `${body.replace(STATIC_IMPORT, CAUGHT_START).trim()}${CAUGHT_END}`;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(staging, name), body.trim() + "\n");
  return `<script${attrs} src="./${name}"></script>`;
});

// trunk preloads the wasm from <head>. Left to the loader, the download starts
// just after the first paint instead of competing with it.
const wasmPreload = /<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/;
if (!wasmPreload.test(html)) {
  console.error("postbuild: no wasm preload link found; has trunk's output changed?");
  process.exit(1);
}
html = html.replace(wasmPreload, "");

writeFileSync(indexPath, html);

// Only release builds work offline: during `trunk serve` (a debug build) an
// offline copy would keep showing the previous build after each rebuild.
const offline = process.env.TRUNK_PROFILE !== "debug";
const { build, files } = writeServiceWorker(staging, { offline });
console.log(
  offline
    ? `postbuild: sw.js precaches ${files.length} files as build ${build}`
    : "postbuild: debug build, so sw.js caches nothing",
);
