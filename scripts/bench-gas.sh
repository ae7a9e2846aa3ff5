#!/usr/bin/env bash
# Gas of real transactions (docs/benchmarks.md, "Contracts"): starts a local Hardhat node, deploys the protocol,
# runs the scenarios of contracts/test/*.gas.t.sol through the SDK and prints each receipt's gasUsed.
# `scripts/bench-gas.sh --trace` adds an opcode-level breakdown of the whole-token and partial native fills.
# Never part of CI. About a minute on 2 cores (build included).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$repo_root"
ensure_npm_deps
$MVN -q -DskipTests package -pl hashmix-benchmarks -am
java $(bench_jvm_flags) -Dhashmix.contracts.dir="$repo_root/contracts" -cp hashmix-benchmarks/target/hashmix-benchmarks.jar \
  io.hashmix.benchmarks.GasReceipts "$@"
