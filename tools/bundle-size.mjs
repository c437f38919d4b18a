// Prints the gzipped size of what dist/ ships: wasm, JS and CSS.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export function bundleSizes(dir) {
  const rows = readdirSync(dir)
    .filter((name) => /\.(wasm|js|css)$/.test(name) && name !== "sw.js")
    .map((name) => {
      const raw = readFileSync(join(dir, name));
      return { name, bytes: raw.length, gzipped: gzipSync(raw, { level: 9 }).length };
    });
  const total = rows.reduce((sum, row) => sum + row.gzipped, 0);
  return { rows, total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const { rows, total } = bundleSizes(dir);
  const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
  console.log("Shipped files (gzip -9):");
  for (const row of rows) console.log(`  ${row.name.padEnd(44)} ${kb(row.bytes)} raw ${kb(row.gzipped)} gzipped`);
  console.log(`  ${"total".padEnd(44)} ${" ".repeat(15)} ${kb(total)} gzipped`);
}
