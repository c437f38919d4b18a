// Lighthouse audit of the built app: serves dist/ on loopback, runs Lighthouse
// (mobile, its default: a mid-range phone on a slow 4G network, simulated) a
// few times, prints the scores of the median run and writes them to AUDIT.md.
//   node tools/audit.mjs [--dist dist] [--runs 5] [--out AUDIT.md] [--json report.json]
// (--json keeps the full Lighthouse report of the median run.)
// Exits non-zero when performance is under 95 or best practices under 100.
// CHROME_PATH picks the browser (default: Debian's /usr/bin/chromium).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../tests/e2e/serve.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CATEGORIES = ["performance", "accessibility", "best-practices"];
const TARGETS = { performance: 95, "best-practices": 100 };
// The flags that headless Chromium needs on these machines (shared/TOOLCHAIN.md).
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const dist = resolve(ROOT, args.dist ?? "dist");
// Five runs, as Lighthouse advises for its variance: the score moves with the
// machine's load, mostly through Total Blocking Time.
const runs = Math.max(1, Number(args.runs ?? 5));
const out = resolve(ROOT, args.out ?? "AUDIT.md");

const require = createRequire(import.meta.url);
const lighthouseCli = require.resolve("lighthouse/cli/index.js");
const lighthouseVersion = JSON.parse(readFileSync(require.resolve("lighthouse/package.json"), "utf8")).version;

function lighthouse(url, reportPath) {
  const cli = [
    lighthouseCli,
    url,
    `--only-categories=${CATEGORIES.join(",")}`,
    "--output=json",
    `--output-path=${reportPath}`,
    `--chrome-flags=${CHROME_FLAGS.join(" ")}`,
    "--quiet",
  ];
  const env = { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" };
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, cli, { env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`lighthouse exited with ${code}`))));
  });
}

const score = (lhr, id) => Math.round(lhr.categories[id].score * 100);

/** The audits that cost a category points, with what Lighthouse said. */
function shortfalls(lhr, id) {
  return lhr.categories[id].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
}

// Compressed, as static hosts serve it (GitHub Pages, Netlify and nginx's
// gzip_static all do for these types).
const server = await startServer({ root: dist, port: 0, prefix: "/", gzip: true });
const url = `http://127.0.0.1:${server.address().port}/`;
const work = mkdtempSync(join(tmpdir(), "rapport-audit-"));
const results = [];
try {
  for (let run = 1; run <= runs; run++) {
    const report = join(work, `run-${run}.json`);
    console.log(`audit: Lighthouse ${lighthouseVersion}, run ${run} of ${runs}, ${url}`);
    await lighthouse(url, report);
    results.push(JSON.parse(readFileSync(report, "utf8")));
  }
} finally {
  server.closeAllConnections();
  server.close();
  rmSync(work, { recursive: true, force: true });
}

// The median run by performance score; the other categories hardly vary.
results.sort((a, b) => score(a, "performance") - score(b, "performance"));
const lhr = results[Math.floor((results.length - 1) / 2)];
const scores = Object.fromEntries(CATEGORIES.map((id) => [id, score(lhr, id)]));
const metrics = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"].map(
  (id) => [lhr.audits[id].title, lhr.audits[id].displayValue],
);
const names = { performance: "Performance", accessibility: "Accessibility", "best-practices": "Best practices" };

const lines = [
  "# Lighthouse audit",
  "",
  `Written by \`make audit\` (tools/audit.mjs): Lighthouse ${lighthouseVersion}, its default mobile`,
  "settings (an emulated mid-range phone, simulated slow 4G and 4x CPU slowdown), headless",
  `Chromium ${lhr.environment.hostUserAgent.match(/Chrome\/(\d+)/)?.[1] ?? "?"}, against \`dist/\` served on loopback, gzip-compressed as static hosts do.`,
  `The median of ${runs} run${runs > 1 ? "s" : ""} by performance score; measured ${lhr.fetchTime.slice(0, 10)}.`,
  "",
  "| category | score | target |",
  "| --- | --- | --- |",
  ...CATEGORIES.map((id) => `| ${names[id]} | ${scores[id]} | ${TARGETS[id] ?? "-"} |`),
  "",
  `Performance scores of all runs: ${results.map((r) => score(r, "performance")).join(", ")}.`,
  "",
  "| metric | value |",
  "| --- | --- |",
  ...metrics.map(([title, value]) => `| ${title} | ${value} |`),
  "",
];
for (const id of CATEGORIES) {
  const missed = shortfalls(lhr, id);
  if (missed.length) lines.push(`${names[id]}: audits short of a full score:`, "", ...missed.map((m) => `- ${m}`), "");
}
// Lighthouse 12 cannot read everything in a newer Chromium's trace; say which
// audits could not run, and whether any of them would have counted.
const errored = CATEGORIES.flatMap((id) =>
  lhr.categories[id].auditRefs.filter((ref) => lhr.audits[ref.id].scoreDisplayMode === "error").map((ref) => ({ id, ref })),
);
if (errored.length) {
  const weighted = errored.filter(({ ref }) => ref.weight > 0);
  lines.push(
    `Audits that could not run here (${weighted.length ? "some carry weight: the score is not complete" : "all of weight 0, so the scores are complete"}):`,
    "",
    ...errored.map(({ id, ref }) => `- ${names[id]}: \`${ref.id}\` (weight ${ref.weight}): ${lhr.audits[ref.id].errorMessage?.split("\n")[0] ?? "error"}`),
    "",
  );
}
if (lhr.runWarnings.length) lines.push("Lighthouse warned:", "", ...lhr.runWarnings.map((w) => `- ${w}`), "");
writeFileSync(out, lines.join("\n"));
if (args.json) writeFileSync(resolve(args.json), JSON.stringify(lhr, null, 2));

console.log("");
for (const id of CATEGORIES) console.log(`  ${names[id].padEnd(15)} ${String(scores[id]).padStart(3)}`);
console.log(`audit: wrote ${out}`);
const failed = Object.entries(TARGETS).filter(([id, target]) => scores[id] < target);
if (failed.length) {
  console.error(`audit: under target: ${failed.map(([id, target]) => `${names[id]} ${scores[id]} < ${target}`).join(", ")}`);
  process.exit(1);
}
