#!/usr/bin/env bash
# Fuzzes every parser that reads untrusted bytes -- the *FuzzTest classes: bundles, plugin.json, SKILL.md
# front matter, policy files, marketplace.json, TUF metadata, MCP Registry pages, the plugin-host wire and
# the gateway's JSON-RPC lines -- for SECONDS each (default 60), one JVM per target, and reports findings.
# Usage: scripts/fuzz.sh [SECONDS] [MAVEN_OPTIONS...]
#   e.g. scripts/fuzz.sh 120            every target for two minutes (about 20 minutes in all)
#        scripts/fuzz.sh 30 -o -Dfuzz.test=BundleFuzzTest   one target, Maven offline
# A finding is an exception other than the parser's documented error type, an input taking over 10 s
# (a hang), or a parser running out of the fuzzing JVM's 512 MiB heap. Each finding's input is written to
# MODULE/target/fuzz/ (crash-*, timeout-*; Crash_*.java reproduces it); copy it into a named regression test.
# The corpus Jazzer grows is kept in MODULE/target/fuzz/.cifuzz-corpus between runs of this script.
# Exit status: 0 when no target found anything, 1 otherwise.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
seconds="${1:-60}"
[ $# -gt 0 ] && shift
case "$seconds" in
  ''|*[!0-9]*|0) echo "fuzz: SECONDS must be a positive whole number, not '$seconds'" >&2; exit 2 ;;
esac
modules=signing,catalog,registry-client,manager
cd "$root"

# Only this run's results: earlier reports and findings would be counted again.
for module in ${modules//,/ }; do
  rm -f "$module"/target/surefire-reports/*FuzzTest.{txt,xml} "$module"/target/fuzz/{crash,timeout,oom,leak}-* \
        "$module"/target/fuzz/Crash_*.java
done
mkdir -p target
log=target/fuzz.log
echo "fuzz: every target for ${seconds} s; Maven's output goes to $log"
mvn -B -Pfuzz -pl "$modules" -am test -Djazzer.max_duration="${seconds}s" -Dmaven.test.failure.ignore=true \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" >"$log" 2>&1
status=$?

passed=0
failed=0
shopt -s nullglob
for module in ${modules//,/ }; do
  for report in "$module"/target/surefire-reports/TEST-*FuzzTest.xml; do
    target="$(basename "$report" .xml)"; target="${target#TEST-}"
    if grep -q '<failure\|<error' "$report"; then
      failed=$((failed + 1))
      echo "FINDING  $target ($module): $(grep -o -m1 'message="[^"]*"' "$report" | head -c 300)"
    else
      passed=$((passed + 1))
      echo "ok       $target ($module): no finding in ${seconds} s"
    fi
  done
  for input in "$module"/target/fuzz/{crash,timeout,oom}-*; do
    echo "input    $input"
  done
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "fuzz: Maven failed before the targets ran; see $log" >&2
  tail -20 "$log" >&2
  exit 1
fi
if [ $((passed + failed)) -eq 0 ]; then
  echo "fuzz: no fuzz target ran; see $log" >&2
  exit 1
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
