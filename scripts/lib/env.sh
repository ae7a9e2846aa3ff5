# Sourced by the scripts: picks a JDK >= 21 and puts the contracts project's Node 22 first on PATH.
# JAVA_HOME wins if it is a JDK 21+; else the Temurin JDK 25 this machine image ships; else a clear error.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
                   /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ]; then
      local major
      major="$(java_major "$candidate")"
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        export JAVA_HOME="$candidate"
        export PATH="$JAVA_HOME/bin:$PATH"
        return 0
      fi
    fi
  done
  echo "error: HashMix needs a JDK 21 or newer. Set JAVA_HOME to one (found none in JAVA_HOME or /usr/lib/jvm)." >&2
  return 1
}

pick_jdk || exit 1
# JDK 23+ warns about sun.misc.Unsafe use inside Maven itself; silence it only where the flag exists.
if [ "$(java_major "$JAVA_HOME")" -ge 23 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
# `mvn exec:java` runs the SDK inside Maven's JVM: native access for its JNI secp256k1 backend (JDK 21+ flag).
export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED"

# Flags of the JMH runs (JMH passes them on to its forks): native access for the JNI secp256k1 backend, and on
# JDK 23+ JMH 1.37's own sun.misc.Unsafe use allowed, so neither prints a warning.
bench_jvm_flags() {
  local flags="--enable-native-access=ALL-UNNAMED"
  if [ "$(java_major "$JAVA_HOME")" -ge 23 ]; then
    flags="$flags --sun-misc-unsafe-memory-access=allow"
  fi
  echo "$flags"
}

# npm installs of contracts/ (npm ci) when node_modules is missing or older than the lock file.
ensure_npm_deps() {
  local dir="$repo_root/contracts"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "==> npm ci (contracts/)"
    (cd "$dir" && npm ci --no-audit --no-fund) || return 1
  fi
  if [ ! -d "$dir/node_modules/@nomicfoundation/edr-linux-x64-gnu" ]; then
    echo "error: npm did not install @nomicfoundation/edr-linux-x64-gnu (Hardhat's native engine)." >&2
    return 1
  fi
}

export PATH="$repo_root/contracts/node_modules/.bin:$PATH"
MVN="mvn -B -ntp -Dstyle.color=never"
