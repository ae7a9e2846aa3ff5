#!/usr/bin/env bash
# Runs every test: the Solidity linter, the export drift check, Solidity tests (unit, fuzz, invariant),
# the gas snapshot check (2% tolerance), and all Java tests (unit and integration; the integration tests
# start their own local chain on 127.0.0.1). Line coverage has its own command: cd contracts &&
# npm run coverage:check (see docs/coverage.md).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$repo_root"
ensure_npm_deps

echo "==> contracts: solhint, no warnings allowed"
(cd contracts && npm run --silent lint)

echo "==> contracts: exported ABI/bytecode match the sources"
(cd contracts && npm run --silent export:check)

echo "==> contracts: Solidity tests"
(cd contracts && npm test)

echo "==> contracts: gas of the benchmarked calls within 2% of contracts/.gas-snapshot"
(cd contracts && npm run --silent gas:check)

echo "==> Java: build and all tests"
$MVN verify
