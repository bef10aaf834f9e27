package dev.warden.signing.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs another implementation of a format (a Python script) for interoperability tests. */
public final class Processes {

    private Processes() {
    }

    /** How a command ended: its exit code (-1 when it could not start) and what it printed. */
    public record Result(int exit, String output) {
    }

    /** Runs {@code command} to its end (at most a minute), stderr merged into the output. */
    public static Result run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
