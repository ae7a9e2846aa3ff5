#!/usr/bin/env bash
# Stages a release: builds and tests everything, then deploys the published artifacts with their sources and
# Javadoc jars into a Maven repository folder, target/staging (nothing goes to any network repository, and
# nothing into ~/.m2). Published: hashmix-bom, hashmix-parent, hashmix-proofs, hashmix-contracts, hashmix-core,
# hashmix-testing. The version is the poms' (0.1.0-SNAPSHOT stages timestamped SNAPSHOTs); for a release,
# set it in every pom first. Extra arguments go to Maven, e.g. `scripts/release.sh -DskipTests -Dinvoker.skip`.
# Use the folder as a repository (<url>file:///path/to/target/staging</url>), or upload it to a repository
# manager; signing belongs to that publication step and is not done here.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$repo_root"
ensure_npm_deps
staging="$repo_root/target/staging"
rm -rf "$staging"
$MVN -Prelease deploy -Dmaven.install.skip=true -DaltDeploymentRepository="staging::file://$staging" "$@"
echo "==> staged in $staging:"
(cd "$staging" && find . -type f \( -name '*.jar' -o -name '*.pom' \) | sed 's#^\./##' | sort)
