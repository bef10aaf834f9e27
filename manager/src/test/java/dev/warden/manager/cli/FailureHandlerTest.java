package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.state.StateException;
import dev.warden.manager.host.ToolCallException;
import dev.warden.manager.imports.ClaudeImportException;
import dev.warden.manager.lifecycle.RefusalException;
import dev.warden.manager.sandbox.IsolationRefusedException;
import dev.warden.registry.git.MarketplaceException;
import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.BundleException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.nio.file.NoSuchFileException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Warden failure ends a command with the exit code of its category (DESIGN §7), whatever its type. */
class FailureHandlerTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new BundleException(Failure.CONTENT_MISMATCH, "x"), ExitCode.INTEGRITY),
                Arguments.of(new BundleException(Failure.UNKNOWN_KEY, "x"), ExitCode.REFUSED),
                Arguments.of(new BundleException(Failure.IO, "x"), ExitCode.ERROR),
                Arguments.of(new MarketplaceException(MarketplaceException.Kind.REFUSED, "x"), ExitCode.REFUSED),
                Arguments.of(new MarketplaceException(MarketplaceException.Kind.INTEGRITY, "x"), ExitCode.INTEGRITY),
                Arguments.of(new MarketplaceException(MarketplaceException.Kind.ERROR, "x"), ExitCode.ERROR),
                Arguments.of(ClaudeImportException.refusal("x"), ExitCode.REFUSED),
                Arguments.of(new ClaudeImportException("x"), ExitCode.ERROR),
                Arguments.of(new ToolCallException(ToolCallException.Reason.BAD_INPUT, "x"), ExitCode.USAGE),
                Arguments.of(new ToolCallException(ToolCallException.Reason.QUARANTINED, "x"), ExitCode.REFUSED),
                Arguments.of(new ToolCallException(ToolCallException.Reason.TIMED_OUT, "x"), ExitCode.ERROR),
                Arguments.of(new RefusalException("x"), ExitCode.REFUSED),
                Arguments.of(new IsolationRefusedException("x"), ExitCode.REFUSED),
                Arguments.of(new StateException("x"), ExitCode.ERROR),
                Arguments.of(CommandException.usage("x"), ExitCode.USAGE),
                Arguments.of(new IllegalStateException("x"), ExitCode.ERROR));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void aFailureExitsWithTheCodeOfItsCategory(Exception failure, int exitCode) {
        assertThat(FailureHandler.exitCode(failure)).isEqualTo(exitCode);
    }

    @Test
    void aWardenFailureIsShownByItsMessageAndAnythingElseAsUnexpected() {
        assertThat(FailureHandler.message(new StateException("state.json is damaged; restore it")))
                .isEqualTo("state.json is damaged; restore it");
        assertThat(FailureHandler.message(new UncheckedIOException(new NoSuchFileException("/x/plugin.json"))))
                .isEqualTo("/x/plugin.json: no such file or folder");
        assertThat(FailureHandler.message(new IllegalStateException("boom")))
                .isEqualTo("unexpected failure: java.lang.IllegalStateException: boom");
    }

    @Test
    void aCommandLinePicocliCannotParseExitsAsUsageWithAPointerToTheHelp() {
        StringWriter err = new StringWriter();
        int code = WardenMain.run(Map.of("WARDEN_HOME", "/nonexistent/warden-home"), new PrintWriter(new StringWriter()),
                new PrintWriter(err), "install", "--no-such-option", "x");
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--no-such-option").contains("Run 'warden install --help' for usage.");
    }
}
