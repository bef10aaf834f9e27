#!/usr/bin/env bash
# Benchmark of issue 19 (start-up): every row of its table, each command against its baseline in the same run, the
# two alternating run by run so that load from elsewhere on the machine weighs on both alike; medians of RUNS runs
# (default 7) after a warm-up, whole processes, with their peak memory (/usr/bin/time -f %M).
#   --version                      vs java -version                          target <= 2x
#   --version                      vs the same without the start-up archive (WARDEN_NO_CDS=1): what it buys
#   list, 1 and 500 installed      vs warden --version                       target (500) <= 1.2x
#   list                           vs Claude Code `plugin list`              target <= 0.6x, memory <= 1.0x
#   remove + install (unverified)  vs Claude Code `plugin uninstall + install` target <= 1.0x, memory <= 1.0x
#   marketplace add (git, PLUGINS) vs Claude Code `plugin marketplace add`   target <= 1.0x, memory <= 1.0x
#   verify of a SIZE_MB bundle     vs unzip -p B | sha256sum                 target <= 0.9x
#   marketplace update, TARGETS    vs curl + sha256sum of the same files     target <= 5x (issue 19), 3x (PERFORMANCE.md)
# Claude Code comes from npm as in bench/claude-compare.sh (CLAUDE_VERSION), on the same generated git marketplace.
# Usage: RUNS=7 PLUGINS=286 SIZE_MB=150 TARGETS=20000 bench/startup.sh. ROWS=version,list,claude,add,verify,update
# (any of them; default all) runs only those rows, and prepares only what they need ("claude" is the rows against
# Claude Code's list and remove + install). Work files go to target/bench/startup/
# (Claude Code's npm install is kept there between runs). Needs git, node, npm, unzip, python3, curl.
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
runs="${RUNS:-7}"
plugins="${PLUGINS:-286}"
size_mb="${SIZE_MB:-150}"
count="${TARGETS:-20000}"
cli="$root/warden"
work="$root/target/bench/startup"
rows=",${ROWS:-version,list,claude,add,verify,update},"
row() { [[ "$rows" == *",$1,"* ]]; }
mkdir -p "$work"
rm -rf "$work"/{homes,bin,verify,market-update,results}
mkdir -p "$work"/{homes,bin,results}
cd "$root"
WARDEN_CDS_WAIT=1 "$cli" --version >/dev/null   # builds and trains the start-up archive, outside the timing
fixture_classpath
export WARDEN_SYSTEM_DIR="$work/system"

# command NAME TEXT: an executable $work/bin/NAME running the shell TEXT (/usr/bin/time runs programs, not functions).
command_file() {
  printf '#!/usr/bin/env bash\nset -e\n%s\n' "$2" > "$work/bin/$1"
  chmod +x "$work/bin/$1"
  echo "$work/bin/$1"
}
# warden HOME: the shell text that runs the launcher with that home.
warden_in() { echo "WARDEN_HOME='$work/homes/$1' WARDEN_SYSTEM_DIR='$work/system' '$cli'"; }

# compare LABEL TARGET MEASURED_SETUP MEASURED BASELINE_SETUP BASELINE: runs both $runs times, alternating, after one
# warm-up each; prints one table row and records it in $work/results.
compare() {
  local label="$1" target="$2" ms="$3" m="$4" bs="$5" b="$6"
  measure_once "$ms" "$m" >/dev/null; measure_once "$bs" "$b" >/dev/null
  : > "$work/m.runs"; : > "$work/b.runs"
  for _ in $(seq "$runs"); do
    measure_once "$ms" "$m" >> "$work/m.runs"
    measure_once "$bs" "$b" >> "$work/b.runs"
  done
  local mt mm bt bm
  read -r mt mm < <(medians < "$work/m.runs")
  read -r bt bm < <(medians < "$work/b.runs")
  printf '| %-44s | %6d ms %5d MiB | %6d ms %5d MiB | %5.2fx | %5.2fx | %s |\n' "$label" "$mt" $((mm / 1024)) "$bt" \
    $((bm / 1024)) "$(ratio "$mt" "$bt")" "$(ratio "$mm" "$bm")" "$target" | tee -a "$work/results/table.md"
}

echo "preparing what rows ${rows:1:-1} need (several minutes on a first run)"
if row claude || row add; then
  claude_code_and_marketplace "$work" "$plugins"
fi
if row list; then
  for n in 1 500; do
    mkdir -p "$work/homes/list-$n-work"
    WARDEN_HOME="$work/homes/list-$n" java -cp "$cp" dev.warden.manager.cli.InstallMany "$work/homes/list-$n-work" "$n"
  done
fi
if row verify; then
  (export WARDEN_HOME="$work/verify/home"; large_bundle "$work/verify" "$size_mb" many)
  verify_bundle="$work/verify/bench-bench-data-1.0.0.wpk"
fi
if row update; then
  mkdir -p "$work/market-update"
  serve_many_targets "$work/market-update" "$count"
  cp "$work/market-update/timestamp.small.json" "$repo/timestamp.json"
  WARDEN_HOME="$work/homes/update-template" "$cli" marketplace add bench "$url" --yes >/dev/null
  cp "$work/market-update/timestamp.big.json" "$repo/timestamp.json"
fi
if row claude; then
  claude_home="$work/homes/claude"
  claude_in="HOME='$claude_home' '$claude'"
  rm -rf "$claude_home"; mkdir -p "$claude_home"
  eval "$(warden_in claude-market) marketplace add bench '$market' --yes" >/dev/null
  eval "$(warden_in claude-market) install unverified-bench/tool-42 --yes --allow-unverified" >/dev/null
  eval "$claude_in plugin marketplace add '$market'" >/dev/null
  eval "$claude_in plugin install tool-42@bench-market" >/dev/null
fi

echo
echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); medians of $runs runs"
echo "| command | Warden | baseline | time | memory | target |" | tee "$work/results/table.md"
echo "|---|---|---|---|---|---|" | tee -a "$work/results/table.md"
version=$(command_file version "$(warden_in empty) --version")
if row version; then
  compare "warden --version / java -version" "<= 2x" : "$version" : "$(command_file java 'java -Xshare:auto -version 2>/dev/null')"
  compare "--version with the start-up archive / WARDEN_NO_CDS=1" "-" : "$version" \
    : "$(command_file version-no-cds "WARDEN_NO_CDS=1 $(warden_in empty) --version")"
fi
if row list; then
  compare "warden list (1 installed) / --version" "-" : "$(command_file list-1 "$(warden_in list-1) list")" : "$version"
  compare "warden list (500 installed) / --version" "<= 1.2x" : "$(command_file list-500 "$(warden_in list-500) list")" : "$version"
fi
if row claude; then
  compare "list / Claude Code plugin list" "<= 0.6x, mem <= 1x" \
    : "$(command_file list-claude "$(warden_in claude-market) list")" : "$(command_file claude-list "$claude_in plugin list")"
  compare "remove + install unverified / Claude Code" "<= 1x, mem <= 1x" \
    : "$(command_file reinstall "$(warden_in claude-market) remove unverified-bench/tool-42 >/dev/null
    $(warden_in claude-market) install unverified-bench/tool-42 --yes --allow-unverified")" \
    : "$(command_file claude-reinstall "$claude_in plugin uninstall tool-42@bench-market >/dev/null
    $claude_in plugin install tool-42@bench-market")"
fi
if row add; then
  compare "marketplace add ($plugins plugins, git) / Claude Code" "<= 1x, mem <= 1x" \
    "rm -rf '$work/homes/add'" "$(command_file add "$(warden_in add) marketplace add bench '$market' --yes")" \
    "rm -rf '$work/homes/claude-add'; mkdir -p '$work/homes/claude-add'" \
    "$(command_file claude-add "HOME='$work/homes/claude-add' '$claude' plugin marketplace add '$market'")"
fi
if row verify; then
  compare "verify ${size_mb} MB bundle / unzip -p | sha256sum" "<= 0.9x" \
    : "$(command_file verify "WARDEN_HOME='$work/verify/home' '$cli' verify '$verify_bundle'")" \
    : "$(command_file unzip "unzip -p '$verify_bundle' | sha256sum")"
fi
if row update; then
  compare "marketplace update ($count targets) / curl + sha256sum" "<= 5x (3x)" \
    "rm -rf '$work/homes/update'; cp -r '$work/homes/update-template' '$work/homes/update'" \
    "$(command_file update "$(warden_in update) marketplace update bench")" \
    : "$(command_file curl "$(declare -f fetch_and_hash); url='$url' snapshot='$snapshot' targets='$targets' fetch_and_hash '$work/curl'")"
fi
echo "(the table is also in $work/results/table.md)"
