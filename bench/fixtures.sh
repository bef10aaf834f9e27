# Sourced by the benchmark scripts (`. "$(dirname "$0")/fixtures.sh"`): sets $root to the repository and defines
# what the scripts share: their work folder, the fixtures' class path, timing, medians and ratios.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

# bench_work NAME [SUBFOLDER...]: sets $work to target/bench/NAME, emptied, with the subfolders named made in it.
bench_work() {
  work="$root/target/bench/$1"
  shift
  rm -rf "$work"
  mkdir -p "$work" "${@/#/$work/}"
}

# fixture_classpath [GROUP/ARTIFACT...] builds the command line and the test fixtures, and sets $cp to the class
# path that runs a fixture: the test classes, Warden's jar and libraries, the Maven artifacts named (paths under
# ~/.m2/repository), and JUnit's and AssertJ's, which the fixtures' helpers use.
fixture_classpath() {
  "$root/warden" --version >/dev/null
  mvn -q -B -o test-compile -pl manager >/dev/null 2>&1 || mvn -q -B test-compile -pl manager
  cp="$root/manager/target/test-classes:$root/manager/target/warden.jar:$root/manager/target/lib/*"
  local jar
  for jar in "$@" org/junit/jupiter/junit-jupiter-api org/opentest4j/opentest4j org/assertj/assertj-core; do
    cp="$cp:$(ls "$HOME"/.m2/repository/$jar/*/*.jar | grep -v -- '-sources' | tail -1)"
  done
}

# jmh_ratio BENCHMARK SECONDS BASELINE MEASURED TARGET: runs the JMH benchmark class with $forks forks, 3 warm-up and
# $iterations measured iterations of SECONDS each, results in $work/result.csv; prints its lines and the ratio of
# the method MEASURED to the method BASELINE, followed by TARGET.
jmh_ratio() {
  local benchmark="$1" seconds="$2" baseline="$3" measured="$4" target="$5"
  fixture_classpath org/openjdk/jmh/jmh-core net/sf/jopt-simple/jopt-simple org/apache/commons/commons-math3
  java -cp "$cp" org.openjdk.jmh.Main "$benchmark" -f "$forks" -wi 3 -w "${seconds}s" -i "$iterations" -r "${seconds}s" \
    -rf csv -rff "$work/result.csv" | grep -E "^(Benchmark|$benchmark)"
  echo "ratio $(ratio "$(awk -F, "/$measured/ {print \$5}" "$work/result.csv")" \
    "$(awk -F, "/$baseline/ {print \$5}" "$work/result.csv")")x   ($target)"
}

now_ns() { date +%s%N; }

# elapsed_ms COMMAND...: runs it, its standard output discarded, and prints its wall time in ms.
elapsed_ms() {
  local start end
  start=$(now_ns); "$@" >/dev/null; end=$(now_ns)
  echo $(( (end - start) / 1000000 ))
}

# median: the median of the numbers on standard input, one a line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# ratio A B: A / B to two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# measure_once SETUP COMMAND...: "MS PEAK_KIB" of one run of COMMAND, timed whole and measured by
# /usr/bin/time -f %M; SETUP (shell text) runs before, untimed. Needs $work; a failing COMMAND stops the script.
measure_once() {
  local setup="$1" start end; shift
  eval "$setup"
  start=$(now_ns)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/err" || { echo "bench: '$*' failed:" >&2; cat "$work/err" >&2; exit 1; }
  end=$(now_ns)
  echo "$(( (end - start) / 1000000 )) $(tail -1 "$work/rss")"
}

# medians: "MEDIAN_MS MEDIAN_PEAK_KIB" of the "MS PEAK_KIB" lines on standard input.
medians() {
  local lines; lines=$(cat)
  echo "$(cut -d' ' -f1 <<<"$lines" | median) $(cut -d' ' -f2 <<<"$lines" | median)"
}

# time_and_memory SETUP COMMAND...: "MEDIAN_MS MEDIAN_PEAK_KIB" of COMMAND over $runs runs (measure_once) after a
# warm-up.
time_and_memory() {
  local setup="$1"; shift
  eval "$setup"; "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    measure_once "$setup" "$@"
  done | medians
}

# claude_code_and_marketplace DIR PLUGINS: sets $claude to Claude Code's command line, installed from npm
# (@anthropic-ai/claude-code, version CLAUDE_VERSION, default 2.1.331) into DIR/npm once, and $market to a local git
# marketplace of PLUGINS generated Claude plugins in DIR/market (each with a skill, a sub-agent and, for every
# third, a .mcp.json), made once. Needs git, node and npm.
claude_code_and_marketplace() {
  local dir="$1" plugins="$2" i name entries="" plugin
  for tool in git node npm /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is needed and missing" >&2; exit 1; }
  done
  claude="$dir/npm/node_modules/.bin/claude"
  if [[ ! -x "$claude" ]]; then
    echo "installing Claude Code ${CLAUDE_VERSION:-2.1.331} from npm..."
    mkdir -p "$dir/npm" && (cd "$dir/npm" && npm install --silent "@anthropic-ai/claude-code@${CLAUDE_VERSION:-2.1.331}" >/dev/null)
  fi
  market="$dir/market"
  if [[ ! -d "$market/.git" ]]; then
    echo "generating a git marketplace of $plugins plugins..."
    rm -rf "$market"; mkdir -p "$market/.claude-plugin"
    for i in $(seq 1 "$plugins"); do
      name="tool-$i"; plugin="$market/plugins/$name"
      mkdir -p "$plugin/.claude-plugin" "$plugin/skills/use-$name" "$plugin/agents"
      printf '{"name": "%s", "version": "1.0.%d", "description": "Tool number %d"}\n' "$name" "$i" "$i" > "$plugin/.claude-plugin/plugin.json"
      printf -- '---\nname: use-%s\ndescription: Use tool %d when asked about topic %d\n---\n\nDo the thing %d.\n' "$name" "$i" "$i" "$i" > "$plugin/skills/use-$name/SKILL.md"
      printf -- '---\nname: helper-%d\ndescription: Helps with topic %d\ntools: Read\n---\n\nYou help.\n' "$i" "$i" > "$plugin/agents/helper.md"
      if (( i % 3 == 0 )); then
        printf '{"mcpServers": {"remote-%d": {"type": "http", "url": "https://mcp%d.example.com/mcp"}}}\n' "$i" "$i" > "$plugin/.mcp.json"
      fi
      entries+="${entries:+,}{\"name\": \"$name\", \"source\": \"./plugins/$name\", \"description\": \"Tool number $i\", \"version\": \"1.0.$i\"}"
    done
    printf '{"name": "bench-market", "owner": {"name": "Bench"}, "plugins": [%s]}\n' "$entries" > "$market/.claude-plugin/marketplace.json"
    (cd "$market" && git init -q -b main && git add -A && git -c user.name=b -c user.email=b@example.test commit -q -m market)
  fi
}

# large_bundle DIR SIZE_MB LAYOUT: sets $bundle to a signed bundle of about SIZE_MB made in DIR (sources in DIR/src,
# keys in DIR/keys) and trusts its key in $WARDEN_HOME; prints how long `warden pack` took. LAYOUT many: 40 files,
# half random bytes (incompressible), half base64 text (compresses about 4:3), like a plugin with jars and data next
# to text. LAYOUT one: a single file of 1 MiB blocks of base64 text and random bytes in turn (text first: pack stores
# a file whose first 128 KiB do not compress). Uses $cli (the launcher) and needs unzip.
large_bundle() {
  local dir="$1" size_mb="$2" layout="$3" mib=$(( 1024 * 1024 )) i per_file pack_start pack_ms
  command -v unzip >/dev/null || { echo "bench: needs unzip (apt-get install unzip)" >&2; exit 1; }
  mkdir -p "$dir/src/assets"
  if [ "$layout" = many ]; then
    per_file=$(( size_mb * mib / 40 ))
    for i in $(seq -w 1 40); do
      if (( 10#$i % 2 )); then
        head -c "$per_file" /dev/urandom > "$dir/src/assets/blob-$i.bin"
      else
        head -c $(( per_file * 3 / 4 )) /dev/urandom | base64 -w 120 > "$dir/src/assets/text-$i.txt"
      fi
    done
  else
    for (( i = 0; i < size_mb; i++ )); do
      if (( i % 2 )); then
        head -c "$mib" /dev/urandom
      else
        head -c $(( mib / 121 * 90 )) /dev/urandom | base64 -w 120   # just under 1 MiB of 121-byte lines
      fi
    done > "$dir/src/assets/mixed.dat"
  fi
  cat > "$dir/src/plugin.json" <<'JSON'
{ "name": "bench-data", "version": "1.0.0", "publisher": "bench",
  "description": "A large bundle for the verify benchmark",
  "permissions": [ { "kind": "net.egress", "scope": "https://api.example.com", "reason": "benchmark" } ] }
JSON
  bundle="$dir/bench-bench-data-1.0.0.wpk"
  "$cli" keys generate --publisher bench --out "$dir/keys" >/dev/null
  pack_start=$(now_ns)
  "$cli" pack "$dir/src" --out "$bundle" >/dev/null
  pack_ms=$(( ($(now_ns) - pack_start) / 1000000 ))
  "$cli" sign "$bundle" --key "$dir/keys/bench.key" >/dev/null
  "$cli" trust add "$dir/keys/bench.pub.json" --yes >/dev/null
  echo "layout $layout: bundle $(du -m "$bundle" | cut -f1) MB, $(unzip -Z1 "$bundle" | wc -l) entries; pack took ${pack_ms} ms"
  "$cli" verify "$bundle" >/dev/null || { echo "bench: verify failed" >&2; exit 1; }
}

# serve_many_targets DIR COUNT: builds a static signed repository with COUNT targets in DIR/repo (fixture ManyTargets;
# needs $cp from fixture_classpath), serves it over http on 127.0.0.1 (python3; stopped when the script exits) and
# sets $url, $snapshot and $targets (the names of the big state's files). DIR/timestamp.small.json and
# DIR/timestamp.big.json switch the served state (copy one to $repo/timestamp.json). Needs python3 and curl.
serve_many_targets() {
  local dir="$1" count="$2" port
  for tool in python3 curl sha256sum; do
    command -v "$tool" >/dev/null || { echo "bench: needs $tool on PATH (python3 serves the repository; curl and sha256sum are the baseline)" >&2; exit 1; }
  done
  echo "building a signed repository with $count targets..."
  WARDEN_HOME="$dir/fixture-home" java -cp "$cp" dev.warden.manager.cli.ManyTargets "$dir" "$count"
  repo="$dir/repo"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  python3 -m http.server --bind 127.0.0.1 "$port" --directory "$repo" >"$dir/http.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true' EXIT
  url="http://127.0.0.1:$port/"
  for _ in $(seq 50); do curl -sf -o /dev/null "${url}root.json" && break; sleep 0.1; done
  curl -sf -o /dev/null "${url}root.json" || { echo "bench: the http server on port $port did not start; see $dir/http.log" >&2; exit 1; }
  snapshot=$(python3 -c 'import json, sys; print("%d.snapshot.json" % json.load(open(sys.argv[1]))["signed"]["meta"]["snapshot.json"]["version"])' "$dir/timestamp.big.json")
  targets=$(python3 -c 'import json, sys; print("%d.targets.json" % json.load(open(sys.argv[1]))["signed"]["meta"]["targets.json"]["version"])' "$repo/$snapshot")
}

# fetch_and_hash DIR: the baseline of `marketplace update`: one curl of root.json, timestamp.json and the snapshot and
# targets files served at $url into DIR (emptied first), then sha256sum of them.
fetch_and_hash() {
  rm -rf "$1"; mkdir -p "$1"
  curl -sf -o "$1/root.json" "${url}root.json" -o "$1/timestamp.json" "${url}timestamp.json" \
       -o "$1/$snapshot" "${url}$snapshot" -o "$1/$targets" "${url}$targets" \
    && (cd "$1" && sha256sum root.json timestamp.json "$snapshot" "$targets")
}
