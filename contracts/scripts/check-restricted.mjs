#!/usr/bin/env node
// Every `restricted` function of the protocol's contracts must have an access test (checklist item 31):
// either an entry in the table of test/utils/AccessFixtures.sol (whose tests check that an outsider is
// refused, for any caller, and that the function maps to its role), or an entry in OWN_SUITE below naming
// the suite that deploys the contract and checks the refusal itself. A new restricted function without
// either fails `npm run lint`, so the access tests cannot fall behind the contracts.
//
//   node scripts/check-restricted.mjs
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Contracts too costly to deploy in the access fixture; their suites test the refusal.
const OWN_SUITE = {
  "HashPowerLending.pause": "test/HashPowerLending.t.sol",
  "HashPowerLending.unpause": "test/HashPowerLending.t.sol",
  "HashPowerLending.setLenderProgram": "test/HashPowerLending.rewards.t.sol",
  "HashPowerSwapPool.scheduleClass": "test/HashPowerSwapPool.t.sol",
};

function solidityFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? solidityFiles(p) : p.endsWith(".sol") ? [p] : [];
  });
}

const withoutComments = (src) => src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

const restricted = [];
for (const file of solidityFiles(path.join(root, "src"))) {
  if (file.includes(`${path.sep}dev${path.sep}`)) continue; // local-chain helpers, never deployed for real
  const src = withoutComments(readFileSync(file, "utf8"));
  const contracts = [...src.matchAll(/\bcontract\s+(\w+)/g)];
  for (const m of src.matchAll(/function\s+(\w+)\s*\([^)]*\)([^{;]*)[{;]/g)) {
    if (!/\brestricted\b/.test(m[2])) continue;
    const owner = contracts.filter((c) => c.index < m.index).at(-1)?.[1];
    restricted.push(`${owner}.${m[1]}`);
  }
}

const fixture = readFileSync(path.join(root, "test/utils/AccessFixtures.sol"), "utf8");
const listed = new Set([...fixture.matchAll(/"(\w+)\.(\w+)"/g)].map((m) => `${m[1]}.${m[2]}`));
const problems = [];
for (const fn of restricted) {
  if (listed.has(fn)) continue;
  const suite = OWN_SUITE[fn];
  if (!suite) {
    problems.push(`${fn} is restricted but has no access test: add it to test/utils/AccessFixtures.sol`);
    continue;
  }
  const text = readFileSync(path.join(root, suite), "utf8");
  const name = fn.split(".")[1];
  if (!text.includes("AccessManagedUnauthorized") || !new RegExp(`\\.${name}\\(`).test(text)) {
    problems.push(`${fn}: ${suite} does not test that an outsider is refused`);
  }
}
for (const fn of Object.keys(OWN_SUITE)) {
  if (!restricted.includes(fn)) problems.push(`${fn} is in OWN_SUITE but no longer restricted: remove it`);
}
if (restricted.length < 50) problems.push(`only ${restricted.length} restricted functions found: the scan is broken`);
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`check-restricted: ${restricted.length} restricted functions, each with an access test`);
