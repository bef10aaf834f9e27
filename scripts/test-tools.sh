#!/usr/bin/env bash
# Installs the programs some tests drive, from npm, into .tools/ at the repository root (gitignored):
# Claude Code, whose CLI tests use to prove a plugin folder installs there unchanged. Quick when already there.
# Tests that need a tool skip with a message naming this script when it is missing, unless CI is set.
# Usage: scripts/test-tools.sh. Needs node and npm.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
claude_version="2.1.331"

installed_version() { # PACKAGE: the version in .tools, or nothing
  local manifest="$tools/node_modules/$1/package.json"
  [[ -f "$manifest" ]] && node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true
}

if [[ "$(installed_version @anthropic-ai/claude-code)" == "$claude_version" && -x "$tools/node_modules/.bin/claude" ]]; then
  exit 0
fi
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "test-tools: $tool is needed and missing" >&2; exit 1; }
done
echo "installing Claude Code $claude_version from npm into .tools/..."
mkdir -p "$tools"
[[ -f "$tools/package.json" ]] || echo '{"private": true}' > "$tools/package.json"
(cd "$tools" && npm install --silent --no-audit --no-fund --save-exact "@anthropic-ai/claude-code@$claude_version" >/dev/null)
"$tools/node_modules/.bin/claude" --version
