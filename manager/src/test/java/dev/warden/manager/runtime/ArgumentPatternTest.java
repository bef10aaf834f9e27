package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the argument pattern of a process.exec scope matches a request's arguments. */
class ArgumentPatternTest {

    private static boolean matches(String pattern, String... args) {
        return ArgumentPattern.parse(pattern).matches(List.of(args));
    }

    @Test
    void aLastStarAllowsAnyNumberOfFurtherArgumentsNoneIncluded() {
        assertThat(matches("status *", "status")).isTrue();
        assertThat(matches("status *", "status", "--short", "-b")).isTrue();
        assertThat(matches("status *")).isFalse();
        assertThat(matches("status *", "push", "status")).isFalse();
        assertThat(matches("status *", "-c", "core.pager=sh", "status")).isFalse();
    }

    @Test
    void otherWordsMatchExactlyOneArgumentEach() {
        assertThat(matches("log -n ?", "log", "-n", "5")).isTrue();
        assertThat(matches("log -n ?", "log", "-n", "50")).isFalse();
        assertThat(matches("log -n ?", "log", "-n", "5", "--all")).isFalse();
        assertThat(matches("log -n ?", "log", "-n")).isFalse();
        assertThat(matches("* --version", "node", "--version")).isTrue();
        assertThat(matches("* --version", "--version")).isFalse();
    }

    @Test
    void wildcardsInsideAWordStayInsideItsArgument() {
        assertThat(matches("--format=*", "--format=json")).isTrue();
        assertThat(matches("--format=*", "--format=json", "extra")).isFalse();
        assertThat(matches("--format=*", "--output=x")).isFalse();
        assertThat(matches("report-?.csv", "report-1.csv")).isTrue();
    }

    @Test
    void argumentsAreComparedLiterallyCaseIncluded() {
        assertThat(matches("status", "STATUS")).isFalse();
        assertThat(matches("status", "status ")).isFalse();
        assertThat(matches("a b", "a b")).isFalse();
    }

    @Test
    void repeatedSpacesSeparateWordsLikeOne() {
        assertThat(ArgumentPattern.parse("status   --short").words()).containsExactly("status", "--short");
    }
}
