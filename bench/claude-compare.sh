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
for tool in git node npm /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed and missing" >&2; exit 1; }
done
mkdir -p "$work"
cd "$root"
"$root/warden" --version >/dev/null

claude="$work/npm/node_modules/.bin/claude"
if [[ ! -x "$claude" ]]; then
  echo "installing Claude Code ${CLAUDE_VERSION:-2.1.331} from npm..."
  mkdir -p "$work/npm" && (cd "$work/npm" && npm install --silent "@anthropic-ai/claude-code@${CLAUDE_VERSION:-2.1.331}" >/dev/null)
fi

market="$work/market"
if [[ ! -d "$market/.git" ]]; then
  echo "generating a git marketplace of $plugins plugins..."
  rm -rf "$market"; mkdir -p "$market/.claude-plugin"
  entries=""
  for i in $(seq 1 "$plugins"); do
    name="tool-$i"; dir="$market/plugins/$name"
    mkdir -p "$dir/.claude-plugin" "$dir/skills/use-$name" "$dir/agents"
    printf '{"name": "%s", "version": "1.0.%d", "description": "Tool number %d"}\n' "$name" "$i" "$i" > "$dir/.claude-plugin/plugin.json"
    printf -- '---\nname: use-%s\ndescription: Use tool %d when asked about topic %d\n---\n\nDo the thing %d.\n' "$name" "$i" "$i" "$i" > "$dir/skills/use-$name/SKILL.md"
    printf -- '---\nname: helper-%d\ndescription: Helps with topic %d\ntools: Read\n---\n\nYou help.\n' "$i" "$i" > "$dir/agents/helper.md"
    if (( i % 3 == 0 )); then
      printf '{"mcpServers": {"remote-%d": {"type": "http", "url": "https://mcp%d.example.com/mcp"}}}\n' "$i" "$i" > "$dir/.mcp.json"
    fi
    entries+="${entries:+,}{\"name\": \"$name\", \"source\": \"./plugins/$name\", \"description\": \"Tool number $i\", \"version\": \"1.0.$i\"}"
  done
  printf '{"name": "bench-market", "owner": {"name": "Bench"}, "plugins": [%s]}\n' "$entries" > "$market/.claude-plugin/marketplace.json"
  (cd "$market" && git init -q -b main && git add -A && git -c user.name=b -c user.email=b@example.test commit -q -m market)
fi

# time_and_memory LABEL SETUP COMMAND...: median wall ms and median peak RSS (KiB) over RUNS runs after a warm-up;
# SETUP runs before each run, untimed.
time_and_memory() {
  local setup="$1"; shift
  local times=() mems=()
  eval "$setup"; "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    eval "$setup"
    local start end
    start=$(now_ns)
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/err" || { echo "bench: '$*' failed:" >&2; cat "$work/err" >&2; exit 1; }
    end=$(now_ns)
    times+=($(( (end - start) / 1000000 ))); mems+=("$(tail -1 "$work/rss")")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${mems[@]}" | median)"
}
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
