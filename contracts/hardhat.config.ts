// HashMix Solidity project (Hardhat 3, ESM).
//
// Toolchain facts (see /DESIGN.md section 3):
//  * solc comes from the pinned npm package `solc` (soljson.js), so nothing is downloaded.
//  * forge-std comes from @layerzerolabs/toolbox-foundry via remappings.txt.
//  * Solidity test settings live in named test profiles, selected with `--test-profile`:
//      default  - `npm test`: fuzz 10,000 runs, invariants 256 runs x depth 100
//      coverage - `npm run coverage`: reduced runs so instrumented runs stay fast
//      long     - `npm run invariant:long`: invariants 1,000 runs x depth 500
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { defineConfig } from "hardhat/config";
import type { HardhatPlugin } from "hardhat/types/plugins";

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

// Test suites compile in a few solc jobs, not one and not one per file. Hardhat merges the test files
// that share a compiler settings object into one job, and solc-js returns a job's whole output as one JSON
// string: with all of the protocol's suites in one job that string passes what solc-js can return ("Error
// writing output JSON"), and coverage instrumentation makes it larger still. One job per file is far
// slower (the protocol's sources are recompiled in every job). So one rule for every run: a file's area is
// its name up to the first dot (`HashMixMarket.fuzz.t.sol` -> `HashMixMarket`); whole areas, in name
// order, are packed into jobs of at most TEST_JOB_BYTES of test source, a smaller budget under
// `--coverage`. HASHMIX_TEST_JOB_BYTES overrides it (to measure other splits).
const COVERAGE_RUN = process.argv.includes("--coverage");
const TEST_JOB_BYTES = Number(process.env.HASHMIX_TEST_JOB_BYTES ?? (COVERAGE_RUN ? 120_000 : 400_000));

/** The test files of each job, in name order. */
function testJobs(): string[][] {
  const dir = new URL("./test/", import.meta.url);
  const areas = new Map<string, { files: string[]; bytes: number }>();
  for (const f of readdirSync(dir).filter((name) => name.endsWith(".t.sol")).sort()) {
    const area = f.slice(0, f.indexOf("."));
    const entry = areas.get(area) ?? { files: [], bytes: 0 };
    entry.files.push(`test/${f}`);
    entry.bytes += statSync(new URL(f, dir)).size;
    areas.set(area, entry);
  }
  const jobs: string[][] = [];
  let jobBytes = Infinity;
  for (const { files, bytes } of areas.values()) {
    if (jobBytes + bytes > TEST_JOB_BYTES) {
      jobs.push([]);
      jobBytes = 0;
    }
    jobs.at(-1)!.push(...files);
    jobBytes += bytes;
  }
  return jobs;
}

const JOBS = testJobs();

// Each override in the user config resolves to its own settings object (so its own job); this hook makes
// the files of one job share one resolved object again, which is what Hardhat merges on.
const testJobsPlugin: HardhatPlugin = {
  id: "hashmix-test-jobs",
  hookHandlers: {
    config: async () => ({
      default: async () => ({
        resolveUserConfig: async (userConfig, resolveVariable, next) => {
          const resolved = await next(userConfig, resolveVariable);
          const overrides = resolved.solidity.profiles.default.overrides;
          for (const files of JOBS) {
            const shared = overrides[files[0]];
            // a missing key would drop the files back into one merged job: the failure this rule prevents
            if (shared === undefined) throw new Error(`hashmix-test-jobs: no override resolved for ${files[0]}`);
            for (const f of files) overrides[f] = shared;
          }
          return resolved;
        },
      }),
    }),
  },
};

// Hardhat runs os.cpus() - 1 solc jobs at once: one at a time on the 2-core CI machine, where compiling
// from scratch is nearly half of the Solidity test phase. Each solc-js job is its own process, so every
// core is used instead (docs/contracts.md section 7 has the timings); HASHMIX_SOLC_JOBS overrides it.
const SOLC_JOBS_ENV = process.env.HASHMIX_SOLC_JOBS;
const SOLC_JOBS = SOLC_JOBS_ENV === undefined ? Math.max(1, availableParallelism()) : Number(SOLC_JOBS_ENV);
if (!Number.isInteger(SOLC_JOBS) || SOLC_JOBS < 1) {
  throw new Error(`HASHMIX_SOLC_JOBS must be a whole number of at least 1, not "${SOLC_JOBS_ENV}"`);
}
const buildConcurrencyPlugin: HardhatPlugin = {
  id: "hashmix-build-concurrency",
  hookHandlers: {
    solidity: async () => ({
      default: async () => ({
        build: async (context, rootFilePaths, options, next) =>
          next(context, rootFilePaths, { ...options, concurrency: options?.concurrency ?? SOLC_JOBS }),
      }),
    }),
  },
};

export default defineConfig({
  plugins: [testJobsPlugin, buildConcurrencyPlugin],
  paths: {
    sources: "src",
    tests: { solidity: "test" },
  },
  solidity: {
    profiles: {
      default: { compilers: [compiler], overrides: Object.fromEntries(JOBS.flat().map((f) => [f, compiler])), splitTestsCompilation: true },
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
