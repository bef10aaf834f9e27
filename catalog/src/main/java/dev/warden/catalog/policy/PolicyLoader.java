package dev.warden.catalog.policy;

import dev.warden.io.UnsafeCharacters;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.JsonPath;
import dev.warden.io.JsonProblem;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the system policy and the user policy and merges them; a managed (system) rule beats a user rule.
 *
 * <p>The format of both files ({@code policy.json}); every field is optional:
 * <pre>{@code
 * { "publishers":   { "allow": ["acme"], "block": ["evil"] },
 *   "marketplaces": { "allow": [], "block": ["shady"] },
 *   "permissions":  { "block": [ { "kind": "process.exec" }, { "kind": "fs.read", "scope": "${home}/.ssh/**" } ] },
 *   "hosts":        { "block": ["169.254.169.254", "*.evil.net"] },
 *   "minimumVersions": { "acme/weather": "1.2.0" },
 *   "killList": ["acme/bad", "acme/old@1.0.0"],
 *   "allowUnverified": false, "allowHiddenCharacters": false, "requiresProcessIsolation": false }
 * }</pre>
 * Parsing is strict: a duplicate key, an unknown field, a value of the wrong type, an invalid
 * publisher, marketplace, permission, host, plugin id or version refuses the whole file with a
 * {@link PolicyException} naming the file and the JSON path. An empty allow list allows everything;
 * a kill list entry {@code publisher/name} kills every version, {@code publisher/name@1.0.0} one.
 *
 * <p>Merging:
 * <ul>
 *   <li>block lists, {@code permissions.block}, {@code hosts.block} and the kill list: the union;</li>
 *   <li>allow lists: both apply, so a name must be on every non-empty one: a user can narrow the
 *       system allow list, never widen it;</li>
 *   <li>minimum versions: the higher of the two for each plugin (the system one when equal);</li>
 *   <li>{@code allowUnverified} and {@code allowHiddenCharacters}, which relax safety: false when the
 *       system says false; when the system says true, true unless the user says false; when the system
 *       is silent, what the user says; false when both are silent. A user can always be stricter;</li>
 *   <li>{@code requiresProcessIsolation}: true if either file says true.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class PolicyLoader {

    /** A policy larger than this is refused: nobody writes one by hand, and reading it must stay cheap. */
    public static final long MAX_BYTES = 1024 * 1024;

    /** A policy needs no deeper nesting than this. */
    static final int MAX_DEPTH = 16;

    private static final Set<String> TOP_LEVEL = Set.of("publishers", "marketplaces", "permissions", "hosts",
            "minimumVersions", "killList", PolicyRule.ALLOW_UNVERIFIED, PolicyRule.ALLOW_HIDDEN_CHARACTERS,
            PolicyRule.REQUIRES_PROCESS_ISOLATION);

    private PolicyLoader() {
    }

    /**
     * @param systemFile the system policy, managed by an administrator; may not exist
     * @param userFile   the person's policy; may not exist
     * @return the merged policy; {@link Policy#none()}-like when neither file exists
     * @throws PolicyException      if a file exists but cannot be read, is too large or breaks the format
     * @throws NullPointerException if a path is null
     */
    public static Policy load(Path systemFile, Path userFile) throws PolicyException {
        Objects.requireNonNull(systemFile, "systemFile");
        Objects.requireNonNull(userFile, "userFile");
        Map<RuleSource, Path> files = new EnumMap<>(RuleSource.class);
        Optional<List<PolicyRule>> system = read(systemFile, RuleSource.SYSTEM);
        system.ifPresent(r -> files.put(RuleSource.SYSTEM, systemFile));
        Optional<List<PolicyRule>> user = read(userFile, RuleSource.USER);
        user.ifPresent(r -> files.put(RuleSource.USER, userFile));
        return new Policy(merge(system.orElse(List.of()), user.orElse(List.of())), files);
    }

    static List<PolicyRule> merge(List<PolicyRule> system, List<PolicyRule> user) {
        List<PolicyRule> merged = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PolicyRule rule : concat(system, user)) {
            boolean unioned = !PolicyRule.isFlag(rule.kind()) && !rule.kind().equals(PolicyRule.MINIMUM_VERSIONS)
                    && !rule.kind().endsWith(".allow");
            if (unioned && seen.add(rule.kind() + " " + rule.value())) {
                merged.add(rule);
            }
        }
        for (PolicyRule rule : concat(system, user)) {
            if (rule.kind().endsWith(".allow") && seen.add(rule.kind() + " " + rule.value() + " " + rule.source())) {
                merged.add(rule);
            }
        }
        Map<PluginId, PolicyRule> minimums = new LinkedHashMap<>();
        for (PolicyRule rule : concat(system, user)) {
            if (rule.kind().equals(PolicyRule.MINIMUM_VERSIONS)) {
                minimums.merge(rule.pluginId(), rule,
                        (kept, other) -> other.version().orElseThrow().compareTo(kept.version().orElseThrow()) > 0 ? other : kept);
            }
        }
        merged.addAll(minimums.values());
        relaxingFlag(PolicyRule.ALLOW_UNVERIFIED, system, user).ifPresent(merged::add);
        relaxingFlag(PolicyRule.ALLOW_HIDDEN_CHARACTERS, system, user).ifPresent(merged::add);
        tighteningFlag(PolicyRule.REQUIRES_PROCESS_ISOLATION, system, user).ifPresent(merged::add);
        return merged;
    }

    private static Optional<PolicyRule> relaxingFlag(String kind, List<PolicyRule> system, List<PolicyRule> user) {
        Optional<PolicyRule> fromSystem = flag(kind, system);
        Optional<PolicyRule> fromUser = flag(kind, user);
        if (fromSystem.isPresent() && (!fromSystem.get().flag() || fromUser.isEmpty() || fromUser.get().flag())) {
            return fromSystem;
        }
        return fromUser;
    }

    private static Optional<PolicyRule> tighteningFlag(String kind, List<PolicyRule> system, List<PolicyRule> user) {
        Optional<PolicyRule> fromSystem = flag(kind, system);
        Optional<PolicyRule> fromUser = flag(kind, user);
        if (fromSystem.isPresent() && (fromSystem.get().flag() || fromUser.isEmpty() || !fromUser.get().flag())) {
            return fromSystem;
        }
        return fromUser;
    }

    private static Optional<PolicyRule> flag(String kind, List<PolicyRule> rules) {
        return rules.stream().filter(r -> r.kind().equals(kind)).findFirst();
    }

    private static List<PolicyRule> concat(List<PolicyRule> a, List<PolicyRule> b) {
        List<PolicyRule> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** @return the file's rules, or empty if there is no such file */
    static Optional<List<PolicyRule>> read(Path file, RuleSource source) throws PolicyException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "is a folder, not a policy file" : "cannot be read: " + e.getMessage();
            throw new PolicyException(file, "$", why, e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new PolicyException(file, "$", "is larger than " + MAX_BYTES + " bytes", null);
        }
        JsonNode root;
        try {
            root = Json.READER.read(bytes);
        } catch (StrictJsonException e) {
            JsonProblem problem = e.problem();
            throw new PolicyException(file, problem.path(), problem.kind() == JsonProblem.Kind.TRAILING
                    ? "unexpected data after the JSON object" : problem.message(), e.getCause());
        }
        return Optional.of(new FileReader(file, source).rules(root));
    }

    /** The JSON reader, built on first use: without a policy file, loading a policy loads no JSON library. */
    private static final class Json {
        static final StrictJson READER = StrictJson.builder()
                .maxDepth(MAX_DEPTH).numbers(StrictJson.Numbers.DECIMAL).maxNumberLength(100).build();
    }

    /** Turns the tree of one file into rules, checking every field's type and value. */
    /** Reads one item of a policy array, given its JSON path. */
    @FunctionalInterface
    private interface Item {
        void read(JsonNode item, String itemPath) throws PolicyException;
    }

    private static final class FileReader {
        private final Path file;
        private final RuleSource source;
        private final List<PolicyRule> rules = new ArrayList<>();

        FileReader(Path file, RuleSource source) {
            this.file = file;
            this.source = source;
        }

        List<PolicyRule> rules(JsonNode root) throws PolicyException {
            requireObject(root, "$", TOP_LEVEL);
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                String path = JsonPath.child("$", field.getKey());
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "publishers" -> allowAndBlock(value, path, PolicyRule.PUBLISHERS_ALLOW, PolicyRule.PUBLISHERS_BLOCK);
                    case "marketplaces" -> marketplaces(value, path);
                    case "permissions" -> permissions(value, path);
                    case "hosts" -> {
                        requireObject(value, path, Set.of("block"));
                        strings(value.get("block"), JsonPath.child(path, "block"), PolicyRule.HOSTS_BLOCK);
                    }
                    case "minimumVersions" -> minimumVersions(value, path);
                    case "killList" -> strings(value, path, PolicyRule.KILL_LIST);
                    default -> {
                        if (!value.isBoolean()) {
                            throw wrongType(path, "true or false", value);
                        }
                        add(field.getKey(), Boolean.toString(value.booleanValue()), path);
                    }
                }
            }
            return rules;
        }

        private void marketplaces(JsonNode node, String path) throws PolicyException {
            requireObject(node, path, Set.of("allow", "block", "reserved"));
            strings(node.get("allow"), JsonPath.child(path, "allow"), PolicyRule.MARKETPLACES_ALLOW);
            strings(node.get("block"), JsonPath.child(path, "block"), PolicyRule.MARKETPLACES_BLOCK);
            JsonNode reserved = node.get("reserved");
            String reservedPath = JsonPath.child(path, "reserved");
            if (reserved == null) {
                return;
            }
            if (!reserved.isObject()) {
                throw wrongType(reservedPath, "an object of marketplace names and their locations", reserved);
            }
            for (var entry : reserved.properties()) {
                String entryPath = JsonPath.child(reservedPath, entry.getKey());
                if (!entry.getValue().isString() || entry.getValue().asString().isBlank()) {
                    throw wrongType(entryPath, "the location (a URL or path) as a string", entry.getValue());
                }
                add(PolicyRule.MARKETPLACES_RESERVED, entry.getKey() + "=" + entry.getValue().asString(), entryPath);
            }
        }

        private void allowAndBlock(JsonNode node, String path, String allowKind, String blockKind) throws PolicyException {
            requireObject(node, path, Set.of("allow", "block"));
            strings(node.get("allow"), JsonPath.child(path, "allow"), allowKind);
            strings(node.get("block"), JsonPath.child(path, "block"), blockKind);
        }

        private void permissions(JsonNode node, String path) throws PolicyException {
            requireObject(node, path, Set.of("block"));
            eachItem(node.get("block"), JsonPath.child(path, "block"),
                    "an array of {\"kind\": ..., \"scope\": ...} objects", this::blockedPermission);
        }

        private void blockedPermission(JsonNode entry, String entryPath) throws PolicyException {
            requireObject(entry, entryPath, Set.of("kind", "scope"));
            JsonNode kind = entry.get("kind");
            if (kind == null) {
                throw new PolicyException(file, entryPath, "a blocked permission needs a \"kind\"", null);
            }
            if (!kind.isString()) {
                throw wrongType(JsonPath.child(entryPath, "kind"), "a string", kind);
            }
            JsonNode scope = entry.get("scope");
            if (scope != null && !scope.isString()) {
                throw wrongType(JsonPath.child(entryPath, "scope"), "a string", scope);
            }
            String value = scope == null ? kind.stringValue() : kind.stringValue() + " " + scope.stringValue();
            if (kind.stringValue().contains(" ")) {
                throw new PolicyException(file, JsonPath.child(entryPath, "kind"),
                        "a permission kind has no spaces: " + Texts.quote(kind.stringValue()), null);
            }
            add(PolicyRule.PERMISSIONS_BLOCK, value, entryPath);
        }

        private void minimumVersions(JsonNode node, String path) throws PolicyException {
            if (!node.isObject()) {
                throw wrongType(path, "an object of \"publisher/name\": \"version\"", node);
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String entryPath = JsonPath.child(path, entry.getKey());
                if (!entry.getValue().isString()) {
                    throw wrongType(entryPath, "a version string such as \"1.2.0\"", entry.getValue());
                }
                if (entry.getKey().contains(">=")) {
                    throw new PolicyException(file, entryPath, "the key must be a plugin id publisher/name", null);
                }
                add(PolicyRule.MINIMUM_VERSIONS, entry.getKey() + ">=" + entry.getValue().stringValue(), entryPath);
            }
        }

        private void strings(JsonNode node, String path, String kind) throws PolicyException {
            eachItem(node, path, "an array of strings", (item, itemPath) -> {
                if (!item.isString()) {
                    throw wrongType(itemPath, "a string", item);
                }
                add(kind, item.stringValue(), itemPath);
            });
        }

        /** Reads each item of {@code array} if it is there; refuses anything but an array. */
        private void eachItem(JsonNode array, String path, String expected, Item item) throws PolicyException {
            if (array == null) {
                return;
            }
            if (!array.isArray()) {
                throw wrongType(path, expected, array);
            }
            for (int i = 0; i < array.size(); i++) {
                item.read(array.get(i), JsonPath.index(path, i));
            }
        }

        private void add(String kind, String value, String path) throws PolicyException {
            PolicyRule rule;
            try {
                rule = new PolicyRule(kind, value, source);
            } catch (IllegalArgumentException e) {
                throw new PolicyException(file, path, e.getMessage(), e);
            }
            if (!rules.contains(rule)) {
                rules.add(rule);
            }
        }

        private void requireObject(JsonNode node, String path, Set<String> fields) throws PolicyException {
            if (!node.isObject()) {
                throw wrongType(path, "an object", node);
            }
            for (String name : node.propertyNames()) {
                if (!fields.contains(name)) {
                    throw new PolicyException(file, JsonPath.child(path, name), "unknown field " + Texts.quote(name)
                            + "; expected one of " + String.join(", ", fields.stream().sorted().toList()), null);
                }
            }
        }

        private PolicyException wrongType(String path, String expected, JsonNode found) {
            return new PolicyException(file, path, "expected " + expected + ", found "
                    + found.getNodeType().name().toLowerCase(java.util.Locale.ROOT), null);
        }
    }
}
