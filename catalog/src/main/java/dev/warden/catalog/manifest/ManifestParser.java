package dev.warden.catalog.manifest;

import static dev.warden.io.StrictJson.typeName;

import dev.warden.io.JsonPath;
import dev.warden.io.JsonProblem;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;

import dev.warden.catalog.manifest.Author;
import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code plugin.json} strictly: one pass collects every problem with its JSON path, and the
 * manifest is returned only if there is none. Claude Code's fields are accepted as Claude types
 * them; fields neither Claude's nor Warden's are warnings, or errors in {@link #strict()} mode.
 */
public final class ManifestParser {

    /** The largest manifest accepted, in bytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 64;

    static final StrictJson READER = StrictJson.builder()
            .maxDepth(MAX_DEPTH).numbers(StrictJson.Numbers.EXACT).maxStringLength(MAX_BYTES).maxNumberLength(100).refuseUnsafeText().build();

    /** For JSON this module wrote itself (raw Claude fields, connector schemas): numbers exact, depth unlimited. */
    private static final StrictJson TRUSTED = StrictJson.builder()
            .maxDepth(Integer.MAX_VALUE).numbers(StrictJson.Numbers.EXACT).maxStringLength(MAX_BYTES).maxNumberLength(100).refuseUnsafeText().build();

    /** Fields Warden requires; Claude Code requires only {@code name}. */
    static final List<String> REQUIRED_FIELDS = List.of("name", "version", "publisher");

    static final Set<String> WARDEN_FIELDS = Set.of("name", "version", "publisher", "description", "requires",
            "pluginClass", "permissions", "connectors");

    /** Claude Code fields that may be a path, a list of paths, or an inline definition. */
    static final Set<String> COMPONENT_FIELDS = Set.of("skills", "agents", "commands", "hooks", "mcpServers",
            "outputStyles", "lspServers", "monitors");

    static final Set<String> CLAUDE_FIELDS = Set.of("$schema", "name", "version", "description", "author",
            "homepage", "repository", "license", "keywords", "skills", "agents", "commands", "hooks", "mcpServers",
            "outputStyles", "lspServers", "monitors", "userConfig", "channels", "dependencies");

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    private final boolean strict;

    private ManifestParser(boolean strict) {
        this.strict = strict;
    }

    /** @return a parser that reports unknown fields as warnings, as Claude Code does */
    public static ManifestParser standard() {
        return new ManifestParser(false);
    }

    /** @return a parser that refuses unknown fields, for {@code warden lint --strict} */
    public static ManifestParser strict() {
        return new ManifestParser(true);
    }

    /**
     * @param json the bytes of {@code plugin.json}
     * @return the manifest
     * @throws ManifestException listing every problem found, each with its JSON path
     */
    public PluginManifest parse(byte[] json) throws ManifestException {
        return read(json).manifest();
    }

    /**
     * @param json the bytes of {@code plugin.json}
     * @return the manifest and the warnings found on the way
     * @throws ManifestException listing every problem found, each with its JSON path
     */
    public ParsedManifest read(byte[] json) throws ManifestException {
        Check check = new Check();
        if (json.length > MAX_BYTES) {
            check.error(JsonPath.ROOT, "the manifest is " + json.length + " bytes; the limit is " + MAX_BYTES);
            throw new ManifestException(check.errors);
        }
        StrictJson.Result read = READER.readAll(json);
        read.problems().forEach(p -> check.error(p.path(), p.kind() == JsonProblem.Kind.TRAILING
                ? p.message() + "; a manifest holds exactly one JSON object" : p.message()));
        Optional<JsonNode> root = read.root();
        if (root.isEmpty()) {
            throw new ManifestException(check.errors);
        }
        if (!root.get().isObject()) {
            check.error(JsonPath.ROOT, "the manifest must be a JSON object, not " + typeName(root.get()));
            throw new ManifestException(check.errors);
        }
        PluginManifest.Builder builder = check.manifest(root.get());
        if (!check.errors.isEmpty()) {
            throw new ManifestException(check.errors);
        }
        try {
            return new ParsedManifest(builder.build(), check.warnings);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(List.of(new ManifestProblem(JsonPath.ROOT, e.getMessage())));
        }
    }

    /** @throws IllegalStateException if stored JSON is not valid, which would be a bug */
    static JsonNode readTrusted(String json) {
        try {
            return TRUSTED.read(json);
        } catch (StrictJsonException e) {
            throw new IllegalStateException("stored JSON is not valid: " + e.problem(), e);
        }
    }

    /** One parse: the problems found so far and the checks that find them. */
    private final class Check {
        final List<ManifestProblem> errors = new ArrayList<>();
        final List<ManifestProblem> warnings = new ArrayList<>();

        void error(String path, String message) {
            errors.add(new ManifestProblem(path, message));
        }

        void unknown(String path, String key, String where) {
            ManifestProblem problem = new ManifestProblem(path, "unknown field " + UnsafeCharacters.quote(key)
                    + " in " + where + (strict ? "; remove it or check its spelling" : "; it is ignored"));
            (strict ? errors : warnings).add(problem);
        }

        PluginManifest.Builder manifest(JsonNode root) {
            for (String field : REQUIRED_FIELDS) {
                if (!root.has(field)) {
                    error(JsonPath.child(JsonPath.ROOT, field), "required field " + field + " is missing");
                }
            }
            String name = kebab(root, "name");
            Version version = version(root);
            String publisher = kebab(root, "publisher");
            PluginManifest.Builder builder = PluginManifest.builder(
                    name == null ? "invalid" : name, version == null ? Version.of(0, 0, 0) : version,
                    publisher == null ? "invalid" : publisher);
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                String path = JsonPath.child(JsonPath.ROOT, key);
                switch (key) {
                    case "name", "version", "publisher" -> { }
                    case "description" -> string(path, value).ifPresent(builder::description);
                    case "homepage" -> string(path, value).ifPresent(builder::homepage);
                    case "repository" -> string(path, value).ifPresent(builder::repository);
                    case "license" -> string(path, value).ifPresent(builder::license);
                    case "author" -> author(path, value).ifPresent(builder::author);
                    case "keywords" -> stringList(path, value).forEach(builder::keyword);
                    case "requires" -> requires(path, value, builder);
                    case "pluginClass" -> pluginClass(path, value).ifPresent(builder::pluginClass);
                    case "permissions" -> permissions(path, value).forEach(builder::permission);
                    case "connectors" -> connectors(path, value).forEach(builder::connector);
                    default -> {
                        if (CLAUDE_FIELDS.contains(key)) {
                            claudeField(path, key, value);
                            builder.claudeField(key, StrictJson.compact(value));
                        } else {
                            unknown(path, key, "the manifest");
                        }
                    }
                }
            }
            urlReferences(root);
            return builder;
        }

        /** A URL scope's {@code ${user_config.KEY}} must name a declared non-sensitive option: a secret is no address. */
        private void urlReferences(JsonNode root) {
            JsonNode permissions = root.path("permissions");
            if (!permissions.isArray()) {
                return;
            }
            List<UserConfigOption> options = root.path("userConfig").isObject()
                    ? UserConfigOptions.read(root.get("userConfig"), JsonPath.ROOT, (where, message) -> { }) : List.of();
            for (int i = 0; i < permissions.size(); i++) {
                JsonNode scope = permissions.get(i).path("scope");
                String kind = permissions.get(i).path("kind").asString("");
                if (!scope.isString() || !kind.equals(PermissionKind.MCP_SERVER.id()) && !kind.equals(PermissionKind.NET_EGRESS.id())
                        || !scope.stringValue().startsWith("http")) {
                    continue;
                }
                for (String key : UserConfigUrl.keys(scope.stringValue())) {
                    Optional<UserConfigOption> option = options.stream().filter(o -> o.key().equals(key)).findFirst();
                    if (option.isEmpty() || option.get().sensitive()) {
                        error(JsonPath.child(JsonPath.index(JsonPath.child(JsonPath.ROOT, "permissions"), i), "scope"),
                                "${user_config." + key + "} " + (option.isEmpty() ? "is not an option userConfig declares"
                                : "is a sensitive option") + "; only a declared non-sensitive option may fill a URL");
                    }
                }
            }
        }

        private String kebab(JsonNode root, String field) {
            JsonNode node = root.get(field);
            if (node == null) {
                return null;
            }
            String path = JsonPath.child(JsonPath.ROOT, field);
            String value = string(path, node).orElse(null);
            if (value != null && (value.length() > 64 || !KEBAB.matcher(value).matches())) {
                error(path, field + " " + UnsafeCharacters.quote(value) + " must be kebab-case (lowercase letters,"
                        + " digits and single hyphens) and at most 64 characters, e.g. acme-tools");
                return null;
            }
            return value;
        }

        private Version version(JsonNode root) {
            JsonNode node = root.get("version");
            if (node == null) {
                return null;
            }
            String path = JsonPath.child(JsonPath.ROOT, "version");
            Optional<String> text = string(path, node);
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Version.parse(text.get());
            } catch (IllegalArgumentException e) {
                error(path, e.getMessage());
                return null;
            }
        }

        private Optional<String> string(String path, JsonNode node) {
            if (!node.isString()) {
                error(path, "must be a string, not " + typeName(node));
                return Optional.empty();
            }
            return Optional.of(node.stringValue());
        }

        private Optional<String> nonEmptyString(String path, JsonNode node, String what) {
            Optional<String> text = string(path, node);
            if (text.isPresent() && text.get().isBlank()) {
                error(path, what + " must not be empty");
                return Optional.empty();
            }
            return text;
        }

        private List<String> stringList(String path, JsonNode node) {
            return arrayOf(path, node, "an array of strings", this::string);
        }

        /**
         * @return what {@code item} reads from each element of the array {@code node}, leaving out elements it
         *         finds wrong; empty, with an error, if {@code node} is not an array
         */
        private <T> List<T> arrayOf(String path, JsonNode node, String what,
                BiFunction<String, JsonNode, Optional<T>> item) {
            List<T> values = new ArrayList<>();
            if (!node.isArray()) {
                error(path, "must be " + what + ", not " + typeName(node));
                return values;
            }
            for (int i = 0; i < node.size(); i++) {
                item.apply(JsonPath.index(path, i), node.get(i)).ifPresent(values::add);
            }
            return values;
        }

        private Optional<Author> author(String path, JsonNode node) {
            if (!node.isObject()) {
                error(path, "must be an object {\"name\": ..., \"email\": ..., \"url\": ...}, not " + typeName(node));
                return Optional.empty();
            }
            Optional<String> name = Optional.empty();
            Optional<String> email = Optional.empty();
            Optional<String> url = Optional.empty();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String childPath = JsonPath.child(path, field.getKey());
                switch (field.getKey()) {
                    case "name" -> name = nonEmptyString(childPath, field.getValue(), "the author's name");
                    case "email" -> email = string(childPath, field.getValue());
                    case "url" -> url = string(childPath, field.getValue());
                    default -> unknown(childPath, field.getKey(), "author");
                }
            }
            if (!node.has("name")) {
                error(JsonPath.child(path, "name"), "required field name is missing");
            }
            if (name.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Author(name.get(), email, url));
        }

        private void requires(String path, JsonNode node, PluginManifest.Builder builder) {
            if (!node.isObject()) {
                error(path, "must be an object such as {\"warden\": \">=0.1\"}, not " + typeName(node));
                return;
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                nonEmptyString(JsonPath.child(path, field.getKey()), field.getValue(), "a version requirement")
                        .ifPresent(range -> builder.requires(field.getKey(), range));
            }
        }

        private Optional<String> pluginClass(String path, JsonNode node) {
            Optional<String> name = string(path, node);
            if (name.isPresent() && !JAVA_NAME.matcher(name.get()).matches()) {
                error(path, "pluginClass " + UnsafeCharacters.quote(name.get())
                        + " must be a fully qualified Java class name, e.g. com.acme.weather.WeatherPlugin");
                return Optional.empty();
            }
            return name;
        }

        private List<Permission> permissions(String path, JsonNode node) {
            Set<String> seen = new HashSet<>();
            return arrayOf(path, node, "an array of permissions", (itemPath, item) -> permission(itemPath, item)
                    .filter(p -> firstTime(seen, p.kind().id() + " " + p.scope(), itemPath,
                            p.kind().id() + " " + UnsafeCharacters.quote(p.scope()) + " is declared twice; keep one")));
        }

        /** @return whether {@code key} is new to {@code seen}; if not, {@code message} is an error at {@code path} */
        private boolean firstTime(Set<String> seen, String key, String path, String message) {
            if (seen.add(key)) {
                return true;
            }
            error(path, message);
            return false;
        }

        private Optional<Permission> permission(String path, JsonNode node) {
            if (!node.isObject()) {
                error(path, "a permission must be an object with kind, scope and reason, not " + typeName(node));
                return Optional.empty();
            }
            PermissionKind kind = null;
            String scope = null;
            String reason = null;
            boolean optional = false;
            boolean valid = true;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String childPath = JsonPath.child(path, field.getKey());
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "kind" -> {
                        Optional<String> id = string(childPath, value);
                        kind = id.flatMap(PermissionKind::byId).orElse(null);
                        if (id.isPresent() && kind == null) {
                            error(childPath, "unknown permission kind " + UnsafeCharacters.quote(id.get())
                                    + "; use one of " + kindIds());
                        }
                    }
                    case "scope" -> scope = string(childPath, value).orElse(null);
                    case "reason" -> reason = nonEmptyString(childPath, value, "reason").orElse(null);
                    case "optional" -> {
                        if (value.isBoolean()) {
                            optional = value.booleanValue();
                        } else {
                            error(childPath, "must be true or false, not " + typeName(value));
                        }
                    }
                    default -> unknown(childPath, field.getKey(), "a permission");
                }
            }
            for (String required : List.of("kind", "scope", "reason")) {
                if (!node.has(required)) {
                    error(JsonPath.child(path, required), "required field " + required + " is missing"
                            + (required.equals("reason") ? "; tell the person why the plugin needs this" : ""));
                    valid = false;
                }
            }
            if (kind != null && scope != null) {
                try {
                    kind.checkScope(scope);
                } catch (IllegalArgumentException e) {
                    error(JsonPath.child(path, "scope"), e.getMessage());
                    valid = false;
                }
            }
            if (!valid || kind == null || scope == null || reason == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Permission(kind, scope, reason, optional));
            } catch (IllegalArgumentException e) {
                error(JsonPath.child(path, "reason"), e.getMessage());
                return Optional.empty();
            }
        }

        private List<ConnectorSpec> connectors(String path, JsonNode node) {
            Set<String> names = new HashSet<>();
            return arrayOf(path, node, "an array of connectors", (itemPath, item) -> connector(itemPath, item)
                    .filter(c -> firstTime(names, c.name(), JsonPath.child(itemPath, "name"),
                            "connector name " + c.name() + " is already used by another connector")));
        }

        private Optional<ConnectorSpec> connector(String path, JsonNode node) {
            if (!node.isObject()) {
                error(path, "a connector must be an object with name, description and inputSchema, not "
                        + typeName(node));
                return Optional.empty();
            }
            String name = null;
            String description = null;
            String schema = null;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String childPath = JsonPath.child(path, field.getKey());
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "name" -> {
                        name = string(childPath, value).orElse(null);
                        if (name != null && !ConnectorSpec.isValidName(name)) {
                            error(childPath, "connector name " + UnsafeCharacters.quote(name)
                                    + " must be 1 to 64 lowercase letters, digits, '_' or '-'");
                            name = null;
                        }
                    }
                    case "description" -> description = nonEmptyString(childPath, value, "description").orElse(null);
                    case "inputSchema" -> {
                        if (value.isObject()) {
                            schema = StrictJson.compact(value);
                        } else {
                            error(childPath, "inputSchema must be a JSON Schema object, not " + typeName(value));
                        }
                    }
                    default -> unknown(childPath, field.getKey(), "a connector");
                }
            }
            for (String required : List.of("name", "description", "inputSchema")) {
                if (!node.has(required)) {
                    error(JsonPath.child(path, required), "required field " + required + " is missing");
                }
            }
            if (name == null || description == null || schema == null) {
                return Optional.empty();
            }
            return Optional.of(new ConnectorSpec(name, description, schema));
        }

        /** Checks a Claude Code field's shape as loosely as Claude does, and keeps component paths inside the plugin. */
        private void claudeField(String path, String key, JsonNode value) {
            if (COMPONENT_FIELDS.contains(key)) {
                if (value.isString()) {
                    componentPath(path, value.stringValue());
                } else if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        JsonNode item = value.get(i);
                        if (item.isString()) {
                            componentPath(JsonPath.index(path, i), item.stringValue());
                        } else if (!item.isObject()) {
                            error(JsonPath.index(path, i), "must be a path or an object, not " + typeName(item));
                        }
                    }
                } else if (!value.isObject()) {
                    error(path, "must be a path, an array of paths, or an object, not " + typeName(value));
                }
                return;
            }
            switch (key) {
                case "$schema" -> string(path, value);
                case "userConfig" -> {
                    // a duplicate key or too deep a nesting is reported already, once
                    if (errors.stream().noneMatch(e -> JsonPath.isWithin(e.path(), path))) {
                        UserConfigOptions.read(value, path, this::error);
                    }
                }
                case "channels" -> {
                    if (!value.isArray()) {
                        error(path, "must be an array, not " + typeName(value));
                    }
                }
                case "dependencies" -> dependencies(path, value);
                default -> { }
            }
        }

        /**
         * Claude Code's {@code dependencies}: an array of {@code "name"}, {@code "name@marketplace"} or
         * {@code {"name", "version", "marketplace"}}, each plugin once, each range valid npm semver ({@link VersionRange}).
         */
        private void dependencies(String path, JsonNode value) {
            if (!value.isArray()) {
                error(path, "must be an array of plugin names or {\"name\", \"version\"} objects, not " + typeName(value));
                return;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                String itemPath = JsonPath.index(path, i);
                JsonNode item = value.get(i);
                Optional<String> name;
                if (item.isString()) {
                    String text = item.stringValue();
                    int at = text.indexOf('@');
                    name = dependencyName(itemPath, at < 0 ? text : text.substring(0, at));
                    if (at >= 0) {
                        marketplaceName(itemPath, text.substring(at + 1));
                    }
                } else if (item.isObject()) {
                    name = Optional.empty();
                    if (!item.has("name")) {
                        error(JsonPath.child(itemPath, "name"), "required field name is missing");
                    }
                    for (Map.Entry<String, JsonNode> field : item.properties()) {
                        String fieldPath = JsonPath.child(itemPath, field.getKey());
                        switch (field.getKey()) {
                            case "name" -> name = string(fieldPath, field.getValue()).flatMap(n -> dependencyName(fieldPath, n));
                            case "marketplace" -> string(fieldPath, field.getValue()).ifPresent(m -> marketplaceName(fieldPath, m));
                            case "version" -> string(fieldPath, field.getValue()).ifPresent(range -> {
                                try {
                                    VersionRange.parse(range);
                                } catch (IllegalArgumentException e) {
                                    error(fieldPath, e.getMessage());
                                }
                            });
                            default -> unknown(fieldPath, field.getKey(), "a dependency");
                        }
                    }
                } else {
                    error(itemPath, "must be a plugin name or a {\"name\", \"version\"} object, not " + typeName(item));
                    continue;
                }
                name.ifPresent(n -> firstTime(seen, n, itemPath, "the dependency " + n + " is declared twice; keep one"));
            }
        }

        private Optional<String> dependencyName(String path, String name) {
            int slash = name.indexOf('/');
            boolean valid = slash < 0 ? KEBAB.matcher(name).matches() && name.length() <= 64
                    : KEBAB.matcher(name.substring(0, slash)).matches() && KEBAB.matcher(name.substring(slash + 1)).matches()
                            && name.length() <= 129;
            if (!valid) {
                error(path, "dependency " + UnsafeCharacters.quote(name) + " must be a plugin name in kebab-case, e.g."
                        + " secrets-vault (or publisher/name)");
                return Optional.empty();
            }
            return Optional.of(name);
        }

        private void marketplaceName(String path, String name) {
            if (name.length() > 64 || !KEBAB.matcher(name).matches()) {
                error(path, "marketplace " + UnsafeCharacters.quote(name) + " must be a marketplace name in kebab-case,"
                        + " e.g. acme-tools");
            }
        }

        private void componentPath(String path, String value) {
            if (value.isEmpty() || value.startsWith("/") || value.indexOf('\\') >= 0
                    || value.length() > 1 && value.charAt(1) == ':') {
                error(path, "path " + UnsafeCharacters.quote(value)
                        + " must be relative to the plugin root with '/' separators, e.g. ./skills/");
                return;
            }
            for (String segment : value.split("/")) {
                if (segment.equals("..")) {
                    error(path, "path " + UnsafeCharacters.quote(value) + " must stay inside the plugin; remove '..'");
                    return;
                }
            }
        }
    }

    private static String kindIds() {
        StringBuilder out = new StringBuilder();
        for (PermissionKind kind : PermissionKind.values()) {
            out.append(out.length() == 0 ? "" : ", ").append(kind.id());
        }
        return out.toString();
    }
}
