// Renders the PNG icons from the two SVG sources in assets/icons/ with headless
// Chromium. The PNGs are committed; run this again after changing an SVG:
//   node tools/icons.mjs
// CHROME_PATH picks another Chromium (default: Debian's /usr/bin/chromium).
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const ICONS = fileURLToPath(new URL("../assets/icons/", import.meta.url));

// [source SVG, size in px, output PNG, transparent corners?]
export const RENDERS = [
  ["icon.svg", 192, "icon-192.png", true],
  ["icon.svg", 512, "icon-512.png", true],
  ["icon-maskable.svg", 192, "icon-maskable-192.png", false],
  ["icon-maskable.svg", 512, "icon-maskable-512.png", false],
  // iOS fills transparent pixels with black and rounds the corners itself,
  // so its icon is the full-bleed one.
  ["icon-maskable.svg", 180, "apple-touch-icon.png", false],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
});
try {
  for (const [source, size, output, transparent] of RENDERS) {
    const svg = readFileSync(join(ICONS, source));
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${svg.toString("base64")}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
        `<img width="${size}" height="${size}" src="${src}" alt="">`,
    );
    await page.waitForFunction(() => document.images[0].complete && document.images[0].naturalWidth > 0);
    await page.screenshot({ path: join(ICONS, output), omitBackground: transparent });
    await page.close();
    console.log(`icons: ${source} -> ${output} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
