#!/usr/bin/env bash
# Runs the lifecycle demo: starts a local chain (unless --rpc URL is given), deploys, walks every part.
# Arguments go to the demo: scripts/demo.sh --rpc http://127.0.0.1:8545 --private-key 0x...
# The demo runs as `java -jar hashmix-examples/target/hashmix-examples.jar`: the SDK's lean runtime classpath
# (target/lib), native access enabled by the jar's manifest. Nothing is installed into ~/.m2.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$repo_root"
ensure_npm_deps
$MVN -q -DskipTests package -pl hashmix-examples -am
java -Dhashmix.contracts.dir="$repo_root/contracts" -jar hashmix-examples/target/hashmix-examples.jar "$@"
