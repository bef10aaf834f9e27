package dev.warden.manager.testing;

import dev.warden.api.WardenPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a plugin folder ({@code classes/}, {@code lib/*.jar}) from Java source compiled in the
 * test with javac against the plugin API, so hostile fixtures are readable source, never committed
 * class files. Host classes a fixture reaches for are compiled from stubs onto the class path only.
 */
public final class FixturePlugin {

    private final Path dir;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> stubs = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Jar> jars = new LinkedHashMap<>();

    private FixturePlugin(Path dir) {
        this.dir = dir;
    }

    /** A plugin to be laid out in {@code dir} (usually a {@code @TempDir}). */
    public static FixturePlugin in(Path dir) {
        return new FixturePlugin(dir);
    }

    /** A class of the plugin, compiled into {@code classes/}; {@code className} is its binary name (a.b.C). */
    public FixturePlugin source(String className, String javaSource) {
        sources.put(className, javaSource);
        return this;
    }

    /** Every {@code .java} file under {@code sourceRoot}, compiled into {@code classes/}. */
    public FixturePlugin sourceTree(Path sourceRoot) {
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = sourceRoot.relativize(file).toString().replace('\\', '/');
                String className = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
                sources.put(className, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A class the plugin compiles against but does not contain (a host class, another plugin's class). */
    public FixturePlugin stub(String className, String javaSource) {
        stubs.put(className, javaSource);
        return this;
    }

    /** Any file of the plugin folder, e.g. a class file made with ASM or a native library. */
    public FixturePlugin file(String relativePath, byte[] content) {
        files.put(relativePath, content);
        return this;
    }

    /** A jar in {@code lib/}, described by {@code contents}. */
    public FixturePlugin jar(String name, Consumer<Jar> contents) {
        Jar jar = new Jar();
        contents.accept(jar);
        jars.put(name, jar);
        return this;
    }

    /** The contents of one {@code lib/} jar. */
    public static final class Jar {
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Map<String, byte[]> entries = new LinkedHashMap<>();
        private final Map<String, String> manifest = new LinkedHashMap<>();

        /** A class compiled into the jar. */
        public Jar source(String className, String javaSource) {
            sources.put(className, javaSource);
            return this;
        }

        /** A raw entry: a native library, a nested jar, a resource. */
        public Jar entry(String name, byte[] content) {
            entries.put(name, content);
            return this;
        }

        /** A main attribute of the jar's manifest. */
        public Jar manifest(String attribute, String value) {
            manifest.put(attribute, value);
            return this;
        }
    }

    /**
     * Compiles the classes and copies them into another plugin folder's {@code classes/}, beside the manifest a
     * {@link PluginSource} wrote there.
     *
     * @return {@code pluginFolder}
     */
    public Path buildInto(Path pluginFolder) throws IOException {
        Path classes = build().resolve("classes");
        try (java.util.stream.Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = pluginFolder.resolve("classes").resolve(classes.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        return pluginFolder;
    }

    /**
     * Compiles and lays out the plugin.
     *
     * @return the plugin folder
     * @throws AssertionError if a fixture does not compile, with javac's messages
     */
    public Path build() throws IOException {
        Path work = Files.createDirectories(dir.resolve(".fixture-build"));
        Path stubClasses = Files.createDirectories(work.resolve("stubs"));
        Path compiled = Files.createDirectories(work.resolve("compiled"));
        Path plugin = Files.createDirectories(dir.resolve("plugin"));

        String apiClasses = classPathOf(WardenPlugin.class);
        if (!stubs.isEmpty()) {
            compile(stubs, stubClasses, apiClasses);
        }
        Map<String, String> all = new LinkedHashMap<>(sources);
        jars.values().forEach(jar -> all.putAll(jar.sources));
        if (!all.isEmpty()) {
            compile(all, compiled, apiClasses + java.io.File.pathSeparator + stubClasses);
        }

        for (String className : sources.keySet()) {
            copyClasses(compiled, className, plugin.resolve("classes"));
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = plugin.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        for (Map.Entry<String, Jar> jar : jars.entrySet()) {
            writeJar(plugin.resolve("lib").resolve(jar.getKey()), jar.getValue(), compiled);
        }
        return plugin;
    }

    private static void compile(Map<String, String> classes, Path output, String classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        classes.forEach((name, source) -> units.add(new Source(name, source)));
        List<String> options = List.of("--release", "17", "-proc:none", "-nowarn", "-d", output.toString(), "-classpath", classPath);
        Boolean ok = javac.getTask(null, null, diagnostics, options, null, units).call();
        if (!ok) {
            throw new AssertionError("fixture does not compile:\n" + diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n")));
        }
    }

    /** Copies the class files of top-level class {@code className} and of the classes nested in it. */
    private static void copyClasses(Path compiled, String className, Path target) throws IOException {
        for (Map.Entry<String, byte[]> file : classFiles(compiled, className).entrySet()) {
            Path out = target.resolve(file.getKey());
            Files.createDirectories(out.getParent());
            Files.write(out, file.getValue());
        }
    }

    private static Map<String, byte[]> classFiles(Path compiled, String className) throws IOException {
        String path = className.replace('.', '/');
        Path folder = compiled.resolve(path).getParent();
        String simple = path.substring(path.lastIndexOf('/') + 1);
        String pkg = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        Map<String, byte[]> found = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals(simple + ".class") || name.startsWith(simple + "$") && name.endsWith(".class")) {
                    found.put(pkg + name, Files.readAllBytes(file));
                }
            }
        }
        return found;
    }

    private static void writeJar(Path target, Jar jar, Path compiled) throws IOException {
        Files.createDirectories(target.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        jar.manifest.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String className : jar.sources.keySet()) {
                for (Map.Entry<String, byte[]> entry : classFiles(compiled, className).entrySet()) {
                    put(out, entry.getKey(), entry.getValue());
                }
            }
            for (Map.Entry<String, byte[]> entry : jar.entries.entrySet()) {
                put(out, entry.getKey(), entry.getValue());
            }
        }
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static String classPathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    /** @return {@code text} as UTF-8 bytes, for {@link #file} */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
