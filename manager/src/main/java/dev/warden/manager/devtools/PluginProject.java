package dev.warden.manager.devtools;

import dev.warden.catalog.manifest.LintFinding;
import dev.warden.catalog.manifest.LintReport;
import dev.warden.catalog.manifest.ManifestLinter;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
     * nothing for a Claude plugin folder.
     *
     * @param env the environment Maven runs with, over this process's
     * @throws DevelopmentException if Maven cannot be started or the build fails, with Maven's last lines
     */
    public void build(boolean offline, Map<String, String> env) throws DevelopmentException, InterruptedException {
        if (form == Form.CLAUDE) {
            return;
        }
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
