#!/usr/bin/env bash
# Benchmark (JMH): a granted 4 KB Files.read through the capability against java.nio.file.Files.readAllBytes
# of the same file, and their ratio (PERFORMANCE.md target <= 1.2x).
# Usage: bench/files-read.sh [FORKS] [ITERATIONS]. Results go to target/bench/files-read/.
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
forks="${1:-1}"
iterations="${2:-5}"
bench_work files-read
cd "$root"
jmh_ratio FilesReadBenchmark 1 jdkReadAllBytes grantedRead 'target <= 1.2x per PERFORMANCE.md'
