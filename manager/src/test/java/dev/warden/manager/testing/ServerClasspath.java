package dev.warden.manager.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class path of a Java test MCP server ({@link EchoMcpServer}, {@link HostileMcpServer}) laid out in one folder,
 * so that a sandboxed server can run from it with only that folder granted: every jar of the test's class path, and
 * the classes of the {@code testing} package. Laying it out again in the same folder keeps what is there. Files are hard links where the file system allows (no copying
 * megabytes per test), copies elsewhere; never symbolic links, which the sandbox does not follow out of a grant.
 */
public final class ServerClasspath {

    private ServerClasspath() {
    }

    /**
     * @param folder where to lay the class path out; made if missing
     * @return the class path, as a {@code CLASSPATH} value
     */
    public static String layOut(Path folder) {
        try {
            Files.createDirectories(folder);
            List<String> entries = new ArrayList<>();
            Path classes = folder.resolve("classes");
            Path testing = codeSource();
            Path ownPackage = testing.resolve(ServerClasspath.class.getPackageName().replace('.', '/'));
            try (Stream<Path> files = Files.list(ownPackage)) {
                Path into = Files.createDirectories(classes.resolve(testing.relativize(ownPackage)));
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    link(file, into.resolve(file.getFileName().toString()));
                }
            }
            entries.add(classes.toString());
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
                    Path linked = folder.resolve((n++) + "-" + jar.getFileName());
                    link(jar, linked);
                    entries.add(linked.toString());
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void link(Path existing, Path link) throws IOException {
        if (Files.exists(link)) {
            return; // laid out before, for another plugin of the same test
        }
        try {
            Files.createLink(link, existing);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(existing, link);
        }
    }

    private static Path codeSource() {
        try {
            return Path.of(ServerClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
