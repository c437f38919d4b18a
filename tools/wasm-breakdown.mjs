// Where the wasm's bytes go: reads the code and name sections of an
// unstripped build and groups every function body's size by the crate and,
// for Rapport's own code, by module (rapport::ui::pages::person, ...).
//   node tools/wasm-breakdown.mjs target/wasm32-unknown-unknown/release/rapport.wasm
// The sizes are before wasm-opt and gzip; the gzipped column compresses each
// group's bodies on their own, so it shows which groups compress well, and
// the share column is the part of the whole's gzipped size. `make size` runs
// it after a release build (trunk keeps cargo's output, names included, in
// target/; wasm-opt strips them only from the copy in dist/).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}

function readName(bytes, at) {
  const [length, start] = leb(bytes, at);
  return [bytes.toString("utf8", start, start + length), start + length];
}

/** The module's sections as { id, name, start, end }. */
function sections(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm module");
  const out = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    let name = "";
    if (id === 0) name = readName(bytes, start)[0];
    out.push({ id, name, start, end: start + size });
    at = start + size;
  }
  return out;
}

/** Number of imported functions: they come first in the function index space. */
function importedFunctions(bytes, section) {
  if (!section) return 0;
  let [count, at] = leb(bytes, section.start);
  let functions = 0;
  for (let i = 0; i < count; i++) {
    [, at] = readName(bytes, at);
    [, at] = readName(bytes, at);
    const kind = bytes[at++];
    if (kind === 0) {
      [, at] = leb(bytes, at);
      functions++;
    } else if (kind === 1) {
      at++; // reftype
      const flags = bytes[at++];
      [, at] = leb(bytes, at);
      if (flags & 1) [, at] = leb(bytes, at);
    } else if (kind === 2) {
      const flags = bytes[at++];
      [, at] = leb(bytes, at);
      if (flags & 1) [, at] = leb(bytes, at);
    } else if (kind === 3) {
      at += 2;
    } else if (kind === 4) {
      at++;
      [, at] = leb(bytes, at);
    } else throw new Error(`unknown import kind ${kind}`);
  }
  return functions;
}

/** Function index -> name, from the "name" custom section. */
function functionNames(bytes, section) {
  const names = new Map();
  if (!section) return names;
  let at = readName(bytes, section.start)[1];
  while (at < section.end) {
    const kind = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    if (kind === 1) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        let index;
        let name;
        [index, p] = leb(bytes, p);
        [name, p] = readName(bytes, p);
        names.set(index, name);
      }
    }
    at = start + size;
  }
  return names;
}

/** Rust's legacy mangling (_ZN...E) as a path: "rapport::ui::pages::today::view". */
export function demangle(name) {
  if (name.startsWith("_R")) return demangleV0(name);
  const mangled = /^_ZN(.*)E$/.exec(name);
  if (!mangled) return name;
  const parts = [];
  let at = 0;
  const body = mangled[1];
  while (at < body.length) {
    const digits = /^\d+/.exec(body.slice(at));
    if (!digits) break;
    at += digits[0].length;
    parts.push(body.slice(at, at + Number(digits[0])));
    at += Number(digits[0]);
  }
  // The last part is the hash (h0123...).
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  const escapes = { SP: "@", BP: "*", RF: "&", LT: "<", GT: ">", LP: "(", RP: ")", C: "," };
  return parts
    .map((part) =>
      part
        .replace(/^_\$/, "$")
        .replace(/\$([A-Z]{1,2}|u[0-9a-f]+)\$/g, (whole, code) =>
          code.startsWith("u") ? String.fromCodePoint(parseInt(code.slice(1), 16)) : (escapes[code] ?? whole),
        )
        .replace(/\.\./g, "::"),
    )
    .join("::");
}

/**
 * Rust's v0 mangling (_R...), which the standard library uses, read roughly:
 * the crate, then the identifiers in order. Enough to group and to list.
 */
function demangleV0(name) {
  const root = /C(?:s[0-9A-Za-z]*_)?(\d+)_?/.exec(name);
  if (!root) return name;
  const parts = [];
  let at = root.index + root[0].length - root[1].length - (root[0].endsWith("_") ? 1 : 0);
  while (at < name.length) {
    const token = /^(\d+)(_?)/.exec(name.slice(at));
    if (!token) {
      // A backref (B5_), disambiguator (s0_) or crate hash (Cs..._) carries
      // digits that are not lengths: skip it whole.
      const skip = /^(?:B|s|Cs)[0-9A-Za-z]*_/.exec(name.slice(at));
      at += skip ? skip[0].length : 1;
      continue;
    }
    const length = Number(token[1]);
    at += token[0].length;
    if (length > 0) parts.push(name.slice(at, at + length));
    at += length;
  }
  return parts.join("::");
}

/** The group a (demangled) function name counts towards. */
export function groupOf(name) {
  if (!name) return "(unnamed)";
  // Type descriptions that wasm-bindgen reads and then removes from the module.
  if (name.startsWith("__wbindgen_describe")) return "(wasm-bindgen descriptors, not shipped)";
  if (name.startsWith("__wbindgen") || name.startsWith("__wbg") || name.startsWith("__externref")) return "wasm_bindgen";
  // Trait impls read "<T as Trait>::f": the type's crate is the one counted,
  // or the trait's when the type is a bare generic (T, &T, [T], (A, B)).
  let path = name;
  const impl = /^<(.*?) as ([^>]*)>/.exec(name);
  if (impl) {
    const self = impl[1].replace(/^&(mut )?/, "").replace(/^(dyn|\*const|\*mut) /, "");
    path = /^[A-Z]\b|^\[|^\(/.test(self) ? impl[2] : self;
  }
  path = path.replace(/^<+/, "");
  const parts = path.split("::");
  const crate = parts[0].replace(/[<>\s].*$/, "");
  if (crate === "rapport") {
    // Our own code by module, down to a page or component.
    const depth = ["pages", "components"].includes(parts[2]) ? 4 : 3;
    return parts
      .slice(0, depth)
      .filter((part) => /^[a-z_][a-z0-9_]*$/.test(part))
      .join("::");
  }
  if (!name.includes("::")) return "(runtime: allocator, memcpy, ...)";
  if (/^[a-z_][a-z0-9_]*$/.test(crate)) return crate;
  return "(other)";
}

export function breakdown(bytes) {
  const all = sections(bytes);
  const code = all.find((s) => s.id === 10);
  if (!code) throw new Error("no code section");
  const names = functionNames(
    bytes,
    all.find((s) => s.id === 0 && s.name === "name"),
  );
  if (names.size === 0) throw new Error("no function names: build without stripping symbols (see make size)");
  const imported = importedFunctions(
    bytes,
    all.find((s) => s.id === 2),
  );
  const groups = new Map();
  let [count, at] = leb(bytes, code.start);
  for (let i = 0; i < count; i++) {
    const [size, body] = leb(bytes, at);
    const group = groupOf(demangle(names.get(imported + i) ?? ""));
    if (!groups.has(group)) groups.set(group, { group, functions: 0, bytes: 0, bodies: [] });
    const entry = groups.get(group);
    entry.functions++;
    entry.bytes += size;
    entry.bodies.push(bytes.subarray(body, body + size));
    if (process.env.WASM_BREAKDOWN_LIST === group) console.log(size, demangle(names.get(imported + i) ?? ""));
    at = body + size;
  }
  const rows = [...groups.values()].map(({ bodies, ...row }) => ({
    ...row,
    gzipped: gzipSync(Buffer.concat(bodies), { level: 9 }).length,
  }));
  const gzippedTotal = rows.reduce((sum, row) => sum + row.gzipped, 0);
  for (const row of rows) row.share = row.gzipped / gzippedTotal;
  rows.sort((a, b) => b.gzipped - a.gzipped);
  const data = all.filter((s) => s.id === 11).reduce((sum, s) => sum + s.end - s.start, 0);
  return { rows, codeBytes: code.end - code.start, dataBytes: data, gzippedTotal };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? "target/wasm32-unknown-unknown/release/rapport.wasm";
  const limit = Number(process.argv[3] ?? 40);
  const { rows, codeBytes, dataBytes } = breakdown(readFileSync(file));
  const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
  console.log(`Where the wasm's code goes (${file}, before wasm-opt):`);
  console.log(`  code ${kb(codeBytes)}, data (strings, tables) ${kb(dataBytes)}`);
  console.log(`  ${"crate or module".padEnd(44)} ${"functions".padStart(9)} ${"raw".padStart(11)} ${"gzipped".padStart(11)}  share`);
  for (const row of rows.slice(0, limit)) {
    console.log(
      `  ${row.group.padEnd(44)} ${String(row.functions).padStart(9)} ${kb(row.bytes)} ${kb(row.gzipped)}  ${(100 * row.share).toFixed(1).padStart(4)} %`,
    );
  }
  if (rows.length > limit) console.log(`  ... ${rows.length - limit} more groups`);
}
