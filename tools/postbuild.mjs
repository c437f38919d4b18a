// Trunk post_build hook. Trunk writes its loader as an inline <script>, which
// the Content-Security-Policy (script-src 'self') forbids. Every inline script
// is moved into a content-hashed file beside index.html. Then the service
// worker is written for the finished build (see tools/precache.mjs): it lists
// every file, so it must come last.
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

html = html.replace(inline, (_whole, attrs, rawBody) => {
  if (rawBody.trim() === "") return "";
  const loader = /^(\s*const wasm = await init\()/m;
  if (rawBody.includes("init(") && !loader.test(rawBody)) {
    console.error("postbuild: trunk's loader has changed shape; update AFTER_FIRST_PAINT");
    process.exit(1);
  }
  const body = rawBody.replace(loader, `${AFTER_FIRST_PAINT}$1`);
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
