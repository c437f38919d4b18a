// Writes precompressed copies beside every text and wasm file of a build:
// name.br (brotli, best) and name.gz (gzip -9), for hosts that serve them as
// they are (nginx gzip_static/brotli_static, Caddy's precompressed; see the
// README's deploy section). Images are already compressed and get none.
// The service worker never lists these copies (tools/precache.mjs): the
// browser asks for index.html, not index.html.br, and the host picks.
//   node tools/compress.mjs dist
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { listFiles } from "./precache.mjs";

export const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt)$/;

/** Writes name.br and name.gz for every compressible file; returns their sizes. */
export function compressBuild(dir) {
  return listFiles(dir)
    .filter((path) => COMPRESSIBLE.test(path))
    .map((path) => {
      const bytes = readFileSync(join(dir, path));
      const br = brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      });
      const gz = gzipSync(bytes, { level: 9 });
      writeFileSync(join(dir, `${path}.br`), br);
      writeFileSync(join(dir, `${path}.gz`), gz);
      return { path, bytes: bytes.length, br: br.length, gz: gz.length };
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const rows = compressBuild(dir);
  const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`compress: ${rows.length} files, ${kb(sum("bytes"))} -> gzip ${kb(sum("gz"))}, brotli ${kb(sum("br"))}`);
}
