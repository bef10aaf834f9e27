package dev.warden.manager.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands the way a person types them into a terminal: in a folder, with an environment of its own and
 * nothing inherited, recording what they print (both streams, in order) and how long they took. A command
 * still running at its deadline is killed with everything it started.
 */
public final class Shell {

    /** What one command did; {@code exitCode} is -1 when it was killed at its deadline. */
    public record Result(String command, int exitCode, String output, Duration took) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        /** The command, its exit and its output, for an assertion's description. */
        public String describe() {
            return "$ " + command + "\n(exit " + exitCode + " after " + took.toMillis() + " ms)\n" + output;
        }
    }

    private final Path folder;
    private final Map<String, String> env;

    /**
     * @param folder the current folder of every command
     * @param env    the whole environment of every command
     */
    public Shell(Path folder, Map<String, String> env) {
        this.folder = folder;
        this.env = Map.copyOf(env);
    }

    /** Runs {@code line} with {@code bash -c}, as typed. */
    public Result run(String line, Duration deadline) throws IOException, InterruptedException {
        return exec(List.of("bash", "-c", line), line, deadline);
    }

    /** Runs a program with its arguments, no shell in between. */
    public Result exec(List<String> command, Duration deadline) throws IOException, InterruptedException {
        return exec(command, String.join(" ", command), deadline);
    }

    private Result exec(List<String> command, String shown, Duration deadline) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        boolean finished = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String printed = output.completeOnTimeout("(output not read)", 10, TimeUnit.SECONDS).join();
        return new Result(shown, finished ? process.exitValue() : -1,
                finished ? printed : printed + "\n(killed after " + deadline.toSeconds() + " s)", took);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
