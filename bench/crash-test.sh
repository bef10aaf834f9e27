#!/usr/bin/env bash
# Crash safety, the long run: kills a separate Warden process with SIGKILL at random moments of
# install, update, revoke and remove ITERATIONS times (default 200), checking after each kill that
# the next command succeeds and that catalog, grants and files agree. The default test suite runs
# the same test with 16 iterations. A failure prints the seed; rerun with SEED to replay its timing.
# Usage: bench/crash-test.sh [ITERATIONS] [SEED]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
iterations="${1:-200}"
seed_arg=()
[ -n "${2:-}" ] && seed_arg=("-Dwarden.crash.seed=$2")
cd "$root"
mvn -q -B -DskipTests install -pl manager -am
log="$root/target/crash-test.log"
mkdir -p "$root/target"
status=0
mvn -B -pl manager surefire:test -Dtest=CrashSafetyTest -Dwarden.crash.iterations="$iterations" "${seed_arg[@]}" \
  >"$log" 2>&1 || status=$?
grep -E "Tests run:|FAIL|seed|BUILD" "$log" || true
echo "full log: $log"
exit "$status"
