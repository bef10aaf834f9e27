package dev.warden.manager.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * The class files of one plugin folder, read the way its class loader will see them:
 * {@code classes/**} and the entries of every {@code lib/*.jar}. Files that no class file check
 * could make safe (native libraries, nested jars, links, Class-Path) are reported as violations.
 */
final class PluginCode {

    /** Larger class files are refused rather than read: javac makes nothing near this size. */
    static final int MAX_CLASS_BYTES = 8 * 1024 * 1024;

    private static final Pattern NATIVE_LIBRARY = Pattern.compile(".*\\.(so(\\.[0-9]+)*|dll|dylib|jnilib)");
    private static final Pattern NESTED_ARCHIVE = Pattern.compile(".*\\.(jar|war|ear|jmod)");
    private static final Set<String> AGENT_ATTRIBUTES = Set.of("Launcher-Agent-Class", "Premain-Class", "Agent-Class", "Boot-Class-Path");
    private static final String NATIVE_REASON = "native libraries run machine code outside the JVM's checks (JNI)";
    private static final String LINK_REASON = "a link can point outside the plugin folder, to code the verifier never checked";

    /** One class file's bytes and where it came from ({@code classes/a/B.class}, {@code lib/x.jar!a/B.class}). */
    record ClassFile(String origin, byte[] bytes) {
    }

    private final Path root;
    private final List<ClassFile> classFiles = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();

    private PluginCode(Path root) {
        this.root = root;
    }

    /**
     * @throws IOException if a folder or file cannot be read (a jar that is not a zip is a violation instead)
     */
    static PluginCode read(Path pluginDir) throws IOException {
        PluginCode code = new PluginCode(pluginDir);
        code.readClasses(pluginDir.resolve("classes"));
        code.readLib(pluginDir.resolve("lib"));
        return code;
    }

    List<ClassFile> classFiles() {
        return classFiles;
    }

    List<Violation> violations() {
        return violations;
    }

    /** What a code folder holds, for one file in it: a class file ({@code classes/}) or a jar ({@code lib/}). */
    @FunctionalInterface
    private interface CodeFile {
        void read(Path file) throws IOException;
    }

    private void readClasses(Path classes) throws IOException {
        readFolder(classes, true, ".class", file -> {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                addClass(relative(file), in);
            }
        });
    }

    private void readLib(Path lib) throws IOException {
        readFolder(lib, false, ".jar", this::readJar);
    }

    /**
     * Reads the code files of one folder ({@code deep}: all its subfolders too); a link anywhere, and a native
     * library, is a violation; other files are not code and are left alone.
     */
    private void readFolder(Path folder, boolean deep, String codeSuffix, CodeFile code) throws IOException {
        if (Files.isSymbolicLink(folder)) {
            fileViolation(relative(folder), "a symbolic link", LINK_REASON);
            return;
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> entries = deep ? Files.walk(folder) : Files.list(folder)) {
            files = entries.sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (Files.isSymbolicLink(file)) {
                fileViolation(relative(file), "a symbolic link", LINK_REASON);
            } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            } else if (name.endsWith(codeSuffix)) {
                code.read(file);
            } else if (isNativeLibrary(name)) {
                fileViolation(relative(file), "a native library", NATIVE_REASON);
            }
        }
    }

    private void readJar(Path file) throws IOException {
        String jarName = relative(file);
        JarFile jar;
        try {
            // The same central directory a URLClassLoader reads, so both see the same entries.
            jar = new JarFile(file.toFile(), false);
        } catch (ZipException e) {
            fileViolation(jarName, "an unreadable jar", "it is not a valid jar, so its classes cannot be checked: " + e.getMessage());
            return;
        }
        try (jar) {
            Manifest manifest = jar.getManifest();
            if (manifest != null) {
                checkManifest(jarName, manifest.getMainAttributes());
            }
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (entry.isDirectory()) {
                    continue;
                }
                if (lower.endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        addClass(jarName + "!" + name, in);
                    }
                } else if (isNativeLibrary(lower)) {
                    fileViolation(jarName, name, NATIVE_REASON);
                } else if (NESTED_ARCHIVE.matcher(lower).matches()) {
                    fileViolation(jarName, name, "a jar inside a jar is never checked, and only a class loader could run it");
                }
            }
        }
    }

    private void checkManifest(String jarName, Attributes attributes) {
        String classPath = attributes.getValue(Attributes.Name.CLASS_PATH);
        if (classPath != null && !classPath.isBlank()) {
            fileViolation(jarName, "manifest attribute Class-Path: " + classPath.strip(),
                    "Class-Path adds jars from outside lib/ that the verifier never checks");
        }
        for (String agent : AGENT_ATTRIBUTES) {
            if (attributes.getValue(agent) != null) {
                fileViolation(jarName, "manifest attribute " + agent,
                        "it makes the jar a Java agent, which can rewrite every loaded class");
            }
        }
    }

    private void addClass(String origin, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_CLASS_BYTES + 1);
        if (bytes.length > MAX_CLASS_BYTES) {
            fileViolation(origin, "a class file over " + MAX_CLASS_BYTES / (1024 * 1024) + " MiB",
                    "it is too large to check");
            return;
        }
        classFiles.add(new ClassFile(origin, bytes));
    }

    private static boolean isNativeLibrary(String name) {
        return NATIVE_LIBRARY.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    private void fileViolation(String file, String what, String reason) {
        violations.add(new Violation(file, Violation.FILE, what, reason));
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
