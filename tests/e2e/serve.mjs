// A small static server for the end-to-end tests and benchmarks: serves a
// directory (dist/ by default) under a path prefix, on loopback only.
//   node tests/e2e/serve.mjs --root dist --port 4173 --prefix /rapport/
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

// With `gzip`, text and wasm are sent compressed to clients that accept it,
// as static hosts do (the Lighthouse audit measures that); off by default.
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt"]);

export function startServer({ root = "dist", port = 4173, prefix = "/", gzip = false } = {}) {
  let base = resolve(root);
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end("not found");
      return;
    }
    path = path.slice(prefix.length);
    if (path === "" || path.endsWith("/")) path += "index.html";
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      let body = await readFile(file);
      const headers = {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-cache",
      };
      if (gzip && COMPRESSIBLE.has(extname(file))) {
        headers["Vary"] = "Accept-Encoding";
        if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
          const key = `${file}:${info.mtimeMs}:${info.size}`;
          if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
          body = gzipped.get(key);
          headers["Content-Encoding"] = "gzip";
        }
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  // Serve another directory from now on, as a new deployment would.
  server.setRoot = (dir) => {
    base = resolve(dir);
  };
  return new Promise((done) => server.listen(port, "127.0.0.1", () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => {
      if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
      return pairs;
    }, []),
  );
  const options = { root: args.root, port: Number(args.port ?? 4173), prefix: args.prefix ?? "/" };
  await startServer(options);
  console.log(`serving ${options.root ?? "dist"} at http://127.0.0.1:${options.port}${options.prefix}`);
}
