# Sourced by the benchmark scripts. fixture_classpath [GROUP/ARTIFACT...] builds the command line and the test
# fixtures, and sets $cp to the class path that runs a fixture: the test classes, Warden's jar and libraries, the
# Maven artifacts named (paths under ~/.m2/repository), and JUnit's and AssertJ's, which the fixtures' helpers
# use. Needs $root (the repository).
fixture_classpath() {
  "$root/warden" --version >/dev/null
  mvn -q -B -o test-compile -pl manager >/dev/null 2>&1 || mvn -q -B test-compile -pl manager
  cp="$root/manager/target/test-classes:$root/manager/target/warden.jar:$root/manager/target/lib/*"
  local jar
  for jar in "$@" org/junit/jupiter/junit-jupiter-api org/opentest4j/opentest4j org/assertj/assertj-core; do
    cp="$cp:$(ls "$HOME"/.m2/repository/$jar/*/*.jar | grep -v -- '-sources' | tail -1)"
  done
}
