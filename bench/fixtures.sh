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
