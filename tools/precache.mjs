// Writes a build's service worker, dir/sw.js. For a release build it is
// assets/sw.js with its BUILD id and PRECACHE list filled in from the files of
// that build; a debug build (`trunk serve`) gets assets/sw-dev.js, which caches
// nothing, so that a reload during development always shows the latest build.
// trunk's post_build hook (tools/postbuild.mjs) calls it on every build; by
// hand, for a built dir:
//   node tools/precache.mjs dist
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const SW_NAME = "sw.js";
const TEMPLATE = fileURLToPath(new URL("../assets/sw.js", import.meta.url));
const DEV_WORKER = fileURLToPath(new URL("../assets/sw-dev.js", import.meta.url));

/** A precompressed copy (name.br, name.gz) that tools/compress.mjs wrote beside its original. */
export const isPrecompressedCopy = (name) => /\.(br|gz)$/.test(name);

/**
 * Every file under dir, as sorted "/"-separated paths relative to it, but
 * not the precompressed copies: they are the same files in another encoding,
 * chosen by the host, never asked for by name.
 */
export function listFiles(dir) {
  const walk = (at) =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name.startsWith(".") || isPrecompressedCopy(entry.name)) return [];
      const path = join(at, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.isFile() ? [relative(dir, path).split(sep).join("/")] : [];
    });
  return walk(dir).sort();
}

/** The files the service worker precaches: all of the build but itself. */
export function precacheList(dir) {
  return listFiles(dir).filter((path) => path !== SW_NAME);
}

/** A short hash of every precached file's path and content. */
export function buildId(dir, files = precacheList(dir)) {
  const hash = createHash("sha256");
  for (const path of files) {
    hash.update(path).update("\0").update(readFileSync(join(dir, path))).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Fills the template's two constants; fails loudly if they are not there. */
export function renderServiceWorker(template, build, files) {
  const urls = files.map((path) => path.split("/").map(encodeURIComponent).join("/"));
  const fill = (source, name, value) => {
    const line = new RegExp(`^const ${name} = .*;$`, "m");
    if (!line.test(source)) throw new Error(`precache: the template has no "const ${name} = ...;" line`);
    return source.replace(line, () => `const ${name} = ${JSON.stringify(value, null, 2)};`);
  };
  const header =
    `// Written by tools/precache.mjs from assets/sw.js for build ${build}.\n` +
    `// Do not edit: every build writes it anew.\n`;
  return header + fill(fill(template, "BUILD", build), "PRECACHE", urls);
}

/** Writes dir/sw.js for the build in dir and returns what it precaches. */
export function writeServiceWorker(dir, { offline = true } = {}) {
  if (!offline) {
    writeFileSync(join(dir, SW_NAME), readFileSync(DEV_WORKER));
    return { build: "debug", files: [] };
  }
  const files = precacheList(dir);
  const build = buildId(dir, files);
  const source = renderServiceWorker(readFileSync(TEMPLATE, "utf8"), build, files);
  writeFileSync(join(dir, SW_NAME), source);
  return { build, files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const { build, files } = writeServiceWorker(dir);
  console.log(`precache: ${SW_NAME} for build ${build}, ${files.length} files`);
}
