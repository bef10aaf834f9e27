package dev.warden.manager.imports;

import dev.warden.catalog.manifest.Author;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.manifest.LintFinding;
import dev.warden.catalog.manifest.LintReport;
import dev.warden.catalog.manifest.ManifestLinter;
import dev.warden.catalog.manifest.ManifestWriter;
import dev.warden.catalog.manifest.Severity;
import dev.warden.io.FileTrees;
import dev.warden.io.RealPaths;
import dev.warden.io.UnsafeCharacters;
import dev.warden.registry.git.ClaudeListing;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a Claude Code plugin folder into a Warden plugin source folder: the plugin's files copied
 * as they are, and a Warden {@code plugin.json} whose permissions are derived from the plugin's MCP
 * servers, so the review shows before install what Claude Code would have started silently.
 *
 * @since 0.1
 */
public final class ClaudePluginImport {

    public static final String CLAUDE_MANIFEST = ".claude-plugin/plugin.json";
    static final String WARDEN_MANIFEST = "plugin.json";
    static final int MAX_FILES = 20_000;
    static final long MAX_TOTAL_BYTES = 512L << 20;

    /** Claude fields carried into the Warden manifest as Claude fields, as they are. */
    private static final List<String> CARRIED_FIELDS = List.of("skills", "agents", "commands", "hooks", "mcpServers",
            "outputStyles", "lspServers", "monitors", "userConfig", "channels", "dependencies");
    /**
     * Component fields a marketplace entry may set for its plugin. As in Claude Code: with {@code strict} (the
     * default) plugin.json is the authority and the entry's fields are added to its own; with {@code strict: false}
     * the entry is the whole definition, and a plugin.json that declares components as well is a conflict.
     */
    private static final Set<String> ENTRY_COMPONENT_FIELDS = Set.of("skills", "agents", "commands", "hooks",
            "mcpServers", "outputStyles", "lspServers");
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private ClaudePluginImport() {
    }

    /**
     * Converts a Claude Code plugin folder, looking up bare MCP server commands on this process's {@code PATH}.
     *
     * @param claudePluginDir a folder with Claude Code's layout ({@code .claude-plugin/plugin.json},
     *                        {@code skills/}, {@code agents/}, {@code commands/}, {@code hooks/hooks.json},
     *                        {@code .mcp.json}); a Warden signature in {@code .claude-plugin/} is verified by the
     *                        caller before (see {@link ClaudeFolderSigning}) and not copied
     * @param publisher       the kebab-case publisher the plugin id is made with ({@code publisher/name})
     * @param listing         the marketplace entry the folder came from, or null when the folder is imported on
     *                        its own; its name is the plugin's name, its version wins over plugin.json's, and
     *                        its component fields replace plugin.json's (its description too when {@code strict}
     *                        is false)
     * @param outDir          an empty or missing folder; it receives {@code plugin.json} and the plugin's files
     * @return the folder written and what the review should show
     * @throws ClaudeImportException if the name is not kebab-case, the version cannot be made SemVer, a file is
     *     malformed or a link, an MCP server cannot be expressed as a permission, or the result fails
     *     {@code warden lint}; outDir is left empty then
     */
    public static ClaudeImportedPlugin convert(Path claudePluginDir, String publisher, ClaudeListing listing, Path outDir)
            throws ClaudeImportException {
        return convert(claudePluginDir, publisher, listing, outDir, System.getenv("PATH"));
    }

    static ClaudeImportedPlugin convert(Path source, String publisher, ClaudeListing listing, Path outDir,
                                        String pathVariable) throws ClaudeImportException {
        if (publisher == null || !isKebab(publisher)) {
            throw new ClaudeImportException("publisher " + UnsafeCharacters.quote(String.valueOf(publisher))
                    + " must be kebab-case, e.g. acme");
        }
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new ClaudeImportException(source + " is not a folder (or is a link to one)");
        }
        prepareOut(outDir);
        boolean done = false;
        try {
            ClaudeImportedPlugin result = claudePlugin(source, publisher, Optional.ofNullable(listing), outDir, pathVariable);
            done = true;
            return result;
        } finally {
            if (!done) {
                emptyOut(outDir);
            }
        }
    }

    private static ClaudeImportedPlugin claudePlugin(Path source, String publisher, Optional<ClaudeListing> listing,
                                                     Path outDir, String pathVariable) throws ClaudeImportException {
        if (Files.exists(source.resolve(WARDEN_MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            throw new ClaudeImportException(source + " has a plugin.json at its root: a Warden plugin source folder is"
                    + " packed and signed with 'warden pack' and 'warden sign', not imported (a Claude plugin keeps its"
                    + " manifest in .claude-plugin/plugin.json and is signed in place with 'warden sign FOLDER')");
        }
        JsonNode claude = Files.exists(source.resolve(CLAUDE_MANIFEST), LinkOption.NOFOLLOW_LINKS)
                ? ClaudeJson.read(source, source.resolve(CLAUDE_MANIFEST))
                : ClaudeJson.objectNode();
        if (!claude.isObject()) {
            throw new ClaudeImportException(CLAUDE_MANIFEST + " must be a JSON object");
        }
        JsonNode entry = listing.map(l -> parseEntry(l.rawEntryJson())).orElse(ClaudeJson.objectNode());
        String name = name(source, claude, listing);
        Version version = version(listing.flatMap(ClaudeListing::version), string(claude, "version"));

        boolean entryDefines = listing.map(l -> !l.strict()).orElse(false);
        copyTree(source, outDir, unlistedSkills(source, component("skills", claude, entry, entryDefines)));

        PluginManifest.Builder builder = PluginManifest.builder(name, version, publisher);
        Optional<String> description = entryDefines
                ? listing.map(ClaudeListing::description).filter(d -> !d.isBlank()).or(() -> string(claude, "description"))
                : string(claude, "description").or(() -> listing.map(ClaudeListing::description).filter(d -> !d.isBlank()));
        List<String> derived = new ArrayList<>();
        try {
            description.ifPresent(builder::description);
            author(claude).or(() -> listing.flatMap(ClaudeListing::author).map(a -> new Author(a, Optional.empty(),
                    Optional.empty()))).ifPresent(builder::author);
            string(claude, "homepage").ifPresent(builder::homepage);
            string(claude, "repository").ifPresent(builder::repository);
            string(claude, "license").ifPresent(builder::license);
            List<String> keywords = strings(claude.get("keywords"));
            (keywords.isEmpty() ? listing.map(ClaudeListing::keywords).orElse(List.of()) : keywords)
                    .forEach(builder::keyword);
            Optional<JsonNode> servers = Optional.empty();
            for (String field : CARRIED_FIELDS) {
                // an entry's dependencies add to plugin.json's, strict or not, as Claude Code reads both
                JsonNode value = ENTRY_COMPONENT_FIELDS.contains(field) ? component(field, claude, entry, entryDefines)
                        : field.equals("dependencies") ? component(field, claude, entry, false) : claude.get(field);
                if (value == null || value.isNull()) {
                    continue;
                }
                if (PATH_FIELDS.contains(field)) {
                    refusePathsOutOfThePlugin(source, field, value);
                }
                builder.claudeField(field, ClaudeJson.text(value));
                if (field.equals("mcpServers")) {
                    servers = Optional.of(value);
                }
            }
            ClaudeServerPermissions permissions = new ClaudeServerPermissions(outDir, pathVariable);
            permissions.readAll(servers);
            for (Permission permission : permissions.permissions()) {
                builder.permission(permission);
                derived.add(line(permission));
            }
            derived.addAll(permissions.notes());
        } catch (IllegalArgumentException e) {
            throw new ClaudeImportException("the plugin " + name + " cannot be described as a Warden manifest: "
                    + e.getMessage(), e);
        }
        PluginManifest manifest;
        try {
            manifest = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ClaudeImportException("the plugin " + name + " cannot be described as a Warden manifest: "
                    + e.getMessage(), e);
        }
        byte[] json = ManifestWriter.toJson(manifest);
        try {
            Files.write(outDir.resolve(WARDEN_MANIFEST), json);
        } catch (IOException e) {
            throw new ClaudeImportException("cannot write " + outDir.resolve(WARDEN_MANIFEST) + ": " + e.getMessage(), e);
        }
        selfCheck(outDir, name);
        ClaudeComponents components = ClaudeComponents.of(outDir, manifest);
        derived.addAll(components.allowedTools());
        return new ClaudeImportedPlugin(outDir, manifest.id().toString(), version.toString(), derived, components.hooks());
    }

    /**
     * One component field as Claude Code reads it from plugin.json and the marketplace entry: the entry's alone when
     * it is the whole definition ({@code strict: false}), else plugin.json's with the entry's added (objects merged,
     * plugin.json's keys first; anything else joined into one array, which every component field accepts).
     *
     * @return the value; null when neither sets it
     * @throws ClaudeImportException if the entry is the whole definition and plugin.json declares the field too
     */
    private static JsonNode component(String field, JsonNode claude, JsonNode entry, boolean entryDefines)
            throws ClaudeImportException {
        JsonNode own = claude.get(field);
        JsonNode listed = entry.get(field);
        if (entryDefines) {
            if (own != null && !own.isNull()) {
                throw new ClaudeImportException("the marketplace entry sets \"strict\": false, so it is the whole"
                        + " definition of the plugin, but " + CLAUDE_MANIFEST + " declares " + field + " as well;"
                        + " Claude Code does not load such a plugin either. Ask the publisher to keep the components in one place");
            }
            return listed;
        }
        if (listed == null || listed.isNull()) {
            return own;
        }
        if (own == null || own.isNull()) {
            return listed;
        }
        if (own.isObject() && listed.isObject()) {
            ObjectNode merged = ClaudeJson.objectNode();
            own.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
            listed.properties().stream().filter(e -> !merged.has(e.getKey())).forEach(e -> merged.set(e.getKey(), e.getValue()));
            return merged;
        }
        ArrayNode joined = JsonNodeFactory.instance.arrayNode();
        for (JsonNode value : List.of(own, listed)) {
            if (value.isArray()) {
                value.forEach(item -> {
                    if (!joined.valueStream().anyMatch(item::equals)) {
                        joined.add(item);
                    }
                });
            } else if (!joined.valueStream().anyMatch(value::equals)) {
                joined.add(value);
            }
        }
        return joined;
    }

    /**
     * The folder as {@code warden lint} sees it. The linter parses the plugin.json just written with the parser the
     * install uses and reports every problem of it as an error, so the manifest is not parsed once more here.
     */
    private static void selfCheck(Path outDir, String name) throws ClaudeImportException {
        LintReport report = new ManifestLinter().lint(outDir, false);
        if (report.hasErrors()) {
            List<String> errors = report.findings(Severity.ERROR).stream().map(LintFinding::toString).toList();
            throw new ClaudeImportException("the plugin " + name + " would not pass 'warden lint': "
                    + String.join("; ", errors) + "; ask the publisher to fix these files");
        }
    }

    private static String line(Permission permission) {
        return permission.kind().id() + " " + UnsafeCharacters.escape(permission.scope()) + " \u2014 "
                + UnsafeCharacters.escape(permission.reason());
    }

    private static String name(Path source, JsonNode claude, Optional<ClaudeListing> listing) throws ClaudeImportException {
        Optional<String> own = string(claude, "name");
        return kebabName(listing.map(ClaudeListing::name).or(() -> own)
                .orElse(source.getFileName() == null ? "" : source.getFileName().toString()));
    }

    /**
     * @return {@code name}, when it can be the name part of a plugin id
     * @throws ClaudeImportException saying how to rename it, when it is not kebab-case of at most 64 characters
     */
    static String kebabName(String name) throws ClaudeImportException {
        if (!isKebab(name)) {
            throw new ClaudeImportException("the plugin name " + UnsafeCharacters.quote(name)
                    + " is not kebab-case (lowercase letters, digits and single hyphens, at most 64 characters);"
                    + " Warden cannot give it an id. Ask the publisher to rename it, e.g. "
                    + UnsafeCharacters.quote(suggest(name)));
        }
        return name;
    }

    private static String suggest(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "my-plugin" : s.length() > 64 ? s.substring(0, 64) : s;
    }

    static boolean isKebab(String s) {
        return s.length() <= 64 && KEBAB.matcher(s).matches();
    }

    /** The listing's version, else plugin.json's, else 0.0.0; {@code 1.2} and {@code v1.2.3} are normalised. */
    static Version version(Optional<String> fromListing, Optional<String> fromManifest) throws ClaudeImportException {
        Optional<String> given = fromListing.or(() -> fromManifest);
        if (given.isEmpty()) {
            return Version.of(0, 0, 0);
        }
        try {
            return LooseVersions.parse(given.get());
        } catch (IllegalArgumentException e) {
            throw new ClaudeImportException("the plugin's version " + UnsafeCharacters.quote(given.get())
                    + (fromListing.isPresent() ? " (from the marketplace entry)" : " (from " + CLAUDE_MANIFEST + ")")
                    + " cannot be read as a semantic version: " + e.getMessage(), e);
        }
    }

    /**
     * The version a plugin's own {@code .claude-plugin/plugin.json} names, read the way the import reads it.
     *
     * @param name  the file, for messages
     * @param bytes its content
     * @return the version as written; empty when it names none
     * @throws ClaudeImportException naming the file when it is not a JSON object
     */
    public static Optional<String> manifestVersion(String name, byte[] bytes) throws ClaudeImportException {
        JsonNode claude = ClaudeJson.parse(name, bytes);
        if (!claude.isObject()) {
            throw new ClaudeImportException(name + " must be a JSON object");
        }
        return string(claude, "version");
    }

    private static JsonNode parseEntry(String raw) {
        return ClaudeJson.readStored(raw);
    }

    static Optional<String> string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.stringValue().isBlank()
                ? Optional.of(value.stringValue()) : Optional.empty();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                if (item.isString()) {
                    values.add(item.stringValue());
                }
            }
        }
        return values;
    }

    private static Optional<Author> author(JsonNode claude) {
        JsonNode node = claude.get("author");
        if (node == null) {
            return Optional.empty();
        }
        if (node.isString() && !node.stringValue().isBlank()) {
            return Optional.of(new Author(node.stringValue(), Optional.empty(), Optional.empty()));
        }
        Optional<String> name = string(node, "name");
        return name.map(n -> new Author(n, string(node, "email"), string(node, "url")));
    }

    /** The carried fields whose strings Claude Code reads as paths inside the plugin. */
    private static final Set<String> PATH_FIELDS = Set.of("commands", "agents", "skills", "hooks", "mcpServers",
            "lspServers", "outputStyles", "monitors");

    /**
     * A path field (the plugin's own or the marketplace entry's that replaces it) that leads out of the plugin
     * folder refuses the whole plugin (exit 3): what it names is nothing the review could show.
     */
    private static void refusePathsOutOfThePlugin(Path root, String field, JsonNode value) throws ClaudeImportException {
        List<String> paths = value.isString() ? List.of(value.stringValue()) : strings(value);
        for (String path : paths) {
            inside(root, path, field);
        }
    }

    /**
     * Resolves a path a manifest field gives, relative to the plugin root.
     *
     * @throws ClaudeImportException if it is absolute or leaves the plugin
     */
    static Path inside(Path root, String path, String field) throws ClaudeImportException {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.contains("${")) {
            throw ClaudeImportException.refusal("the " + field + " path " + UnsafeCharacters.quote(path)
                    + " must be relative to the plugin root, e.g. ./config/servers.json");
        }
        Path resolved = root.resolve(path).normalize();
        if (!RealPaths.isInside(resolved, root)) {
            throw ClaudeImportException.refusal("the " + field + " path " + UnsafeCharacters.quote(path)
                    + " leaves the plugin folder; refused");
        }
        return resolved;
    }

    private static void prepareOut(Path outDir) throws ClaudeImportException {
        try {
            if (Files.exists(outDir, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(outDir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ClaudeImportException(outDir + " is not a folder");
                }
                try (Stream<Path> entries = Files.list(outDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new ClaudeImportException(outDir + " is not empty; give an empty or new folder");
                    }
                }
            } else {
                Files.createDirectories(outDir);
            }
        } catch (IOException e) {
            throw new ClaudeImportException("cannot prepare " + outDir + ": " + e.getMessage(), e);
        }
    }

    private static void emptyOut(Path outDir) {
        try {
            FileTrees.deleteContents(outDir);
        } catch (IOException e) {
            // the import already failed; its message matters more than a leftover the next attempt reports
        }
    }

    /**
     * The skill folders of the default {@code skills/} that Claude Code does not load because the {@code skills}
     * field names other paths: they are left out of the Warden plugin, so that neither the review nor the static
     * check shows another plugin's skills (anthropics/skills lists all its skills under one source, {@code ./}).
     */
    private static Set<Path> unlistedSkills(Path source, JsonNode skills) throws ClaudeImportException {
        List<String> named = skills == null ? List.of() : skills.isString() ? List.of(skills.stringValue()) : strings(skills);
        if (named.isEmpty()) {
            return Set.of();
        }
        List<Path> listed = new ArrayList<>();
        for (String path : named) {
            listed.add(inside(source, path, "skills"));
        }
        Path defaults = source.resolve("skills");
        if (!Files.isDirectory(defaults, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        Set<Path> unlisted = new HashSet<>();
        try (Stream<Path> folders = Files.list(defaults)) {
            for (Path folder : folders.sorted().toList()) {
                Path normal = folder.normalize();
                if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                        && Files.isRegularFile(folder.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)
                        && listed.stream().noneMatch(p -> normal.startsWith(p) || p.startsWith(normal))) {
                    unlisted.add(normal);
                }
            }
        } catch (IOException e) {
            throw new ClaudeImportException("cannot list " + ClaudeJson.relative(source, defaults) + ": " + e.getMessage(), e);
        }
        return unlisted;
    }

    /**
     * Copies the plugin's files, leaving out {@code .claude-plugin/} (its manifest is replaced by plugin.json),
     * {@code .git/} and the folders of {@code leftOut}; links and special files are refused, as bundles cannot hold
     * them.
     */
    private static void copyTree(Path source, Path outDir, Set<Path> leftOut) throws ClaudeImportException {
        long[] counts = new long[2];
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.equals(source)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String top = source.relativize(dir).getName(0).toString();
                    if (dir.getParent().equals(source) && (top.equals(".claude-plugin") || top.equals(".git"))
                            || leftOut.contains(dir.normalize())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(outDir.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile()) {
                        throw new RefusedFile(ClaudeJson.relative(source, file) + (attrs.isSymbolicLink()
                                ? " is a symbolic link; Warden plugins cannot hold links. Ask the publisher to copy the file instead"
                                : " is not a regular file; refused"));
                    }
                    if (++counts[0] > MAX_FILES || (counts[1] += attrs.size()) > MAX_TOTAL_BYTES) {
                        throw new RefusedFile("the plugin has more than " + MAX_FILES + " files or "
                                + MAX_TOTAL_BYTES + " bytes; refused");
                    }
                    Files.copy(file, outDir.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (RefusedFile e) {
            throw new ClaudeImportException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ClaudeImportException("cannot copy " + source + " to " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** Carries a refusal out of the file visitor. */
    private static final class RefusedFile extends IOException {
        RefusedFile(String message) {
            super(message);
        }
    }
}
