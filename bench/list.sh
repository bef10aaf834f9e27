#!/usr/bin/env bash
# Benchmark: whole-process time of `warden list` with COUNT plugins installed (default 500) next to
# `warden --version`, medians of RUNS runs (default 9) after a warm-up, and their ratio.
# Usage: bench/list.sh [COUNT] [RUNS]. Work files go to target/bench/list/.
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
count="${1:-500}"
runs="${2:-9}"
bench_work list
export WARDEN_HOME="$work/home" WARDEN_SYSTEM_DIR="$work/system"
cd "$root"
fixture_classpath
echo "installing $count signed plugins (through the real install command, in one JVM)..."
java -cp "$cp" dev.warden.manager.cli.InstallMany "$work" "$count"
echo "installed: $("$root/warden" list | tail -n +2 | wc -l)"

time_runs() {
  "$@" >/dev/null 2>&1
  for _ in $(seq "$runs"); do
    elapsed_ms "$@" 2>/dev/null
  done | median
}
version=$(time_runs "$root/warden" --version)
list=$(time_runs "$root/warden" list)
echo "warden --version              median ${version} ms"
echo "warden list ($count installed)  median ${list} ms"
echo "ratio                         $(ratio "$list" "$version")x   (target <= 1.2x per PERFORMANCE.md; issue 3 asks <= 1.5x)"
