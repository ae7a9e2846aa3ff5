#!/usr/bin/env bash
# Runs every test: Solidity (unit, fuzz, invariant), the export drift check, and all Java tests
# (unit and integration; the integration tests start their own local chain on 127.0.0.1).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$repo_root"
ensure_npm_deps

echo "==> contracts: exported ABI/bytecode match the sources"
(cd contracts && npm run --silent export:check)

echo "==> contracts: Solidity tests"
(cd contracts && npm test)

echo "==> Java: build and all tests"
$MVN verify
