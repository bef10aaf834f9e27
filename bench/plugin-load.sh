#!/usr/bin/env bash
# Benchmark (JMH): load and start 200 installed plugins with Warden's host (code re-check with the verdict
# cached by content hash, isolated class loaders, granted capabilities) against plain PF4J loading and
# starting the same plugin folders, and their ratio (PERFORMANCE.md target <= 1.3x; the issue says 1.5x).
# Usage: bench/plugin-load.sh [FORKS] [ITERATIONS]. Results go to target/bench/plugin-load/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
forks="${1:-1}"
iterations="${2:-5}"
work="$root/target/bench/plugin-load"
mkdir -p "$work"
cd "$root"
. "$root/bench/fixtures.sh"
fixture_classpath org/openjdk/jmh/jmh-core net/sf/jopt-simple/jopt-simple org/apache/commons/commons-math3
java -cp "$cp" org.openjdk.jmh.Main 'PluginLoadBenchmark' -f "$forks" -wi 3 -w 2s -i "$iterations" -r 2s \
  -rf csv -rff "$work/result.csv" | grep -E '^(Benchmark|PluginLoadBenchmark)'
plain=$(awk -F, '/plainPf4j/ {print $5}' "$work/result.csv")
warden=$(awk -F, '/wardenHost/ {print $5}' "$work/result.csv")
echo "ratio $(awk -v a="$warden" -v b="$plain" 'BEGIN { printf "%.2f", a / b }')x   (target <= 1.3x per PERFORMANCE.md, 1.5x per issue 5)"
