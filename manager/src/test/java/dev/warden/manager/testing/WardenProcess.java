package dev.warden.manager.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the warden command line as a separate JVM, the way a person or script runs it. */
public final class WardenProcess {

    private WardenProcess() {
    }

    /** Starts warden with {@code args}; standard output and error go to {@code log}. */
    public static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        return builder(env, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts warden with {@code args}, its standard input and output piped to this JVM; standard error goes to {@code log}. */
    public static Process startPiped(Map<String, String> env, Path log, String... args) throws IOException {
        return builder(env, args).redirectError(log.toFile()).start();
    }

    private static ProcessBuilder builder(Map<String, String> env, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        builder.environment().putAll(env);
        return builder;
    }

    /** The command line that runs {@code warden ARGS} in a JVM of its own, for a program that starts it itself. */
    public static List<String> command(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "dev.warden.manager.cli.WardenMain"));
        command.addAll(List.of(args));
        return command;
    }
}
