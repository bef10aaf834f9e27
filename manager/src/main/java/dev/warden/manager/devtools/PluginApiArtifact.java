package dev.warden.manager.devtools;

import dev.warden.api.PluginContext;
import dev.warden.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The plugin API this Warden runs with, as the Maven artifact a new project depends on. Installing it into the
 * person's local Maven repository, laid out as {@code mvn install} lays it out, lets a project made by
 * {@code warden dev new} build on a machine that never built Warden, and compile against exactly the API
 * Warden will run it with. Maven's and Gradle's ({@code mavenLocal()}) resolvers read that layout.
 */
public final class PluginApiArtifact {

    /** The artifact id of the plugin API; the group and version are Warden's own. */
    public static final String ARTIFACT_ID = "warden-plugin-api";

    private static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    /** Entries of a jar built from a class folder carry this time, so the same classes give the same bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private final Path location;
    private final String groupId;
    private final String version;

    private PluginApiArtifact(Path location, String groupId, String version) {
        for (String coordinate : List.of(groupId, version)) {
            if (!COORDINATE.matcher(coordinate).matches() || coordinate.contains("..")) {
                throw new IllegalArgumentException("'" + coordinate + "' is not a Maven group id or version");
            }
        }
        this.location = location.toAbsolutePath();
        this.groupId = groupId;
        this.version = version;
    }

    /**
     * The plugin API of the running Warden: the jar (or, when Warden runs from a build or an IDE, the class
     * folder) that {@link PluginContext} was loaded from, at the coordinates the scaffold's build depends on.
     *
     * @throws IllegalStateException if the running Warden cannot tell where its plugin API came from
     */
    public static PluginApiArtifact ofThisWarden() {
        CodeSource source = PluginContext.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where Warden's plugin API was loaded from");
        }
        try {
            return at(Path.of(source.getLocation().toURI()), BuildProperties.get("warden.groupId"),
                    BuildProperties.get("warden.version"));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot tell where Warden's plugin API was loaded from: " + e.getMessage(), e);
        }
    }

    /**
     * The plugin API in {@code location}: a jar file, or a class folder that is packed as a jar when installed.
     *
     * @throws IllegalArgumentException if {@code groupId} or {@code version} is not a plain Maven coordinate
     */
    static PluginApiArtifact at(Path location, String groupId, String version) {
        return new PluginApiArtifact(location, groupId, version);
    }

    /** @return {@code groupId:artifactId:version} */
    public String coordinates() {
        return groupId + ":" + ARTIFACT_ID + ":" + version;
    }

    /** @return the version a project depends on, e.g. {@code 0.1.0-SNAPSHOT} */
    public String version() {
        return version;
    }

    /**
     * What {@link #installInto} did.
     *
     * @param repository the local repository
     * @param jar        the installed jar
     * @param written    false when the repository already held exactly these bytes, so nothing was written
     */
    public record Installation(Path repository, Path jar, boolean written) {
    }

    /**
     * Writes the jar and a self-contained pom (no parent, no dependencies) to
     * {@code <repository>/<group path>/warden-plugin-api/<version>/}, each atomically, and only when their bytes
     * differ from what is there. No other file is touched. On failure the files and folders are as they were.
     *
     * @param repository a Maven local repository; it is created when missing
     * @throws PluginApiInstallException if the repository cannot be written, or the plugin API cannot be read;
     *                                   the message names the folder and what to do
     */
    public Installation installInto(Path repository) throws PluginApiInstallException {
        Path folder = repository.resolve(groupId.replace('.', '/')).resolve(ARTIFACT_ID).resolve(version);
        String base = ARTIFACT_ID + "-" + version;
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try {
            files.put(folder.resolve(base + ".jar"), jarBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Warden's plugin API at " + location + ": " + reason(e), e);
        }
        files.put(folder.resolve(base + ".pom"), pom().getBytes(StandardCharsets.UTF_8));

        Deque<Path> createdFolders = new ArrayDeque<>();
        Deque<Runnable> undo = new ArrayDeque<>();
        boolean written = false;
        try {
            createFolders(folder, createdFolders);
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                Optional<byte[]> before = contentOf(file.getKey());
                if (before.isPresent() && Arrays.equals(before.get(), file.getValue())) {
                    continue;
                }
                AtomicFiles.write(file.getKey(), file.getValue());
                undo.push(() -> restore(file.getKey(), before));
                written = true;
            }
        } catch (IOException e) {
            undo.forEach(Runnable::run);
            createdFolders.forEach(PluginApiArtifact::deleteIfEmpty);
            throw new PluginApiInstallException("cannot install the plugin API (" + coordinates() + ") into the local Maven"
                    + " repository " + repository + ": " + reason(e) + ". Make that folder writable, or set <localRepository>"
                    + " in ~/.m2/settings.xml to a folder you can write, and run the command again", e);
        }
        return new Installation(repository, folder.resolve(base + ".jar"), written);
    }

    private byte[] jarBytes() throws IOException {
        if (Files.isRegularFile(location)) {
            return Files.readAllBytes(location);
        }
        if (!Files.isRegularFile(location.resolve(PluginContext.class.getName().replace('.', '/') + ".class"))) {
            throw new NoSuchFileException(location.toString(), null, "neither a jar nor a class folder of the plugin API");
        }
        return jarOfClassFolder();
    }

    /** A jar of the class folder: the manifest first, then every file in name order, all with one time. */
    private byte[] jarOfClassFolder() throws IOException {
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(location)) {
            classFiles = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        classFiles.removeIf(file -> location.relativize(file).toString().equals(JarFile.MANIFEST_NAME));
        classFiles.sort((a, b) -> entryName(a).compareTo(entryName(b)));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, ARTIFACT_ID);
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(entry(JarFile.MANIFEST_NAME));
            manifest.write(zip);
            zip.closeEntry();
            for (Path file : classFiles) {
                zip.putNextEntry(entry(entryName(file)));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private String entryName(Path file) {
        return location.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
    }

    private String pom() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Installed by Warden (warden dev new) from the plugin API it runs with. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <packaging>jar</packaging>
                  <name>Warden plugin API</name>
                  <description>What a Warden plugin compiles against, and nothing else. JDK only: no dependencies.</description>
                </project>
                """.formatted(groupId, ARTIFACT_ID, version);
    }

    /** Creates {@code folder} and its missing parents, remembering each one created, deepest first. */
    private static void createFolders(Path folder, Deque<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path at = folder.toAbsolutePath(); at != null && !Files.exists(at, LinkOption.NOFOLLOW_LINKS); at = at.getParent()) {
            missing.add(at);
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            Files.createDirectory(missing.get(i));
            created.push(missing.get(i));
        }
        if (!Files.isDirectory(folder)) {
            throw new FileAlreadyExistsException(folder.toString(), null, "not a folder");
        }
    }

    private static Optional<byte[]> contentOf(Path file) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    /** Puts back what a failed install replaced; best effort, as the failure itself is what gets reported. */
    private static void restore(Path file, Optional<byte[]> before) {
        try {
            if (before.isPresent()) {
                AtomicFiles.write(file, before.get());
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // the install's own failure is reported; this file is then as the failed write left it
        }
    }

    private static void deleteIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // not empty, or not ours to remove after all
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is in the way (" + Optional.ofNullable(exists.getReason()).orElse("it exists") + ")";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + " cannot be created";
        }
        if (e instanceof FileSystemException failed) {
            // a rename names its temporary file first; the person knows the file it was to become
            return Optional.ofNullable(failed.getOtherFile()).orElse(failed.getFile()) + ": "
                    + Optional.ofNullable(failed.getReason()).orElse("cannot be written");
        }
        return String.valueOf(e.getMessage());
    }
}
