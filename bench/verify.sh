#!/usr/bin/env bash
# Benchmark: whole-process time of `warden verify` on a ~200 MB bundle against
# `unzip -p BUNDLE | sha256sum` on the same file, medians of RUNS runs of each (alternating) after a
# warm-up, and the ratio.
# Usage: bench/verify.sh [SIZE_MB] [RUNS] [LAYOUT]     (defaults: 200, 7 and many)
#   LAYOUT many: 40 files, half random bytes (incompressible), half base64 text (compresses about 4:3),
#                like a plugin with jars and data next to text; spreads over cores entry by entry.
#   LAYOUT one:  a single file of SIZE_MB, 1 MiB blocks of base64 text and random bytes in turn, the same
#                mix inside one entry; measures how verify handles one huge deflated entry. It starts with
#                text because pack stores a file whose first 128 KiB do not compress.
# Work files go to target/bench/verify/. The time `warden pack` took is printed too (one run, for reference).
# WARDEN=/path/to/warden runs another launcher (e.g. a build of another revision) instead of ./warden.
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
size_mb="${1:-200}"
runs="${2:-7}"
layout="${3:-many}"
cli="${WARDEN:-$root/warden}"
case "$layout" in
  many|one) ;;
  *) echo "bench: LAYOUT must be 'many' or 'one', not '$layout'" >&2; exit 2 ;;
esac
bench_work verify home
export WARDEN_HOME="$work/home" WARDEN_SYSTEM_DIR="$work/system"

"$cli" --version >/dev/null   # builds on first use, outside the timing
large_bundle "$work" "$size_mb" "$layout"
baseline_cmd=(bash -c "unzip -p '$bundle' | sha256sum")
warden_cmd=("$cli" verify "$bundle")
"${baseline_cmd[@]}" >/dev/null 2>&1; "${warden_cmd[@]}" >/dev/null 2>&1   # warm-up (page cache)
# Alternate the two commands so that load from elsewhere on the machine weighs on both alike.
: > "$work/baseline.ms"; : > "$work/warden.ms"
for _ in $(seq "$runs"); do
  elapsed_ms "${baseline_cmd[@]}" 2>/dev/null >> "$work/baseline.ms"
  elapsed_ms "${warden_cmd[@]}" 2>/dev/null >> "$work/warden.ms"
done
baseline=$(median < "$work/baseline.ms")
warden=$(median < "$work/warden.ms")
ratio=$(ratio "$warden" "$baseline")
echo "unzip -p | sha256sum   median ${baseline} ms   (layout $layout, $runs runs)"
echo "warden verify          median ${warden} ms   (layout $layout, $runs runs)"
echo "ratio                  ${ratio}x   (layout $layout; target <= 0.9x per PERFORMANCE.md)"
