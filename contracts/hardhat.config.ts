// HashMix Solidity project (Hardhat 3, ESM).
//
// Toolchain facts (see /DESIGN.md section 3):
//  * solc comes from the pinned npm package `solc` (soljson.js), so nothing is downloaded.
//  * forge-std comes from @layerzerolabs/toolbox-foundry via remappings.txt.
//  * Solidity test settings live in named test profiles, selected with `--test-profile`:
//      default  - `npm test`: fuzz 10,000 runs, invariants 256 runs x depth 100
//      coverage - `npm run coverage`: reduced runs so instrumented runs stay fast
//      long     - `npm run invariant:long`: invariants 1,000 runs x depth 500
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);
const SOLC_PATH = require.resolve("solc/soljson.js");

const compiler = {
  version: "0.8.30",
  path: SOLC_PATH,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    // No metadata hash in the bytecode: the same sources always give the same bytes,
    // so the committed .bin exports are stable (`npm run export:check`).
    metadata: { bytecodeHash: "none" },
  },
};

// Read access for shared cross-language test vectors and the deployment wiring table (resolved from this folder).
const fsPermissions = { readDirectory: ["../test-vectors", "./deploy"] };

// Fixed seed (Hardhat's default, keccak256("built for ethereum")): runs are reproducible, and the
// gas figures in docs/contracts.md come from the same inputs every time.
const FUZZ_SEED = "0x7727ea51af0441c20da14dcd68a15dac8c9ebd589c5be8fa8c87c1d3720450bc";

// Hardhat merges every test file with the same compiler settings into one solc job. With all the
// protocol's suites that job's output passes what solc-js can return ("Error writing output JSON"), so
// the suites of these areas are compiled one job per file (an override is its own job); the others
// stay merged, which is much faster than isolating them all with solc-js.
const OWN_JOB_TESTS = /^(HashPowerSwapPool|HashPowerValuation|HashPriceOracle|PriceReportVectors|SwapMathVectors|HashPowerLending|Lending|FixedPriceValuation)/;

function ownJobTests(): Record<string, typeof compiler> {
  const dir = new URL("./test/", import.meta.url);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".t.sol") && OWN_JOB_TESTS.test(f))
      .map((f) => [`test/${f}`, { ...compiler }]),
  );
}

export default defineConfig({
  paths: {
    sources: "src",
    tests: { solidity: "test" },
  },
  solidity: {
    profiles: {
      default: { compilers: [compiler], overrides: ownJobTests(), splitTestsCompilation: true },
      // Isolated: each contract in its own compilation unit (used by the export).
      production: { ...compiler, isolated: true, splitTestsCompilation: true },
    },
  },
  test: {
    solidity: {
      profiles: {
        default: {
          fsPermissions,
          fuzz: { runs: 10_000, seed: FUZZ_SEED },
          invariant: { runs: 256, depth: 100, failOnRevert: false },
        },
        coverage: {
          fsPermissions,
          fuzz: { runs: 256, seed: FUZZ_SEED },
          invariant: { runs: 32, depth: 50, failOnRevert: false },
        },
        long: {
          fsPermissions,
          fuzz: { runs: 10_000, seed: FUZZ_SEED },
          invariant: { runs: 1_000, depth: 500, failOnRevert: false },
        },
      },
    },
  },
});
