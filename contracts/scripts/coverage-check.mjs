#!/usr/bin/env node
// Reads contracts/coverage/lcov.info (written by `hardhat test solidity --coverage`) and prints the
// line coverage of every contract under src/ (dev-only contracts excluded), as a Markdown table.
// Exits 1 when the total is below the threshold (default 95%, or the first argument), so CI can
// run `npm run coverage:check` (checklist item 33).
//
//   node scripts/coverage-check.mjs [minPercent]
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lcov = path.join(root, "coverage", "lcov.info");
const min = Number(process.argv[2] ?? 95);
if (!existsSync(lcov)) {
  console.error(`coverage-check: ${path.relative(process.cwd(), lcov)} is missing: run the coverage first`);
  process.exit(1);
}

const files = [];
let current = null;
for (const line of readFileSync(lcov, "utf8").split("\n")) {
  if (line.startsWith("SF:")) {
    current = { file: line.slice(3).trim(), found: 0, hit: 0, missed: [] };
  } else if (line.startsWith("DA:") && current) {
    const [lineNo, count] = line.slice(3).split(",").map(Number);
    current.found += 1;
    if (count > 0) current.hit += 1;
    else current.missed.push(lineNo);
  } else if (line === "end_of_record" && current) {
    files.push(current);
    current = null;
  }
}

const relevant = files
  .map((f) => ({ ...f, rel: path.relative(root, path.resolve(root, f.file)).replaceAll(path.sep, "/") }))
  .filter((f) => f.rel.startsWith("src/") && !f.rel.startsWith("src/dev/") && f.found > 0)
  .sort((a, b) => a.rel.localeCompare(b.rel));
if (relevant.length === 0) {
  console.error("coverage-check: no contract under src/ in the coverage report");
  process.exit(1);
}

const pct = (hit, found) => (found === 0 ? 100 : (100 * hit) / found);
let found = 0;
let hit = 0;
console.log("| file | line % | lines hit / found | uncovered lines |");
console.log("|---|---:|---:|---|");
for (const f of relevant) {
  found += f.found;
  hit += f.hit;
  const missed = f.missed.length === 0 ? "-" : f.missed.join(", ");
  console.log(`| \`${f.rel}\` | ${pct(f.hit, f.found).toFixed(2)} | ${f.hit} / ${f.found} | ${missed} |`);
}
const total = pct(hit, found);
console.log(`| **total** | **${total.toFixed(2)}** | ${hit} / ${found} | |`);
if (total < min) {
  console.error(`coverage-check: line coverage ${total.toFixed(2)}% is below ${min}%`);
  process.exit(1);
}
console.log(`coverage-check: line coverage ${total.toFixed(2)}% >= ${min}%`);
