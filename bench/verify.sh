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
bench_work verify src/assets home
command -v unzip >/dev/null || { echo "bench: needs unzip (apt-get install unzip)" >&2; exit 1; }
export WARDEN_HOME="$work/home" WARDEN_SYSTEM_DIR="$work/system"

"$cli" --version >/dev/null   # builds on first use, outside the timing

mib=$(( 1024 * 1024 ))
if [ "$layout" = many ]; then
  per_file=$(( size_mb * mib / 40 ))
  for i in $(seq -w 1 40); do
    if (( 10#$i % 2 )); then
      head -c "$per_file" /dev/urandom > "$work/src/assets/blob-$i.bin"
    else
      head -c $(( per_file * 3 / 4 )) /dev/urandom | base64 -w 120 > "$work/src/assets/text-$i.txt"
    fi
  done
else
  for (( i = 0; i < size_mb; i++ )); do
    if (( i % 2 )); then
      head -c "$mib" /dev/urandom
    else
      head -c $(( mib / 121 * 90 )) /dev/urandom | base64 -w 120   # just under 1 MiB of 121-byte lines
    fi
  done > "$work/src/assets/mixed.dat"
fi
cat > "$work/src/plugin.json" <<'JSON'
{ "name": "bench-data", "version": "1.0.0", "publisher": "bench",
  "description": "A large bundle for the verify benchmark",
  "permissions": [ { "kind": "net.egress", "scope": "https://api.example.com", "reason": "benchmark" } ] }
JSON

bundle="$work/bench-bench-data-1.0.0.wpk"
"$cli" keys generate --publisher bench --out "$work/keys" >/dev/null
pack_start=$(now_ns)
"$cli" pack "$work/src" --out "$bundle" >/dev/null
pack_ms=$(( ($(now_ns) - pack_start) / 1000000 ))
"$cli" sign "$bundle" --key "$work/keys/bench.key" >/dev/null
"$cli" trust add "$work/keys/bench.pub.json" --yes >/dev/null
echo "layout $layout: bundle $(du -m "$bundle" | cut -f1) MB, $(unzip -Z1 "$bundle" | wc -l) entries; pack took ${pack_ms} ms"

"$cli" verify "$bundle" >/dev/null || { echo "bench: verify failed" >&2; exit 1; }
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
