#!/usr/bin/env bash
# Benchmark (JMH): load and start 200 installed plugins with Warden's host (code re-check with the verdict
# cached by content hash, isolated class loaders, granted capabilities) against plain PF4J loading and
# starting the same plugin folders, and their ratio (PERFORMANCE.md target <= 1.3x; the issue says 1.5x).
# Usage: bench/plugin-load.sh [FORKS] [ITERATIONS]. Results go to target/bench/plugin-load/.
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
forks="${1:-1}"
iterations="${2:-5}"
bench_work plugin-load
cd "$root"
jmh_ratio PluginLoadBenchmark 2 plainPf4j wardenHost 'target <= 1.3x per PERFORMANCE.md, 1.5x per issue 5'
