#!/usr/bin/env bash
# Benchmark: whole-process time of `warden install BUNDLE --yes` (crash-safe: verify, extract,
# sync, rename, commit, audit) of a signed bundle of FILES files / SIZE_MB MB (defaults 2000 / 50)
# into a fresh home, next to `unzip -q` + `sha256sum -c` of the same files; medians of RUNS runs
# (default 5) after a warm-up, and their ratio.
# Usage: bench/install.sh [FILES] [SIZE_MB] [RUNS]. Work files go to target/bench/install/.
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
files="${1:-2000}"
size_mb="${2:-50}"
runs="${3:-5}"
bench_work install src/assets
command -v unzip >/dev/null || { echo "bench: needs unzip (apt-get install unzip)" >&2; exit 1; }
export WARDEN_SYSTEM_DIR="$work/system"
"$root/warden" --version >/dev/null

per_file=$(( size_mb * 1024 * 1024 / files ))
echo "making $files files of $per_file bytes..."
head -c $(( size_mb * 1024 * 1024 * 3 / 4 )) /dev/urandom | base64 -w 100 > "$work/all.txt"
split -a 4 -d -b "$per_file" "$work/all.txt" "$work/src/assets/part-"
rm "$work/all.txt"
cat > "$work/src/plugin.json" <<'JSON'
{ "name": "bench-install", "version": "1.0.0", "publisher": "bench",
  "description": "Many files for the install benchmark", "permissions": [] }
JSON
bundle="$work/bench-install.wpk"
WARDEN_HOME="$work/template" "$root/warden" keys generate --publisher bench --out "$work/keys" >/dev/null
WARDEN_HOME="$work/template" "$root/warden" pack "$work/src" --out "$bundle" >/dev/null
WARDEN_HOME="$work/template" "$root/warden" sign "$bundle" --key "$work/keys/bench.key" >/dev/null
WARDEN_HOME="$work/template" "$root/warden" trust add "$work/keys/bench.pub.json" --yes >/dev/null
(cd "$work/src" && find . -type f -printf '%P\n' | sort | xargs sha256sum) > "$work/sums"
echo "bundle: $(du -m "$bundle" | cut -f1) MB, $(unzip -Z1 "$bundle" | wc -l) entries"

unzip_and_check() {
  unzip -q "$bundle" -d "$work/unzipped" && (cd "$work/unzipped" && sha256sum --quiet -c "$work/sums")
}
baseline_once() {
  rm -rf "$work/unzipped"
  elapsed_ms unzip_and_check
}
warden_once() {
  rm -rf "$work/home"; cp -r "$work/template" "$work/home"
  WARDEN_HOME="$work/home" elapsed_ms "$root/warden" install "$bundle" --yes
}
baseline_once >/dev/null; warden_once >/dev/null
baseline=$(for _ in $(seq "$runs"); do baseline_once; done | median)
warden=$(for _ in $(seq "$runs"); do warden_once; done | median)
echo "unzip -q + sha256sum -c   median ${baseline} ms"
echo "warden install            median ${warden} ms"
echo "ratio                     $(ratio "$warden" "$baseline")x   (target <= 1.5x per PERFORMANCE.md; issue 3 asks <= 2x)"
