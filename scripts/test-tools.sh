#!/usr/bin/env bash
# Installs the programs some tests drive, from npm, into .tools/ at the repository root (gitignored): Claude Code,
# whose CLI tests use to prove a plugin folder installs there unchanged, and the official MCP clients the gateway
# tests connect with (the TypeScript SDK's client and the MCP Inspector's CLI), and the MCPB CLI that builds Claude
# Desktop extension bundles. Quick when already there.
# Tests that need a tool skip with a message naming this script when it is missing, unless CI is set.
# Usage: scripts/test-tools.sh. Needs node and npm.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
claude_version="2.1.331"
mcp_sdk_version="1.32.2"
# The Inspector asks for node 22 in its engines field; its CLI runs on node 20, which the tests that use it prove.
inspector_version="2.12.0"
# MCPB (Claude Desktop extensions): the tests build, pack and sign bundles with its CLI.
mcpb_version="2.1.2"
packages=("@anthropic-ai/claude-code@$claude_version" "@modelcontextprotocol/sdk@$mcp_sdk_version"
  "@modelcontextprotocol/inspector@$inspector_version" "@anthropic-ai/mcpb@$mcpb_version")
binaries=(claude mcp-inspector mcpb)

installed_version() { # PACKAGE: the version in .tools, or nothing
  local manifest="$tools/node_modules/$1/package.json"
  [[ -f "$manifest" ]] && node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true
}

missing=()
for package in "${packages[@]}"; do
  [[ "$(installed_version "${package%@*}")" == "${package##*@}" ]] || missing+=("$package")
done
for binary in "${binaries[@]}"; do
  [[ -x "$tools/node_modules/.bin/$binary" ]] || missing+=("$binary")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "test-tools: $tool is needed and missing" >&2; exit 1; }
done
echo "installing ${packages[*]} from npm into .tools/..."
mkdir -p "$tools"
[[ -f "$tools/package.json" ]] || echo '{"private": true}' > "$tools/package.json"
(cd "$tools" && npm install --silent --no-audit --no-fund --engine-strict=false --save-exact "${packages[@]}" >/dev/null)
"$tools/node_modules/.bin/claude" --version
echo "MCP Inspector $("$tools/node_modules/.bin/mcp-inspector" --version)"
