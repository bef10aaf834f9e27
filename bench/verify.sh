#!/usr/bin/env bash
# Benchmark: whole-process time of `warden verify` on a ~200 MB bundle against
# `unzip -p BUNDLE | sha256sum` on the same file, medians of RUNS runs after a warm-up, and the ratio.
# Usage: bench/verify.sh [SIZE_MB] [RUNS]     (defaults: 200 and 7). Work files go to target/bench/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
size_mb="${1:-200}"
runs="${2:-7}"
work="$root/target/bench/verify"
rm -rf "$work"
mkdir -p "$work/src/skills/data" "$work/home"
command -v unzip >/dev/null || { echo "bench: needs unzip (apt-get install unzip)" >&2; exit 1; }
export WARDEN_HOME="$work/home" WARDEN_SYSTEM_DIR="$work/system"

"$root/warden" --version >/dev/null   # builds on first use, outside the timing

# 40 files: half random bytes (incompressible), half base64 text (compresses about 4:3), like a
# plugin with jars and data next to text.
per_file=$(( size_mb * 1024 * 1024 / 40 ))
for i in $(seq -w 1 40); do
  if (( 10#$i % 2 )); then
    head -c "$per_file" /dev/urandom > "$work/src/skills/data/blob-$i.bin"
  else
    head -c $(( per_file * 3 / 4 )) /dev/urandom | base64 -w 120 > "$work/src/skills/data/text-$i.txt"
  fi
done
cat > "$work/src/plugin.json" <<'JSON'
{ "name": "bench-data", "version": "1.0.0", "publisher": "bench",
  "description": "A large bundle for the verify benchmark",
  "permissions": [ { "kind": "net.egress", "scope": "https://api.example.com", "reason": "benchmark" } ] }
JSON

bundle="$work/bench-bench-data-1.0.0.wpk"
"$root/warden" keys generate --publisher bench --out "$work/keys" >/dev/null
"$root/warden" pack "$work/src" --out "$bundle" >/dev/null
"$root/warden" sign "$bundle" --key "$work/keys/bench.key" >/dev/null
"$root/warden" trust add "$work/keys/bench.pub.json" --yes >/dev/null
echo "bundle: $(du -m "$bundle" | cut -f1) MB, $(unzip -Z1 "$bundle" | wc -l) entries"

now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_runs() {   # time_runs NAME COMMAND... ; prints the median in ms
  local name="$1"; shift
  "$@" >/dev/null 2>&1   # warm-up (page cache, JIT-free first run)
  for _ in $(seq "$runs"); do
    local start end
    start=$(now_ns); "$@" >/dev/null 2>&1; end=$(now_ns)
    echo $(( (end - start) / 1000000 ))
  done | median
}

"$root/warden" verify "$bundle" >/dev/null || { echo "bench: verify failed" >&2; exit 1; }
baseline=$(time_runs baseline bash -c "unzip -p '$bundle' | sha256sum")
warden=$(time_runs warden "$root/warden" verify "$bundle")
ratio=$(awk -v w="$warden" -v b="$baseline" 'BEGIN { printf "%.2f", w / b }')
echo "unzip -p | sha256sum   median ${baseline} ms"
echo "warden verify          median ${warden} ms"
echo "ratio                  ${ratio}x   (target <= 0.9x per PERFORMANCE.md; issue 2 asks <= 1.5x)"
