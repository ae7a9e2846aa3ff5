#!/usr/bin/env bash
# Proofs and signatures benchmarks in one go (never part of CI): libsecp256k1's own C speed (Debian's
# libsecp256k1-dev, installed if missing), then the crypto JMH benchmarks, then the ratios of the Java figures
# to the C ones. Takes about 6 minutes. Extra arguments go to JMH, e.g. `scripts/bench-crypto.sh -i 3`.
# Figures and the machine they came from: docs/benchmarks.md, "Proofs and signatures".
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$repo_root"

# 1. libsecp256k1 (Debian package) and the C harness
if [ ! -f /usr/include/secp256k1_recovery.h ]; then
  echo "==> installing libsecp256k1-dev (Debian)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libsecp256k1-dev gcc >/dev/null
fi
command -v gcc >/dev/null || { echo "error: gcc is needed to build the C harness (apt-get install gcc)" >&2; exit 1; }
out="$repo_root/hashmix-benchmarks/target/crypto-bench"
mkdir -p "$out"
gcc -O2 -Wall -o "$out/secp256k1_bench" hashmix-benchmarks/native/secp256k1_bench.c -lsecp256k1
lib_version="$(dpkg-query -W -f='${Version}' libsecp256k1-1 2>/dev/null || echo unknown)"
echo "==> libsecp256k1 $lib_version (C, one thread): 5 rounds of 2 s per operation"
"$out/secp256k1_bench" 2 5 | tee "$out/c.txt"
c_sign="$(awk '$1 == "median" && $2 == "sign" {print $3}' "$out/c.txt")"
c_recover="$(awk '$1 == "median" && $2 == "recover" {print $3}' "$out/c.txt")"

# 2. the JMH benchmarks
ensure_npm_deps
$MVN -q -DskipTests package -pl hashmix-benchmarks -am
echo "==> JMH (JDK: $(java -version 2>&1 | head -1))"
java $(bench_jvm_flags) -jar hashmix-benchmarks/target/hashmix-benchmarks.jar \
  'SignatureBenchmark|BundleVerificationBenchmark|OrderCheckBenchmark|MerkleProofBenchmark' \
  -rf csv -rff "$out/jmh.csv" "$@"

# 3. ratios to libsecp256k1
echo
echo "==> machine: $(nproc) vCPU $(awk -F': *' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); libsecp256k1 $lib_version"
awk -F',' -v cs="$c_sign" -v cr="$c_recover" '
  NR == 1 { next }
  {
    gsub(/"/, "")
    name = $1; sub(/^io\.hashmix\.benchmarks\./, "", name)
    if ($8 != "") name = name " [" $8 "]"
    ratio = ""
    if (name ~ /recover/) ratio = sprintf("%.2f of C recover", $5 / cr)
    else if (name ~ /sign/) ratio = sprintf("%.2f of C sign", $5 / cs)
    printf "%-52s %14.0f ops/s  %s\n", name, $5, ratio
  }
  END {
    printf "%-52s %14.0f ops/s\n", "libsecp256k1 C sign (recoverable)", cs
    printf "%-52s %14.0f ops/s\n", "libsecp256k1 C recover", cr
  }' "$out/jmh.csv"
echo "targets: native recover >= 0.90 of C recover, native sign >= 0.80 of C sign"
