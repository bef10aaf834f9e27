#!/usr/bin/env bash
# Benchmark: Warden next to Claude Code's plugin CLI on the same local git marketplace (PERFORMANCE.md:
# `marketplace add`, `install` of an unverified plugin, and `list`, each <= 1.0x and no more peak memory).
# The marketplace is generated: PLUGINS Claude plugins (default 286, the size of the official one), each
# with a skill, a sub-agent and, for every third, a .mcp.json. Claude Code comes from npm
# (@anthropic-ai/claude-code, version CLAUDE_VERSION, default 2.1.331) into target/bench/claude-compare/.
# Usage: bench/claude-compare.sh [PLUGINS] [RUNS]. Needs git, node and npm.
set -euo pipefail
. "$(dirname "$0")/fixtures.sh"
plugins="${1:-286}"
runs="${2:-5}"
work="$root/target/bench/claude-compare"
mkdir -p "$work"
cd "$root"
"$root/warden" --version >/dev/null

claude_code_and_marketplace "$work" "$plugins"

report() { # LABEL WARDEN CLAUDE
  read -r wt wm <<<"$2"; read -r ct cm <<<"$3"
  printf '%-20s warden %5d ms %4d MiB | claude %5d ms %4d MiB | time %.2fx, memory %.2fx (target <= 1.0x each)\n' \
    "$1" "$wt" $((wm / 1024)) "$ct" $((cm / 1024)) "$(awk -v a="$wt" -v b="$ct" 'BEGIN{print a/b}')" "$(awk -v a="$wm" -v b="$cm" 'BEGIN{print a/b}')"
}

wh="$work/warden-home"; ch="$work/claude-home"
# /usr/bin/time runs programs, not shell functions: one small wrapper per tool, each with its own home.
printf '#!/usr/bin/env bash\nWARDEN_HOME="%s" WARDEN_SYSTEM_DIR="%s" exec "%s" "$@"\n' "$wh" "$work/system" "$root/warden" > "$work/w"
printf '#!/usr/bin/env bash\nHOME="%s" exec "%s" "$@"\n' "$ch" "$claude" > "$work/c"
chmod +x "$work/w" "$work/c"
w="$work/w"; c="$work/c"

add_w=$(time_and_memory 'rm -rf "$wh"' "$w" marketplace add bench "$market" --yes)
add_c=$(time_and_memory 'rm -rf "$ch"; mkdir -p "$ch"' "$c" plugin marketplace add "$market")
report "marketplace add" "$add_w" "$add_c"

install_w=$(time_and_memory '"$w" remove unverified-bench/tool-42 >/dev/null 2>&1 || true' "$w" install unverified-bench/tool-42 --yes --allow-unverified)
install_c=$(time_and_memory '"$c" plugin uninstall tool-42@bench-market >/dev/null 2>&1 || true' "$c" plugin install tool-42@bench-market)
report "install (unverified)" "$install_w" "$install_c"

list_w=$(time_and_memory ':' "$w" list)
list_c=$(time_and_memory ':' "$c" plugin list)
report "list" "$list_w" "$list_c"
