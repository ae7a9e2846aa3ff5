#!/usr/bin/env bash
# Runs the JMH benchmarks (never part of CI). Extra arguments go to JMH, e.g. `scripts/bench.sh -f 1 -wi 1 -i 3`.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$repo_root"
ensure_npm_deps
$MVN -q -DskipTests package -pl hashmix-benchmarks -am
java $(bench_jvm_flags) -Dhashmix.contracts.dir="$repo_root/contracts" -jar hashmix-benchmarks/target/hashmix-benchmarks.jar "$@"
