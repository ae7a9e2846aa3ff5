#!/usr/bin/env bash
# Runs the lifecycle demo: starts a local chain (unless --rpc URL is given), deploys, walks every part.
# Arguments go to the demo: scripts/demo.sh --rpc http://127.0.0.1:8545 --private-key 0x...
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$repo_root"
ensure_npm_deps
$MVN -q -DskipTests install
$MVN -q -pl hashmix-examples exec:java -Dexec.args="$*"
