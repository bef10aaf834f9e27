#!/usr/bin/env bash
# Benchmark: median latency of a trivial tool call in-process (through the plugin host) and through
# `warden serve` over stdio with the MCP Java SDK client in another process, and the overhead
# (issue 6 target <= 1 ms, PERFORMANCE.md <= 0.5 ms). Both write one audit entry per call.
# Usage: bench/gateway-latency.sh [CALLS]. Work files go to target/bench/gateway-latency/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
calls="${1:-500}"
work="$root/target/bench/gateway-latency"
rm -rf "$work"; mkdir -p "$work"
cd "$root"
"$root/warden" --version >/dev/null
mvn -q -B -o test-compile -pl manager >/dev/null 2>&1 || mvn -q -B test-compile -pl manager
cp="$root/manager/target/test-classes:$root/manager/target/warden.jar:$root/manager/target/lib/*"
for jar in org/junit/jupiter/junit-jupiter-api org/opentest4j/opentest4j org/assertj/assertj-core; do
  cp="$cp:$(ls "$HOME"/.m2/repository/$jar/*/*.jar | grep -v -- '-sources' | tail -1)"
done
java -cp "$cp" dev.warden.manager.cli.GatewayLatency "$work" "$calls"
