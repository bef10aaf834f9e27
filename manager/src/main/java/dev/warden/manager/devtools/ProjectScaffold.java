package dev.warden.manager.devtools;

import dev.warden.io.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a new plugin project for {@code warden dev new}: a Maven build that depends on
 * {@code warden-plugin-api} only, a manifest with one declared tool, its connector, a skill, and a
 * layout step that puts the plugin in {@code target/plugin} ready to lint, pack and sign.
 */
public final class ProjectScaffold {

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits");

    /** The tool every new project declares and serves, and an input that calls it. */
    public static final String SAMPLE_TOOL = "greet";
    public static final String SAMPLE_INPUT = "{\"name\":\"Ada\"}";

    /** What was written. */
    public record Result(Path directory, List<Path> files) {
    }

    private final String publisher;
    private final String name;

    /**
     * @throws IllegalArgumentException unless both parts are kebab-case, at most 64 characters
     */
    public ProjectScaffold(String publisher, String name) {
        requireKebab(publisher, name);
        this.publisher = publisher;
        this.name = name;
    }

    /**
     * Writes the project into {@code directory}, which must not exist or be empty. Nothing is
     * written when it refuses.
     *
     * @throws IllegalStateException if the folder exists and is not empty
     * @throws IOException if writing fails; files written so far are removed
     */
    public Result writeTo(Path directory) throws IOException {
        Map<String, String> values = values();
        String packagePath = values.get("package").replace('.', '/');
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", "pom.xml.tmpl");
        files.put("README.md", "README.md.tmpl");
        files.put(".gitignore", "gitignore.tmpl");
        files.put("src/main/plugin/plugin.json", "plugin.json.tmpl");
        files.put("src/main/plugin/skills/greeting/SKILL.md", "SKILL.md.tmpl");
        files.put("src/main/java/" + packagePath + "/" + values.get("className") + "Plugin.java", "Plugin.java.tmpl");
        files.put("src/main/java/" + packagePath + "/GreetConnector.java", "GreetConnector.java.tmpl");
        return write(directory, files, values);
    }

    /** @throws IllegalArgumentException unless each part is kebab-case, at most 64 characters */
    static void requireKebab(String... parts) {
        for (String part : parts) {
            if (!KEBAB.matcher(part).matches() || part.length() > 64) {
                throw new IllegalArgumentException("'" + part + "' must be kebab-case: lowercase letters, digits and"
                        + " single hyphens, at most 64 characters (e.g. acme/weather-alerts)");
            }
        }
    }

    /**
     * Writes each file (path in the project → template under {@code scaffold/}) rendered with {@code values} into
     * {@code directory}, which must not exist or be empty; on failure nothing is left.
     */
    static Result write(Path directory, Map<String, String> files, Map<String, String> values) throws IOException {
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(directory + " exists and is not a folder");
            }
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(directory + " is not empty; choose a new folder with --dir");
                }
            }
        }
        boolean created = !Files.exists(directory);
        List<Path> written = new java.util.ArrayList<>();
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, render(template(file.getValue()), values), StandardCharsets.UTF_8);
                written.add(target);
            }
        } catch (IOException | RuntimeException e) {
            removeQuietly(directory, created);
            throw e;
        }
        return new Result(directory, List.copyOf(written));
    }

    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("publisher", publisher);
        values.put("name", name);
        values.put("package", javaIdentifier(publisher) + "." + javaIdentifier(name));
        values.put("className", className(name));
        values.putAll(BuildProperties.load());
        return values;
    }

    static String javaIdentifier(String kebab) {
        String id = kebab.replace('-', '_');
        if (Character.isDigit(id.charAt(0)) || JAVA_KEYWORDS.contains(id)) {
            id = "p" + id;
        }
        return id;
    }

    static String className(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String part : kebab.split("-")) {
            out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return Character.isDigit(out.charAt(0)) ? "P" + out : out.toString();
    }

    private static String template(String resource) throws IOException {
        try (InputStream in = ProjectScaffold.class.getResourceAsStream("scaffold/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("scaffold template " + resource + " is missing from the Warden build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        if (out.contains("{{")) {
            throw new IllegalStateException("scaffold template has an unknown placeholder near: "
                    + out.substring(out.indexOf("{{"), Math.min(out.length(), out.indexOf("{{") + 40)));
        }
        return out;
    }

    private static void removeQuietly(Path directory, boolean created) {
        try {
            if (created) {
                FileTrees.deleteTree(directory);
            } else {
                FileTrees.deleteContents(directory);
            }
        } catch (IOException ignored) {
            // Best effort: the original failure is what the person needs to see.
        }
    }
}
