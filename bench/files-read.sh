#!/usr/bin/env bash
# Benchmark (JMH): a granted 4 KB Files.read through the capability against java.nio.file.Files.readAllBytes
# of the same file, and their ratio (PERFORMANCE.md target <= 1.2x).
# Usage: bench/files-read.sh [FORKS] [ITERATIONS]. Results go to target/bench/files-read/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
forks="${1:-1}"
iterations="${2:-5}"
work="$root/target/bench/files-read"
mkdir -p "$work"
cd "$root"
"$root/warden" --version >/dev/null
mvn -q -B -o test-compile -pl manager >/dev/null 2>&1 || mvn -q -B test-compile -pl manager
cp="$root/manager/target/test-classes:$root/manager/target/warden.jar:$root/manager/target/lib/*"
cp="$cp:$(ls "$HOME"/.m2/repository/org/openjdk/jmh/jmh-core/*/jmh-core-*.jar | head -1)"
cp="$cp:$(ls "$HOME"/.m2/repository/net/sf/jopt-simple/jopt-simple/*/jopt-simple-*.jar | head -1)"
cp="$cp:$(ls "$HOME"/.m2/repository/org/apache/commons/commons-math3/*/commons-math3-*.jar | head -1)"
java -cp "$cp" org.openjdk.jmh.Main 'FilesReadBenchmark' -f "$forks" -wi 3 -w 1s -i "$iterations" -r 1s \
  -rf csv -rff "$work/result.csv" | grep -E '^(Benchmark|FilesReadBenchmark)'
jdk=$(awk -F, '/jdkReadAllBytes/ {print $5}' "$work/result.csv")
granted=$(awk -F, '/grantedRead/ {print $5}' "$work/result.csv")
echo "ratio $(awk -v a="$granted" -v b="$jdk" 'BEGIN { printf "%.2f", a / b }')x   (target <= 1.2x per PERFORMANCE.md)"
