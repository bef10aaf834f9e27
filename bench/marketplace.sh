#!/usr/bin/env bash
# Benchmark: whole-process time of `warden marketplace update` of a static signed repository with
# TARGETS targets (default 20000) served over http on 127.0.0.1, next to `curl` + `sha256sum` of the
# same metadata files; medians of RUNS runs (default 5) after a warm-up, and their ratio. Timed:
#   update   a home that holds the repository's one-target state (added before the big targets
#            version was published) refreshes to the TARGETS-target state: fetches and verifies the
#            timestamp, snapshot and the whole targets.json, then writes the offers (the headline figure)
#   add      `marketplace add` into a fresh home: root, then the same fetch and verification
#   no-op    `marketplace update` when nothing changed (a home already holding the big state)
#   baseline one curl of root.json, timestamp.json and the snapshot and targets files they name, then sha256sum of them
# Then the in-process latency of search over the same catalogue (fixture SearchLatency).
# Usage: bench/marketplace.sh [TARGETS] [RUNS]. Work files go to target/bench/marketplace/.
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
count="${1:-20000}"
runs="${2:-5}"
bench_work marketplace
export WARDEN_SYSTEM_DIR="$work/system"
cd "$root"
fixture_classpath
serve_many_targets "$work" "$count"

# The template home for `update`: added while the repository served its one-target state.
cp "$work/timestamp.small.json" "$repo/timestamp.json"
WARDEN_HOME="$work/template" "$root/warden" marketplace add bench "$url" --yes >/dev/null
cp "$work/timestamp.big.json" "$repo/timestamp.json"
# The home for the no-op update and for search: added with the big state.
WARDEN_HOME="$work/home" "$root/warden" marketplace add bench "$url" --yes >/dev/null

echo "served at $url: root.json, timestamp.json, $snapshot, $targets ($(du -h "$repo/$targets" | cut -f1)); a home's offers.json: $(du -h "$work/home/cache/bench/metadata/offers.json" | cut -f1)"

baseline_once() {
  elapsed_ms fetch_and_hash "$work/curl"
}
update_once() {
  rm -rf "$work/run"; cp -r "$work/template" "$work/run"
  WARDEN_HOME="$work/run" elapsed_ms "$root/warden" marketplace update bench
}
add_once() {
  rm -rf "$work/run"
  WARDEN_HOME="$work/run" elapsed_ms "$root/warden" marketplace add bench "$url" --yes
}
noop_once() {
  WARDEN_HOME="$work/home" elapsed_ms "$root/warden" marketplace update bench
}
version_once() {
  elapsed_ms "$root/warden" --version
}
baseline_once >/dev/null; update_once >/dev/null; add_once >/dev/null; noop_once >/dev/null; version_once >/dev/null
baseline=$(for _ in $(seq "$runs"); do baseline_once; done | median)
update=$(for _ in $(seq "$runs"); do update_once; done | median)
add=$(for _ in $(seq "$runs"); do add_once; done | median)
noop=$(for _ in $(seq "$runs"); do noop_once; done | median)
version=$(for _ in $(seq "$runs"); do version_once; done | median)
echo "curl + sha256sum (4 files)           median ${baseline} ms"
echo "warden marketplace update ($count)  median ${update} ms   ratio $(ratio "$update" "$baseline")x   (target <= 1.5x per PERFORMANCE.md)"
echo "warden marketplace add ($count)     median ${add} ms   ratio $(ratio "$add" "$baseline")x"
echo "warden marketplace update, no change  median ${noop} ms   (warden --version: median ${version} ms)"

echo "search, in-process (fixture SearchLatency):"
search=$(WARDEN_HOME="$work/home" java -cp "$cp" dev.warden.manager.cli.SearchLatency "$work/home" 100)
echo "$search" | grep -v '^SEARCH_MEDIAN_MS=' | sed 's/^/  /'
median_ms=$(echo "$search" | sed -n 's/^SEARCH_MEDIAN_MS=//p')
echo "search median                        ${median_ms} ms   (target <= 5 ms per PERFORMANCE.md: $(awk -v m="$median_ms" 'BEGIN { print (m <= 5 ? "met" : "missed") }'))"
