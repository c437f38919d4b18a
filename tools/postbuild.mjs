// Trunk post_build hook. Trunk writes its loader as an inline <script>, which
// the Content-Security-Policy (script-src 'self') forbids. Every inline script
// is moved into a content-hashed file beside index.html.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("postbuild: TRUNK_STAGING_DIR is not set; run me from trunk");
  process.exit(1);
}

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");
const inline = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;

html = html.replace(inline, (_whole, attrs, body) => {
  if (body.trim() === "") return "";
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(staging, name), body.trim() + "\n");
  return `<script${attrs} src="./${name}"></script>`;
});

writeFileSync(indexPath, html);
