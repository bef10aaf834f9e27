package dev.warden.manager.runtime;

import dev.warden.api.capability.CapabilityException;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.home.WardenHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * PERFORMANCE.md: a granted {@code Files.read} of 4 KB against {@code java.nio.file.Files.readAllBytes}
 * of the same file (target ≤ 1.2×). Run with {@code bench/files-read.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FilesReadBenchmark {

    private Path root;
    private Path file;
    private GrantedFiles files;

    @Setup
    public void setUp() throws IOException {
        root = Files.createTempDirectory("warden-files-bench");
        Path workspace = Files.createDirectories(root.resolve("workspace/reports"));
        byte[] content = new byte[4096];
        new Random(1).nextBytes(content);
        file = Files.write(workspace.resolve("today.csv"), content);
        files = new GrantedFiles(new PluginRoots(root.resolve("workspace"), Files.createDirectories(root.resolve("data")),
                Files.createDirectories(root.resolve("home")),
                new WardenHome(root.resolve("warden-home"), root.resolve("system")).protectedState()),
                List.of(new Permission(PermissionKind.FS_READ, "${workspace}/reports/**", "read reports", false)),
                (kind, target, allowed, detail) -> { }, path -> false, Files.createDirectories(root.resolve("trash")),
                Limits.defaults());
    }

    @TearDown
    public void tearDown() throws IOException {
        files.close();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public byte[] jdkReadAllBytes() throws IOException {
        return Files.readAllBytes(file);
    }

    @Benchmark
    public byte[] grantedRead() throws CapabilityException {
        return files.read("${workspace}/reports/today.csv").orElseThrow();
    }
}
