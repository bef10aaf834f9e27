#!/usr/bin/env bash
# Benchmark: median latency of a trivial tool call in-process (through the plugin host) and through
# `warden serve` over stdio with the MCP Java SDK client in another process, and the overhead
# (issue 6 target <= 1 ms, PERFORMANCE.md <= 0.5 ms), in the steady state of a long-running gateway:
# each of RUNS runs starts a fresh serve and client, warms up with WARMUP calls of each kind, times
# CALLS of each; prints each run and the median of the runs' overheads. Both write one audit entry per call.
# The second row: a remote plugin's tool (an MCP server of the SDK over Streamable HTTP on 127.0.0.1) called by the
# SDK's client directly and through `warden serve` over stdio (PERFORMANCE.md target <= 1 ms added at the median).
# Only the call through serve writes an audit entry in that row, made durable with three fsyncs (the log line, then
# head.json written and renamed); with AUDIT_ON_TMPFS=1 Warden's home lies in /dev/shm, which shows what the path
# costs apart from the disk's fsync.
# Usage: [AUDIT_ON_TMPFS=1] bench/gateway-latency.sh [CALLS] [WARMUP] [RUNS]. Work files go to
# target/bench/gateway-latency/ (/dev/shm/warden-gateway-latency/ with AUDIT_ON_TMPFS=1).
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
calls="${1:-1000}"
warmup="${2:-3000}"
runs="${3:-5}"
bench_work gateway-latency
if [ "${AUDIT_ON_TMPFS:-0}" = 1 ]; then
  work=/dev/shm/warden-gateway-latency
  rm -rf "$work" && mkdir -p "$work"
  trap 'rm -rf "$work"' EXIT
fi
cd "$root"
fixture_classpath
java -cp "$cp" dev.warden.manager.cli.GatewayLatency "$work" "$calls" "$warmup" "$runs"
