package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.ERROR;
import static dev.warden.registry.git.MarketplaceException.Kind.INTEGRITY;
import static dev.warden.registry.git.MarketplaceException.Kind.REFUSED;

import dev.warden.io.JsonProblem;
import dev.warden.io.JsonTreeWriter;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads Claude Code's {@code marketplace.json}. Problems with the file as a whole (not JSON,
 * duplicate keys, no name or plugin list, an entry without a usable name, a name listed twice) throw,
 * naming every bad entry by its JSON path. An entry with a usable name but a bad source or field is
 * kept, with an {@link PluginSource.Unsupported} source of kind {@code invalid} that says what is
 * wrong where, so one bad entry neither hides the good ones nor disappears without a word.
 * Unknown fields are ignored, as Claude Code does.
 */
final class MarketplaceJson {

    /** The largest marketplace.json read, in bytes. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final StrictJson READER = StrictJson.builder().maxDepth(64).maxStringLength(MAX_BYTES)
            .maxNumberLength(100).build();


    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private MarketplaceJson() {
    }

    static boolean isKebab(String name) {
        return name != null && name.length() <= 64 && KEBAB.matcher(name).matches();
    }


    /**
     * @param where names the file in messages, e.g. {@code .claude-plugin/marketplace.json at commit 1a2b3c of /repo}
     */
    static ClaudeMarketplace parse(byte[] json, String where) throws MarketplaceException {
        if (json.length > MAX_BYTES) {
            throw new MarketplaceException(INTEGRITY, where + " is " + json.length + " bytes; Warden reads at most " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = READER.read(json);
        } catch (StrictJsonException e) {
            JsonProblem problem = e.problem();
            throw new MarketplaceException(ERROR, where + " is not valid JSON" + problem.where() + ": "
                    + UnsafeCharacters.escape(problem.describe()) + "; ask the marketplace's maintainer to fix it", e);
        }
        if (!root.isObject()) {
            throw new MarketplaceException(ERROR, where + ": $ must be a JSON object");
        }
        List<String> fatal = new ArrayList<>();
        String name = null;
        JsonNode nameNode = root.get("name");
        if (nameNode == null || !nameNode.isString()) {
            fatal.add("$.name: the marketplace needs a name (a kebab-case string)");
        } else if (!isKebab(nameNode.stringValue())) {
            fatal.add("$.name: " + UnsafeCharacters.quote(nameNode.stringValue()) + " must be kebab-case, e.g. acme-tools");
        } else {
            name = nameNode.stringValue();
        }
        Optional<String> owner = person(root.get("owner"));
        String pluginRoot = "";
        boolean leavesRepository = false;
        JsonNode metadata = root.get("metadata");
        if (metadata != null && metadata.isObject() && metadata.get("pluginRoot") != null) {
            JsonNode value = metadata.get("pluginRoot");
            Optional<String> normalised = value.isString() ? SourcePaths.normalise("", value.stringValue()) : Optional.empty();
            if (normalised.isEmpty()) {
                leavesRepository = value.isString();
                fatal.add("$.metadata.pluginRoot: must be a relative path inside the repository, e.g. ./plugins");
            } else {
                pluginRoot = normalised.get();
            }
        }
        JsonNode plugins = root.get("plugins");
        List<ClaudeListing> listings = new ArrayList<>();
        if (plugins == null || !plugins.isArray()) {
            fatal.add("$.plugins: must be an array of plugin entries");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < plugins.size(); i++) {
                String path = "$.plugins[" + i + "]";
                JsonNode entry = plugins.get(i);
                if (!entry.isObject()) {
                    fatal.add(path + ": must be an object with name and source");
                    continue;
                }
                JsonNode pluginName = entry.get("name");
                if (pluginName == null || !pluginName.isString() || !isKebab(pluginName.stringValue())) {
                    fatal.add(path + ".name: " + (pluginName != null && pluginName.isString()
                            ? UnsafeCharacters.quote(pluginName.stringValue()) + " must be kebab-case, e.g. code-review"
                            : "every plugin needs a kebab-case name"));
                    continue;
                }
                if (!seen.add(pluginName.stringValue())) {
                    fatal.add(path + ".name: " + UnsafeCharacters.quote(pluginName.stringValue()) + " is listed twice");
                    continue;
                }
                listings.add(listing(entry, path, pluginRoot));
            }
        }
        if (!fatal.isEmpty()) {
            // A root outside the repository is refused like a plugin source there; other faults are errors to fix.
            throw new MarketplaceException(leavesRepository ? REFUSED : ERROR, where + " cannot be used: "
                    + String.join("; ", fatal) + "; ask the marketplace's maintainer to fix it");
        }
        return new ClaudeMarketplace(name, owner, listings);
    }

    private static ClaudeListing listing(JsonNode entry, String path, String pluginRoot) {
        String name = entry.get("name").stringValue();
        List<String> problems = new ArrayList<>();
        Optional<String> version = optionalString(entry, "version", path, problems);
        String description = optionalString(entry, "description", path, problems).orElse("");
        List<String> keywords = new ArrayList<>();
        JsonNode keywordNode = entry.get("keywords");
        if (keywordNode != null) {
            if (!keywordNode.isArray()) {
                problems.add(path + ".keywords: must be an array of strings");
            } else {
                for (int i = 0; i < keywordNode.size(); i++) {
                    if (keywordNode.get(i).isString()) {
                        keywords.add(keywordNode.get(i).stringValue());
                    } else {
                        problems.add(path + ".keywords[" + i + "]: must be a string");
                    }
                }
            }
        }
        Optional<String> author = person(entry.get("author"));
        boolean strict = true;
        JsonNode strictNode = entry.get("strict");
        if (strictNode != null) {
            if (strictNode.isBoolean()) {
                strict = strictNode.booleanValue();
            } else {
                problems.add(path + ".strict: must be true or false");
            }
        }
        PluginSource source;
        try {
            source = problems.isEmpty() ? source(entry.get("source"), path + ".source", pluginRoot)
                    : new PluginSource.Unsupported("invalid", String.join("; ", problems));
        } catch (IllegalArgumentException e) {
            source = new PluginSource.Unsupported("invalid", e.getMessage());
        }
        return new ClaudeListing(name, version, description, keywords, author, source, strict,
                JsonTreeWriter.compact(entry));
    }

    /** @throws IllegalArgumentException with the JSON path, for a malformed source */
    static PluginSource source(JsonNode node, String path, String pluginRoot) {
        if (node == null) {
            throw new IllegalArgumentException(path + ": the entry has no source");
        }
        if (node.isString()) {
            String text = node.stringValue();
            boolean fromRoot = text.startsWith("./") || text.startsWith("../") || text.equals(".");
            Optional<String> normalised = SourcePaths.normalise(fromRoot ? "" : pluginRoot, text);
            if (normalised.isEmpty()) {
                return new PluginSource.Unsupported("relative", path + ": the path " + UnsafeCharacters.quote(text)
                        + " leaves the marketplace repository (absolute, '..' above the root, or backslashes);"
                        + " Warden only copies folders inside the repository");
            }
            return new PluginSource.Relative(normalised.get());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + ": must be a relative path or an object with a \"source\" kind");
        }
        JsonNode kindNode = node.get("source");
        if (kindNode == null || !kindNode.isString()) {
            throw new IllegalArgumentException(path + ".source: the kind of source is missing");
        }
        String kind = kindNode.stringValue();
        try {
            return switch (kind) {
                case "github" -> new PluginSource.GitHub(required(node, "repo", path), optional(node, "ref", path),
                        sha(node, path));
                case "url", "git" -> new PluginSource.GitUrl(required(node, "url", path), optional(node, "ref", path),
                        sha(node, path));
                case "git-subdir" -> {
                    String sub = required(node, "path", path);
                    String normalised = SourcePaths.normalise("", sub).orElseThrow(() -> new IllegalArgumentException(
                            path + ".path: " + UnsafeCharacters.quote(sub) + " leaves the repository"));
                    yield new PluginSource.GitSubdir(required(node, "url", path), normalised,
                            optional(node, "ref", path), sha(node, path));
                }
                case "archive" -> {
                    Optional<String> digest = optional(node, "sha256", path);
                    if (digest.isEmpty()) {
                        yield new PluginSource.Unsupported("archive", path + ".sha256: an archive source without"
                                + " sha256 is refused; Warden checks every archive against the digest the marketplace"
                                + " publishes before extracting anything");
                    }
                    yield new PluginSource.Archive(required(node, "url", path), digest.get().toLowerCase(Locale.ROOT));
                }
                case "npm" -> new PluginSource.Unsupported("npm", "installing an npm package runs its install"
                        + " scripts on this machine, before any review; Warden refuses npm sources. Ask the publisher"
                        + " for a git, archive or signed Warden source");
                case "pip" -> new PluginSource.Unsupported("pip", "installing a Python package can run its build"
                        + " code on this machine, before any review; Warden refuses pip sources. Ask the publisher"
                        + " for a git, archive or signed Warden source");
                case "command" -> new PluginSource.Unsupported("command", "a command source runs a program to"
                        + " produce the plugin, before any review; Warden refuses it. Ask the publisher for a git,"
                        + " archive or signed Warden source");
                default -> new PluginSource.Unsupported(kind.length() > 40 ? "unknown" : kind,
                        "Warden does not know the source kind " + UnsafeCharacters.quote(kind) + " and installs only git, archive"
                        + " and relative-path sources, which run no code while installing");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("$") ? e.getMessage() : path + ": " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.stringValue().isEmpty()) {
            throw new IllegalArgumentException(path + "." + field + ": a non-empty string is required");
        }
        return value.stringValue();
    }

    private static Optional<String> optional(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(path + "." + field + ": must be a string");
        }
        return Optional.of(value.stringValue());
    }

    private static Optional<String> sha(JsonNode node, String path) {
        return optional(node, "sha", path).map(s -> s.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> optionalString(JsonNode entry, String field, String path, List<String> problems) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            problems.add(path + "." + field + ": must be a string");
            return Optional.empty();
        }
        return Optional.of(value.stringValue());
    }

    /** Claude writes people as {@code {"name": ...}}; some marketplaces write a plain string. */
    private static Optional<String> person(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isString() && !node.stringValue().isBlank()) {
            return Optional.of(node.stringValue());
        }
        if (node.isObject() && node.get("name") != null && node.get("name").isString()
                && !node.get("name").stringValue().isBlank()) {
            return Optional.of(node.get("name").stringValue());
        }
        return Optional.empty();
    }
}
