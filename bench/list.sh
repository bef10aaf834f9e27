#!/usr/bin/env bash
# Benchmark: whole-process time of `warden list` with COUNT plugins installed (default 500) next to
# `warden --version`, medians of RUNS runs (default 9) after a warm-up, and their ratio.
# Usage: bench/list.sh [COUNT] [RUNS]. Work files go to target/bench/list/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
count="${1:-500}"
runs="${2:-9}"
work="$root/target/bench/list"
rm -rf "$work"; mkdir -p "$work"
export WARDEN_HOME="$work/home" WARDEN_SYSTEM_DIR="$work/system"
cd "$root"
"$root/warden" --version >/dev/null                      # builds the CLI if needed
mvn -q -B -o test-compile -pl manager >/dev/null 2>&1 || mvn -q -B test-compile -pl manager
echo "installing $count signed plugins (through the real install command, in one JVM)..."
java -cp "$root/manager/target/test-classes:$root/manager/target/warden.jar:$root/manager/target/lib/*" \
  dev.warden.manager.cli.InstallMany "$work" "$count"
echo "installed: $("$root/warden" list | tail -n +2 | wc -l)"

now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_runs() {
  "$@" >/dev/null 2>&1
  for _ in $(seq "$runs"); do
    local start end; start=$(now_ns); "$@" >/dev/null 2>&1; end=$(now_ns)
    echo $(( (end - start) / 1000000 ))
  done | median
}
version=$(time_runs "$root/warden" --version)
list=$(time_runs "$root/warden" list)
echo "warden --version              median ${version} ms"
echo "warden list ($count installed)  median ${list} ms"
echo "ratio                         $(awk -v a="$list" -v b="$version" 'BEGIN { printf "%.2f", a / b }')x   (target <= 1.2x per PERFORMANCE.md; issue 3 asks <= 1.5x)"
