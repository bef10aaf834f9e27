package dev.warden.catalog.manifest;

import dev.warden.io.UnsafeCharacters;

import dev.warden.catalog.manifest.PluginManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code warden lint SRC_DIR [--strict]}: checks a plugin source folder's manifest and layout, and
 * reports every problem with the file it is in and, for the manifest, its JSON path.
 */
public final class ManifestLinter {

    static final String MANIFEST = "plugin.json";
    static final String CLAUDE_MANIFEST = ".claude-plugin/plugin.json";

    /** The same names the bundle reader refuses (signing's EntryNames), so lint predicts what pack refuses. */
    private static final Set<String> RESERVED_WINDOWS_NAMES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00B9", "COM\u00B2",
            "COM\u00B3", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00B9",
            "LPT\u00B2", "LPT\u00B3", "CONIN$", "CONOUT$");
    private static final Pattern NATIVE_LIBRARY = Pattern.compile("(?i).*\\.(dll|dylib|jnilib|so(\\.[0-9]+)*)$");
    private static final String NOT_PORTABLE = ":<>\"|?*";

    /**
     * @param sourceDir the plugin's source folder
     * @param strict    whether unknown manifest fields are errors rather than warnings
     * @return the findings; I/O failures are reported as error findings, never thrown
     */
    public LintReport lint(Path sourceDir, boolean strict) {
        List<LintFinding> findings = new ArrayList<>();
        if (!Files.isDirectory(sourceDir, LinkOption.NOFOLLOW_LINKS)) {
            findings.add(error(sourceDir.toString(), "is not a folder (or is a link to one)"));
            return new LintReport(findings, Optional.empty());
        }
        checkTree(sourceDir, findings);
        Optional<String> manifestName = findManifest(sourceDir, findings);
        Optional<PluginManifest> manifest = manifestName.flatMap(name -> readManifest(sourceDir, name, strict, findings));
        manifest.ifPresent(m -> checkLayout(sourceDir, manifestName.get(), m, findings));
        return new LintReport(findings, manifest);
    }

    private static Optional<String> findManifest(Path root, List<LintFinding> findings) {
        boolean atRoot = Files.exists(root.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS);
        boolean inClaudeFolder = Files.exists(root.resolve(CLAUDE_MANIFEST), LinkOption.NOFOLLOW_LINKS);
        if (atRoot && inClaudeFolder) {
            findings.add(error(MANIFEST, "both plugin.json and .claude-plugin/plugin.json exist; keep one"));
            return Optional.empty();
        }
        if (!atRoot && !inClaudeFolder) {
            findings.add(error(MANIFEST, "no manifest: add plugin.json or .claude-plugin/plugin.json"));
            return Optional.empty();
        }
        return Optional.of(atRoot ? MANIFEST : CLAUDE_MANIFEST);
    }

    private static Optional<PluginManifest> readManifest(Path root, String name, boolean strict,
                                                         List<LintFinding> findings) {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            findings.add(error(name, "the manifest must be a regular file, not a link or a folder"));
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(ManifestParser.MAX_BYTES + 1);
        } catch (IOException e) {
            findings.add(error(name, "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
        try {
            ParsedManifest parsed = (strict ? ManifestParser.strict() : ManifestParser.standard()).read(bytes);
            for (ManifestProblem warning : parsed.warnings()) {
                findings.add(new LintFinding(Severity.WARNING, name + ":" + warning.path(), warning.message()));
            }
            return Optional.of(parsed.manifest());
        } catch (ManifestException e) {
            for (ManifestProblem problem : e.problems()) {
                findings.add(error(name + ":" + problem.path(), problem.message()));
            }
            return Optional.empty();
        }
    }

    /** Links, odd file types, and names the bundle format refuses, anywhere under the root. */
    private static void checkTree(Path root, List<LintFinding> findings) {
        Map<Path, Map<String, String>> foldedNames = new HashMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (dir.getFileName().toString().equals(".git") && dir.getParent().equals(root)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    checkEntry(root, dir, attrs, foldedNames, findings);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    checkEntry(root, file, attrs, foldedNames, findings);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    findings.add(error(relative(root, file), "cannot be read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            findings.add(error(".", "cannot walk the source folder: " + e.getMessage()));
        }
    }

    private static void checkEntry(Path root, Path entry, BasicFileAttributes attrs,
                                   Map<Path, Map<String, String>> foldedNames, List<LintFinding> findings) {
        String location = relative(root, entry);
        String name = entry.getFileName().toString();
        if (attrs.isSymbolicLink()) {
            findings.add(error(location, "is a symbolic link; bundles cannot contain links, copy the file instead"));
        } else if (attrs.isOther()) {
            findings.add(error(location, "is not a regular file or folder"));
        }
        nameProblem(name).ifPresent(problem -> findings.add(error(location, problem)));
        String folded = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        String earlier = foldedNames.computeIfAbsent(entry.getParent(), p -> new HashMap<>()).putIfAbsent(folded, name);
        if (earlier != null) {
            findings.add(error(location, "differs from " + UnsafeCharacters.quote(earlier)
                    + " only by case or Unicode normalisation; such names collide on many systems"));
        }
    }

    static Optional<String> nameProblem(String name) {
        if (name.indexOf('\\') >= 0) {
            return Optional.of("the name contains a backslash");
        }
        for (char c : NOT_PORTABLE.toCharArray()) {
            if (name.indexOf(c) >= 0) {
                return Optional.of("the name " + UnsafeCharacters.quote(name) + " contains '" + c
                        + "', which is not portable across file systems");
            }
        }
        OptionalInt unsafe = UnsafeCharacters.firstUnsafe(name);
        if (unsafe.isPresent() || name.indexOf('\n') >= 0 || name.indexOf('\t') >= 0) {
            int cp = unsafe.isPresent() ? name.codePointAt(unsafe.getAsInt()) : name.indexOf('\n') >= 0 ? '\n' : '\t';
            return Optional.of("the name " + UnsafeCharacters.quote(name) + " contains " + UnsafeCharacters.describe(cp));
        }
        if (name.endsWith(".") || name.endsWith(" ")) {
            return Optional.of("the name " + UnsafeCharacters.quote(name) + " ends with a dot or a space");
        }
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        if (RESERVED_WINDOWS_NAMES.contains(base)) {
            return Optional.of("the name " + UnsafeCharacters.quote(name) + " is reserved on Windows");
        }
        if (NATIVE_LIBRARY.matcher(name).matches()) {
            return Optional.of("the file " + UnsafeCharacters.quote(name) + " is a native library; plugins may not ship native code");
        }
        return Optional.empty();
    }

    private static void checkLayout(Path root, String manifestName, PluginManifest manifest, List<LintFinding> findings) {
        for (String folder : declaredPaths(manifest, "skills", "skills", root)) {
            Path dir = root.resolve(folder);
            String location = manifestName + ":$.skills";
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                findings.add(error(location, "the skills folder " + UnsafeCharacters.quote(folder) + " does not exist"));
            } else if (Files.isRegularFile(dir.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
                checkMarkdown(root, dir.resolve("SKILL.md"), findings);
            } else {
                for (Path skill : children(dir, findings, root)) {
                    if (Files.isDirectory(skill, LinkOption.NOFOLLOW_LINKS)) {
                        Path file = skill.resolve("SKILL.md");
                        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            checkMarkdown(root, file, findings);
                        } else {
                            findings.add(error(relative(root, skill), "a skill folder needs a SKILL.md"));
                        }
                    }
                }
            }
        }
        for (String path : declaredPaths(manifest, "agents", "agents", root)) {
            Path target = root.resolve(path);
            String location = manifestName + ":$.agents";
            if (path.endsWith(".md")) {
                if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    checkMarkdown(root, target, findings);
                } else {
                    findings.add(error(location, "the agent file " + UnsafeCharacters.quote(path) + " does not exist"));
                }
            } else if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                findings.add(error(location, "the agents folder " + UnsafeCharacters.quote(path) + " does not exist"));
            } else {
                for (Path agent : children(target, findings, root)) {
                    if (agent.getFileName().toString().endsWith(".md") && Files.isRegularFile(agent, LinkOption.NOFOLLOW_LINKS)) {
                        checkMarkdown(root, agent, findings);
                    }
                }
            }
        }
        if (manifest.pluginClass().isPresent() && !Files.isDirectory(root.resolve("classes"), LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(root.resolve("lib"), LinkOption.NOFOLLOW_LINKS)) {
            findings.add(error(manifestName + ":$.pluginClass",
                    "pluginClass is set but there is no classes/ or lib/ folder with the plugin's code"));
        }
    }

    /** The paths a component field declares, or its default folder if the field is absent and the folder exists. */
    private static List<String> declaredPaths(PluginManifest manifest, String field, String defaultFolder, Path root) {
        Optional<String> raw = manifest.claudeField(field);
        List<String> paths = new ArrayList<>();
        if (raw.isEmpty()) {
            if (Files.isDirectory(root.resolve(defaultFolder), LinkOption.NOFOLLOW_LINKS)) {
                paths.add(defaultFolder);
            }
            return paths;
        }
        JsonNode node = ManifestParser.readTrusted(raw.get());
        if (node.isString()) {
            paths.add(clean(node.stringValue()));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isString()) {
                    paths.add(clean(item.stringValue()));
                }
            }
        }
        return paths;
    }

    private static String clean(String path) {
        String cleaned = path.startsWith("./") ? path.substring(2) : path;
        while (cleaned.endsWith("/")) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        return cleaned.isEmpty() ? "." : cleaned;
    }

    private static List<Path> children(Path dir, List<LintFinding> findings, Path root) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            findings.add(error(relative(root, dir), "cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }

    /** A skill or agent file: UTF-8, no hidden characters, front matter with a name and a description. */
    private static void checkMarkdown(Path root, Path file, List<LintFinding> findings) {
        String location = relative(root, file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            findings.add(error(location, "is not valid UTF-8"));
            return;
        } catch (IOException e) {
            findings.add(error(location, "cannot be read: " + e.getMessage()));
            return;
        }
        OptionalInt unsafe = UnsafeCharacters.firstUnsafe(text.replace("\r\n", "\n"));
        if (unsafe.isPresent()) {
            String normalised = text.replace("\r\n", "\n");
            findings.add(error(location, "contains " + UnsafeCharacters.describe(normalised.codePointAt(unsafe.getAsInt()))
                    + " at character " + unsafe.getAsInt() + "; hidden characters can smuggle instructions to the model"));
        }
        Optional<Map<String, String>> frontMatter = FrontMatter.read(text);
        if (frontMatter.isEmpty()) {
            findings.add(error(location, "needs front matter: a first line '---', name: and description: lines, and a closing '---'"));
            return;
        }
        for (String key : List.of("name", "description")) {
            String value = frontMatter.get().get(key);
            if (value == null || value.isBlank()) {
                findings.add(error(location, "the front matter needs a non-empty " + key));
            }
        }
    }

    private static String relative(Path root, Path entry) {
        String relative = root.relativize(entry).toString().replace(entry.getFileSystem().getSeparator(), "/");
        return relative.isEmpty() ? "." : UnsafeCharacters.escape(relative);
    }

    private static LintFinding error(String location, String message) {
        return new LintFinding(Severity.ERROR, location, message);
    }
}
