#!/usr/bin/env bash
# Benchmark: one plugin in process mode (its own JVM under bubblewrap, capabilities over JSON-RPC) against
# the same plugin in-process: median host start with the plugin, median trivial tool call, median call that
# reads a granted file through the Files capability; each pair, the time added and the ratio
# (issue 7 targets: call overhead <= 2 ms at the median, start <= 1.5 s; PERFORMANCE.md: <= 1 ms, <= 1 s).
# Usage: bench/process-mode.sh [CALLS] [STARTS]. Work files go to target/bench/process-mode/.
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
calls="${1:-1000}"
starts="${2:-10}"
bench_work process-mode
cd "$root"
fixture_classpath
java -XX:+UseSerialGC -cp "$cp" dev.warden.manager.host.ProcessModeBenchmark "$work" "$calls" "$starts"
