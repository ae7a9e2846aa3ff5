#!/usr/bin/env node
// Exports the ABI and creation bytecode of the contracts the Java SDK uses into
// ../hashmix-contracts/src/main/resources/io/hashmix/contracts/<Name>.abi and <Name>.bin.
//
//   node scripts/export-artifacts.mjs           write the files
//   node scripts/export-artifacts.mjs --check   compare with the committed files; exit 1 on drift
//
// Run it after `hardhat build --build-profile production --no-tests` (the npm scripts `export`
// and `export:check` do both). The production profile compiles every contract in its own
// compilation unit (isolated) with `metadata.bytecodeHash: "none"`, so a contract's bytes depend
// only on its own sources: adding another contract never changes an existing export.
//
// Formats: <Name>.abi is the ABI JSON array pretty-printed with a 2-space indent and a trailing
// newline; <Name>.bin is the creation bytecode as lowercase hex WITHOUT 0x, plus a newline.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// ---- The one list of exported contracts: add a line per new contract. ----------------------
const EXPORTS = [
  { name: "HashMixAccessManager", source: "src/access/HashMixAccessManager.sol" },
  { name: "AssetClassRegistry", source: "src/registry/AssetClassRegistry.sol" },
  { name: "TestPayoutToken", source: "src/dev/TestPayoutToken.sol" },
  { name: "AttestorRegistry", source: "src/registry/AttestorRegistry.sol" },
  { name: "CollateralVault", source: "src/token/CollateralVault.sol" },
  { name: "HashPowerToken", source: "src/token/HashPowerToken.sol" },
  { name: "HardwareRegistry", source: "src/token/HardwareRegistry.sol" },
  { name: "TokenMetadataRenderer", source: "src/token/TokenMetadataRenderer.sol" },
  { name: "BtcSpvVerifier", source: "src/spv/BtcSpvVerifier.sol" },
  { name: "BitcoinEvidence", source: "src/spv/BitcoinEvidence.sol" },
  { name: "FulfillmentVault", source: "src/fulfillment/FulfillmentVault.sol" },
  { name: "FulfillmentLens", source: "src/fulfillment/FulfillmentLens.sol" },
  { name: "HashMixMarket", source: "src/market/HashMixMarket.sol" },
  { name: "HashPriceOracle", source: "src/oracle/HashPriceOracle.sol" },
  { name: "HashPowerValuation", source: "src/oracle/HashPowerValuation.sol" },
  { name: "HashPowerSwapPool", source: "src/swap/HashPowerSwapPool.sol" },
  { name: "CreditRegistry", source: "src/credit/CreditRegistry.sol" },
  { name: "CollateralPolicy", source: "src/credit/CollateralPolicy.sol" },
  { name: "ObserverRouter", source: "src/credit/ObserverRouter.sol" },
  { name: "EmissionController", source: "src/incentives/EmissionController.sol" },
  { name: "HMXToken", source: "src/incentives/HMXToken.sol" },
  { name: "IssuerRewards", source: "src/incentives/IssuerRewards.sol" },
  { name: "AttestorRewards", source: "src/incentives/AttestorRewards.sol" },
  { name: "HolderRewards", source: "src/incentives/HolderRewards.sol" },
  { name: "TokenStakingProgram", source: "src/incentives/TokenStakingProgram.sol" },
  { name: "HookStakeProgram", source: "src/incentives/HookStakeProgram.sol" },
  { name: "RevenueShareProgram", source: "src/incentives/RevenueShareProgram.sol" },
  { name: "MakerRewards", source: "src/incentives/MakerRewards.sol" },
  { name: "SwapPoolLens", source: "src/swap/SwapPoolLens.sol" },
  { name: "LendingModule", source: "src/lending/LendingModule.sol" },
  { name: "HashPowerLending", source: "src/lending/HashPowerLending.sol" },
  { name: "LendingLens", source: "src/lending/LendingLens.sol" },
  { name: "FixedPriceValuation", source: "src/dev/FixedPriceValuation.sol" },
];
// Data files exported beside the contracts, byte for byte (the deployment's wiring table).
const DATA_FILES = [{ file: "access-wiring.json", source: "deploy/access-wiring.json" }];
// ---------------------------------------------------------------------------------------------

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const artifactsDir = path.join(root, "artifacts");
const outDir = path.resolve(root, "../hashmix-contracts/src/main/resources/io/hashmix/contracts");
const check = process.argv.includes("--check");

function fail(message) {
  console.error(`export-artifacts: ${message}`);
  process.exit(1);
}

function render({ name, source }) {
  const file = path.join(artifactsDir, source, `${name}.json`);
  if (!existsSync(file)) {
    fail(`missing artifact ${path.relative(root, file)}; run the build first (npm run export builds)`);
  }
  const artifact = JSON.parse(readFileSync(file, "utf8"));
  if (artifact.contractName !== name) fail(`${file}: contractName is ${artifact.contractName}, expected ${name}`);
  if (!Array.isArray(artifact.abi)) fail(`${file}: no ABI array`);
  if (Object.keys(artifact.linkReferences ?? {}).length > 0) {
    fail(`${name} needs linked libraries; the export does not support linking`);
  }
  const bytecode = String(artifact.bytecode ?? "");
  if (!/^0x([0-9a-fA-F]{2})+$/.test(bytecode)) fail(`${name}: no creation bytecode (abstract contract or interface?)`);
  return {
    [`${name}.abi`]: JSON.stringify(artifact.abi, null, 2) + "\n",
    [`${name}.bin`]: bytecode.slice(2).toLowerCase() + "\n",
  };
}

const expected = Object.assign(
  {},
  ...EXPORTS.map(render),
  ...DATA_FILES.map(({ file, source }) => ({ [file]: readFileSync(path.join(root, source), "utf8") })),
);

if (!check) {
  mkdirSync(outDir, { recursive: true });
  for (const [file, content] of Object.entries(expected)) {
    writeFileSync(path.join(outDir, file), content);
  }
  console.log(`export-artifacts: wrote ${Object.keys(expected).length} files to ${path.relative(process.cwd(), outDir) || "."}`);
  for (const file of Object.keys(expected)) console.log(`  ${file}`);
  process.exit(0);
}

const drift = [];
for (const [file, content] of Object.entries(expected)) {
  const target = path.join(outDir, file);
  if (!existsSync(target)) drift.push(`${file} (missing)`);
  else if (readFileSync(target, "utf8") !== content) drift.push(`${file} (differs from the compiled contract)`);
}
if (existsSync(outDir)) {
  for (const file of readdirSync(outDir)) {
    if (/\.(abi|bin|json)$/.test(file) && !(file in expected)) drift.push(`${file} (not in the export list)`);
  }
}
if (drift.length > 0) {
  console.error(`export-artifacts: the committed exports in ${path.relative(root, outDir)} are out of date:`);
  for (const d of drift) console.error(`  - ${d}`);
  console.error("Run `npm run export` in contracts/ and commit the result.");
  process.exit(1);
}
console.log(`export-artifacts: ${Object.keys(expected).length} exported files match the compiled contracts.`);
