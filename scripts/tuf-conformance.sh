#!/usr/bin/env bash
# Runs the public TUF conformance suite (github.com/theupdateframework/tuf-conformance) against
# `warden tuf-client`, and prints how many tests passed and failed.
# Usage: scripts/tuf-conformance.sh SUITE_DIR [PYTEST_ARGS...]
#   SUITE_DIR    a checkout of tuf-conformance. Its Python dependencies must be importable: either run
#                `make dev` in it first (this script then uses SUITE_DIR/env/bin/python), or install them
#                into the python3 on PATH (`pip install -e SUITE_DIR`). PYTHON=/path/to/python overrides both.
#   PYTEST_ARGS  passed to pytest, e.g. -k delegation, or --repository-dump-dir /tmp/repos to debug a test.
# Needs faketime (the suite shifts the clock with it), a JDK 17+ and Maven (./warden builds on first use).
# The JUnit report goes to target/tuf-conformance/report.xml. Exit status: pytest's (0 when all passed).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
suite="$(cd "${1:?usage: scripts/tuf-conformance.sh SUITE_DIR [PYTEST_ARGS...]}" && pwd -P)"
shift

[ -d "$suite/tuf_conformance" ] || { echo "tuf-conformance: $suite has no tuf_conformance/ folder; give a checkout of the suite" >&2; exit 2; }
command -v faketime >/dev/null || { echo "tuf-conformance: faketime is not on PATH (e.g. apt-get install faketime)" >&2; exit 2; }
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x "$suite/env/bin/python" ]; then python="$suite/env/bin/python"; else python="$(command -v python3)"; fi
fi
"$python" -c 'import pytest, tuf, securesystemslib' 2>/dev/null \
  || { echo "tuf-conformance: $python cannot import pytest, tuf and securesystemslib; run 'make dev' in $suite" >&2; exit 2; }

# Build (or rebuild) through the launcher once, so that no test pays for it.
"$root/warden" --version >/dev/null
jar="$root/manager/target/warden.jar"

out="$root/target/tuf-conformance"
mkdir -p "$out"
# The suite splits the entrypoint on spaces and runs it under faketime (`faketime -f +Nd CMD`, or an
# absolute start time in newer suite versions) for the expiry tests. libfaketime shifts both the wall
# clock, which Warden judges expiry by, and the JVM's monotonic clock by the same offset, which keeps
# timed waits right. Do not set FAKETIME_DONT_FAKE_MONOTONIC=1: with libfaketime 0.9.10 (Debian 12) it
# makes every JVM start take 5-9 s instead of under 1 s.
entry="$out/warden-tuf-client"
cat > "$entry" <<ENTRY
#!/usr/bin/env bash
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$jar" tuf-client "\$@"
ENTRY
chmod +x "$entry"
case "$entry" in *" "*) echo "tuf-conformance: the suite cannot run an entrypoint whose path has spaces: $entry" >&2; exit 2;; esac

rm -f "$out/report.xml"
status=0
(cd "$suite" && "$python" -m pytest tuf_conformance --entrypoint "$entry" -p no:cacheprovider -q \
    --junitxml="$out/report.xml" "$@") || status=$?

if [ ! -s "$out/report.xml" ]; then
  echo "tuf-conformance: pytest wrote no report (exit status $status); its output above says why" >&2
  exit "$status"
fi
"$python" - "$out/report.xml" <<'COUNT'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
total = sum(int(s.get("tests", 0)) for s in suites)
failed = sum(int(s.get("failures", 0)) for s in suites)
errors = sum(int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print(f"tuf-conformance: {total - failed - errors - skipped} passed, {failed} failed, {errors} errors, "
      f"{skipped} skipped, of {total}")
for case in root.iter("testcase"):
    if case.find("failure") is not None or case.find("error") is not None:
        print(f"  not passed: {case.get('classname')}::{case.get('name')}")
COUNT
exit "$status"
