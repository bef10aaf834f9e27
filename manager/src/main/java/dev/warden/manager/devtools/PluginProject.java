package dev.warden.manager.devtools;

import dev.warden.catalog.manifest.LintFinding;
import dev.warden.catalog.manifest.LintReport;
import dev.warden.catalog.manifest.ManifestLinter;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Severity;
import dev.warden.io.UnsafeCharacters;
import dev.warden.io.WardenException;
import dev.warden.manager.imports.ClaudePluginImport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A plugin author's project as {@code warden dev} and {@code warden release} find it: a Maven project ({@code pom.xml},
 * built with {@code mvn package} into {@code target/plugin}, as {@code warden dev new} lays it out) or a Claude Code
 * plugin folder ({@code .claude-plugin/plugin.json}, which needs no build and is converted). It builds, and lays the
 * plugin out in a staging folder; lint findings name the author's source file, never the build output.
 */
public final class PluginProject {

    /** How a project is built. */
    public enum Form {
        /** {@code pom.xml}: built by Maven into {@code target/plugin}. */
        MAVEN,
        /** {@code .claude-plugin/plugin.json} and no {@code pom.xml}: converted as {@code warden install} does. */
        CLAUDE
    }

    static final String MAVEN_LAYOUT = "target/plugin";
    static final String MAVEN_SOURCES = "src/main/plugin";
    static final String CLAUDE_MANIFEST = ".claude-plugin/plugin.json";
    private static final int BUILD_LINES = 30;
    private static final long BUILD_MINUTES = 15;

    private final Path dir;
    private final Form form;

    private PluginProject(Path dir, Form form) {
        this.dir = dir;
        this.form = form;
    }

    /**
     * @param dir the project's folder
     * @throws DevelopmentException (usage) if it is not a folder, or neither a Maven project nor a Claude plugin folder
     */
    public static PluginProject at(Path dir) throws DevelopmentException {
        Path folder = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new DevelopmentException(WardenException.Category.USAGE, folder + " is not a folder");
        }
        if (Files.isRegularFile(folder.resolve("pom.xml"))) {
            return new PluginProject(folder, Form.MAVEN);
        }
        if (Files.isRegularFile(folder.resolve(CLAUDE_MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            return new PluginProject(folder, Form.CLAUDE);
        }
        throw new DevelopmentException(WardenException.Category.USAGE, folder + " is neither a Maven project (pom.xml, as"
                + " 'warden dev new' makes) nor a Claude Code plugin folder (.claude-plugin/plugin.json)");
    }

    public Path dir() {
        return dir;
    }

    public Form form() {
        return form;
    }

    /**
     * Builds the project: {@code ./mvnw} (or {@code mvn}) {@code -q -B package} in its folder, offline when asked;
     * nothing for a Claude plugin folder. When only files under {@code src/main/plugin} changed since this object's
     * last build, and that build had copied each of them into {@code target/plugin} as it is, the changed files are
     * copied again instead and Maven is not run: an edit of plugin.json or a skill shows in a second, not in a build's
     * time. Any other change (code, the pom, a file removed) runs Maven.
     *
     * @param env the environment Maven runs with, over this process's
     * @return how it was built
     * @throws DevelopmentException if Maven cannot be started or the build fails, with Maven's last lines
     */
    public Built build(boolean offline, Map<String, String> env) throws DevelopmentException, InterruptedException,
            IOException {
        if (form == Form.CLAUDE) {
            return Built.NOTHING_TO_BUILD;
        }
        if (layout != null && layout.copyAgain(dir)) {
            return Built.LAID_OUT_AGAIN;
        }
        Layout before = Layout.startingNow();
        maven(offline, env);
        layout = before.verbatim(dir) ? before : null;
        return Built.WITH_MAVEN;
    }

    /** How {@link #build} built. */
    public enum Built {
        /** A Claude plugin folder: nothing to build. */
        NOTHING_TO_BUILD,
        /** Maven ran. */
        WITH_MAVEN,
        /** Only files of {@code src/main/plugin} changed, and were copied into {@code target/plugin} again. */
        LAID_OUT_AGAIN
    }

    /** What the last Maven build left: when it started, and the files of src/main/plugin it copied as they are. */
    private Layout layout;

    private static final class Layout {

        private long startedMillis;
        /** The files of src/main/plugin, relative to it. */
        private Set<String> files = Set.of();
        /** Every watched file of the project, relative to it: one gone (a deleted class, say) needs Maven. */
        private Set<String> watched = Set.of();

        static Layout startingNow() {
            Layout layout = new Layout();
            layout.startedMillis = System.currentTimeMillis();
            return layout;
        }

        /** @return whether every file of src/main/plugin is in target/plugin with the same bytes; remembers them */
        boolean verbatim(Path project) throws IOException {
            Path sources = project.resolve(MAVEN_SOURCES);
            Path laidOut = project.resolve(MAVEN_LAYOUT);
            Set<String> found = new HashSet<>();
            if (!Files.isDirectory(sources)) {
                return false;
            }
            try (var paths = Files.walk(sources)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        String relative = sources.relativize(p).toString();
                        Path copy = laidOut.resolve(relative);
                        if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) || Files.mismatch(p, copy) != -1) {
                            return false;
                        }
                        found.add(relative);
                    }
                }
            }
            files = Set.copyOf(found);
            watched = watchedFiles(project);
            return true;
        }

        private static Set<String> watchedFiles(Path project) throws IOException {
            Set<String> all = new HashSet<>();
            try (var paths = Files.walk(project)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    Path relative = project.relativize(p);
                    if (ProjectWatcher.watched(relative) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        all.add(relative.toString());
                    }
                }
            }
            return all;
        }

        /**
         * @return true if only files of src/main/plugin changed since, and they were copied into target/plugin;
         *         false if something else changed or a file is gone, and nothing was copied
         */
        boolean copyAgain(Path project) throws IOException {
            long now = System.currentTimeMillis();
            Path sources = project.resolve(MAVEN_SOURCES);
            List<Path> changed = new ArrayList<>();
            Set<String> present = new HashSet<>();
            Set<String> all = new HashSet<>();
            try (var paths = Files.walk(project)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    Path relative = project.relativize(p);
                    if (!ProjectWatcher.watched(relative) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    all.add(relative.toString());
                    boolean resource = p.startsWith(sources);
                    if (resource) {
                        present.add(sources.relativize(p).toString());
                    }
                    if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() >= startedMillis) {
                        if (!resource) {
                            return false;
                        }
                        changed.add(p);
                    }
                }
            }
            if (!present.containsAll(files) || !all.containsAll(watched)) {
                return false;
            }
            Path laidOut = project.resolve(MAVEN_LAYOUT);
            for (Path p : changed) {
                Path copy = laidOut.resolve(sources.relativize(p).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            startedMillis = now;
            files = Set.copyOf(present);
            watched = Set.copyOf(all);
            return true;
        }
    }

    private void maven(boolean offline, Map<String, String> env) throws DevelopmentException, InterruptedException {
        List<String> command = new ArrayList<>();
        Path wrapper = dir.resolve("mvnw");
        command.add(Files.isExecutable(wrapper) ? wrapper.toString() : "mvn");
        command.addAll(List.of("-q", "-B"));
        if (offline) {
            command.add("-o");
        }
        command.add("package");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        // Maven's own JVM starts faster with the quick compiler only; an author's own MAVEN_OPTS win
        builder.environment().putIfAbsent("MAVEN_OPTS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new DevelopmentException(WardenException.Category.ERROR, "cannot run " + command.get(0) + " to build "
                    + dir + ": " + e.getMessage() + " (install Maven, or add the Maven wrapper ./mvnw)");
        }
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (last.size() == BUILD_LINES) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        } catch (IOException e) {
            last.addLast("(reading the build's output failed: " + e.getMessage() + ")");
        }
        if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new DevelopmentException(WardenException.Category.ERROR, "the build of " + dir + " did not end within "
                    + BUILD_MINUTES + " minutes; it was stopped");
        }
        if (process.exitValue() != 0) {
            throw new DevelopmentException(WardenException.Category.ERROR, "the build failed (" + String.join(" ", command)
                    + " exited with " + process.exitValue() + "); its last lines:\n"
                    + UnsafeCharacters.escapeMultiline(String.join("\n", last)));
        }
        if (!Files.isRegularFile(dir.resolve(MAVEN_LAYOUT).resolve("plugin.json"))) {
            throw new DevelopmentException(WardenException.Category.ERROR, "the build left no " + MAVEN_LAYOUT
                    + "/plugin.json: the pom must lay the plugin out there, as the one 'warden dev new' writes does");
        }
    }

    /**
     * Lays the built plugin out in {@code staging} (empty or missing): the build output copied, or the Claude plugin
     * converted with {@code publisher}. The author's files are not changed.
     *
     * @param publisher the publisher a Claude plugin is made for; not used for a Maven project
     * @throws WardenException if the Claude plugin cannot be converted
     */
    public void stage(String publisher, Path staging) throws WardenException, IOException {
        if (form == Form.CLAUDE) {
            ClaudePluginImport.convert(dir, publisher, null, staging);
            return;
        }
        copy(dir.resolve(MAVEN_LAYOUT), staging);
    }

    /**
     * Lints what {@link #stage} laid out, telling each finding at the author's source file.
     *
     * @param staged the staged plugin
     * @return the findings, their locations in the project's terms
     */
    public LintReport lint(Path staged) {
        LintReport report = new ManifestLinter().lint(staged, false);
        List<LintFinding> mapped = new ArrayList<>();
        for (LintFinding finding : report.findings()) {
            mapped.add(new LintFinding(finding.severity(), source(finding.location()), finding.message()));
        }
        return new LintReport(mapped, report.manifest());
    }

    /**
     * Lints what {@link #stage} laid out and tells each finding at its source file.
     *
     * @param progress where each finding goes, as a line
     * @return the staged plugin's manifest
     * @throws DevelopmentException if there are lint errors, naming the first
     */
    public PluginManifest checked(Path staged, Consumer<String> progress) throws DevelopmentException {
        LintReport report = lint(staged);
        for (LintFinding finding : report.findings()) {
            progress.accept(finding.severity().toString().toLowerCase(Locale.ROOT) + " " + UnsafeCharacters.escape(finding.location())
                    + ": " + UnsafeCharacters.escapeMultiline(finding.message()));
        }
        List<LintFinding> errors = report.findings(Severity.ERROR);
        if (!errors.isEmpty() || report.manifest().isEmpty()) {
            throw new DevelopmentException(WardenException.Category.ERROR, "stopped by " + (errors.size() == 1
                    ? "a lint error" : errors.size() + " lint errors") + ": fix " + UnsafeCharacters.escape(errors.isEmpty()
                    ? "the manifest" : errors.get(0).location()) + (errors.size() > 1 ? " and the others above" : ""));
        }
        return report.manifest().get();
    }

    /** The file of the project a location in the staged plugin comes from, e.g. {@code src/main/plugin/plugin.json:$.x}. */
    String source(String location) {
        int colon = location.indexOf(":$");
        String file = colon < 0 ? location : location.substring(0, colon);
        String path = colon < 0 ? "" : location.substring(colon);
        if (form == Form.CLAUDE) {
            if (!file.equals("plugin.json")) {
                return location;
            }
            // the Warden manifest is made from Claude's; its permissions from the MCP servers of .mcp.json
            boolean fromServers = path.startsWith(":$.permissions") || path.startsWith(":$.mcpServers");
            return fromServers && Files.exists(dir.resolve(".mcp.json")) ? ".mcp.json" : CLAUDE_MANIFEST + path;
        }
        String fromSources = MAVEN_SOURCES + "/" + file;
        return (Files.exists(dir.resolve(fromSources), LinkOption.NOFOLLOW_LINKS) ? fromSources : MAVEN_LAYOUT + "/" + file)
                + path;
    }

    /** Copies the build output; links are copied as what they are, so that the lint refuses them as in the author's tree. */
    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
