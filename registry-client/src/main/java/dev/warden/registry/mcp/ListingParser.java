package dev.warden.registry.mcp;

import dev.warden.io.Digests;
import dev.warden.io.JsonPath;
import dev.warden.io.JsonProblem;
import dev.warden.io.StrictJson;
import dev.warden.io.UnsafeCharacters;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one page of {@code GET /v0.1/servers} (or the older snake_case {@code /v0/servers}) into
 * listings. A page that is not JSON, or whose own fields are bad, is refused as a whole; an entry
 * that is malformed or carries unsafe text is skipped and reported, and the rest of the page is used.
 */
final class ListingParser {

    static final String OFFICIAL_META = "io.modelcontextprotocol.registry/official";

    /** The registry's own rule for server names: a reverse-DNS namespace, a slash, and a name. */
    private static final Pattern SERVER_NAME = Pattern.compile("[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+");
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_FIELD_LENGTH = 2048;
    /** Variables or headers of one package or remote: far more than any server needs. */
    private static final int MAX_INPUTS = 64;
    private static final int MAX_CHOICES = 100;
    private static final Pattern STATUS = Pattern.compile("[a-z][a-z_-]{0,31}");

    /**
     * @param entries    the listings read
     * @param skipped    one message per entry left out
     * @param nextCursor the cursor of the next page; empty on the last page
     */
    record Page(List<McpServerListing> entries, List<String> skipped, Optional<String> nextCursor) {
    }

    /** The deepest nesting a listing needs. */
    static final int MAX_DEPTH = 32;

    /**
     * Notes duplicate keys and unsafe text with their paths rather than stopping, so that only the entry
     * holding them is dropped.
     */
    private static final StrictJson READER = StrictJson.builder().maxDepth(MAX_DEPTH)
            .maxStringLength(1024 * 1024).maxNumberLength(64).numbers(StrictJson.Numbers.DECIMAL)
            .refuseUnsafeText().build();

    private ListingParser() {
    }

    /**
     * @return the tree and its duplicate keys and unsafe text
     * @throws IllegalArgumentException for malformed JSON, excessive nesting or trailing data, saying where
     */
    static StrictJson.Result read(byte[] json) {
        StrictJson.Result result = READER.readAll(json);
        List<JsonProblem> problems = new ArrayList<>();
        for (JsonProblem problem : result.problems()) {
            switch (problem.kind()) {
                case EMPTY -> throw new IllegalArgumentException("the body is empty; expected a JSON object");
                case MALFORMED, TRAILING -> throw new IllegalArgumentException(problem.message());
                case TOO_DEEP -> throw new IllegalArgumentException(problem.path() + " is " + problem.message());
                case DUPLICATE_KEY -> problems.add(new JsonProblem(problem.kind(), problem.path(), "the key "
                        + UnsafeCharacters.quote(problem.detail()) + " appears twice in one object, so its meaning is ambiguous",
                        problem.detail(), problem.line(), problem.column()));
                default -> problems.add(problem);
            }
        }
        return new StrictJson.Result(result.root(), problems);
    }

    /**
     * @param label names the page in messages, e.g. {@code page 3 (https://r.example/v0.1/servers?cursor=x)}
     * @throws IllegalArgumentException when the page as a whole cannot be used
     */
    static Page page(byte[] body, String label) {
        StrictJson.Result tree = read(body);
        Fields root = Fields.of(tree.root().orElseThrow(), JsonPath.ROOT);
        List<Fields.Named> items = root.array("servers");
        List<JsonProblem> pageProblems = new ArrayList<>(tree.problems());
        for (Fields.Named item : items) {
            pageProblems.removeIf(p -> JsonPath.isWithin(p.path(), item.name()));
        }
        if (!pageProblems.isEmpty()) {
            JsonProblem first = pageProblems.get(0);
            throw new IllegalArgumentException(first.path() + ": " + first.message());
        }
        Optional<String> cursor = root.object("metadata")
                .flatMap(metadata -> metadata.line("nextCursor", "next_cursor"))
                .filter(next -> !next.isEmpty());
        List<McpServerListing> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Fields.Named item : items) {
            List<JsonProblem> problems = tree.problems().stream()
                    .filter(p -> JsonPath.isWithin(p.path(), item.name())).toList();
            try {
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException(problems.get(0).path() + ": " + problems.get(0).message());
                }
                entries.add(entry(item.value(), item.name()));
            } catch (IllegalArgumentException e) {
                skipped.add(label + ", entry " + item.name() + nameOf(item.value()) + " skipped: " + e.getMessage());
            }
        }
        return new Page(entries, skipped, cursor);
    }

    /** The entry's name for a message, when it is readable. */
    private static String nameOf(JsonNode item) {
        JsonNode server = item.isObject() && item.get("server") != null ? item.get("server") : item;
        JsonNode name = server.isObject() ? server.get("name") : null;
        return name != null && name.isString() ? " (" + UnsafeCharacters.quote(name.stringValue()) + ")" : "";
    }

    /** Reads one item of {@code servers}: {@code {"server": {...}, "_meta": {...}}}, or the server itself (v0). */
    static McpServerListing entry(JsonNode node, String path) {
        Fields item = Fields.of(node, path);
        Fields server = item.object("server").orElse(item);
        Optional<Fields> official = item.object("_meta")
                .or(() -> server == item ? Optional.empty() : server.object("_meta"))
                .flatMap(meta -> meta.object(OFFICIAL_META));

        String name = server.requiredLine("name");
        if (name.length() > MAX_NAME_LENGTH || !SERVER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(server.pathOf("name") + " " + UnsafeCharacters.quote(name)
                    + " is not a registry server name such as io.github.user/weather");
        }
        String version = server.line("version")
                .or(() -> server.object("version_detail", "versionDetail").flatMap(detail -> detail.line("version")))
                .orElseThrow(() -> new IllegalArgumentException(server.pathOf("version") + " is missing"));
        token(server.pathOf("version"), version);
        String description = server.string("description").orElse("");
        Optional<String> title = server.line("title").filter(t -> !t.isBlank());
        Optional<String> repository = server.object("repository")
                .flatMap(repo -> repo.line("url").map(url -> token(repo.pathOf("url"), url)))
                .filter(url -> !url.isEmpty());
        List<McpPackage> packages = new ArrayList<>();
        for (Fields.Named p : server.array("packages")) {
            packages.add(pkg(Fields.of(p.value(), p.name())));
        }
        List<McpRemote> remotes = new ArrayList<>();
        for (Fields.Named r : server.array("remotes")) {
            remotes.add(remote(Fields.of(r.value(), r.name())));
        }
        String status = official.flatMap(o -> o.line("status")).or(() -> server.line("status"))
                .map(s -> s.toLowerCase(Locale.ROOT)).orElse("active");
        if (!STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException(path + " has the unknown status " + UnsafeCharacters.quote(status));
        }
        Optional<Instant> updatedAt = official.flatMap(o -> o.line("updatedAt", "updated_at")
                .map(text -> instant(o.pathOf("updatedAt"), text)));
        boolean latest = official.flatMap(o -> o.bool("isLatest", "is_latest")).orElse(true);
        try {
            return new McpServerListing(name, version, description, title, repository, packages, remotes,
                    updatedAt, latest, status);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static McpPackage pkg(Fields p) {
        String registryType = p.requiredLine("registryType", "registry_type", "registry_name");
        String identifier = token(p.pathOf("identifier"), p.requiredLine("identifier", "name"));
        String version = p.line("version").map(v -> token(p.pathOf("version"), v)).orElse("");
        Optional<String> runtimeHint = p.line("runtimeHint", "runtime_hint").map(h -> token(p.pathOf("runtimeHint"), h))
                .filter(h -> !h.isEmpty());
        String transport = p.object("transport").flatMap(t -> t.line("type"))
                .or(() -> p.line("transport_type", "transportType"))
                .orElse("stdio");
        List<String> runtimeArguments = arguments(p, "runtimeArguments", "runtime_arguments");
        List<String> packageArguments = arguments(p, "packageArguments", "package_arguments");
        List<McpEnvVar> variables = new ArrayList<>();
        for (Fields.Named item : limited(p, MAX_INPUTS, "environmentVariables", "environment_variables")) {
            Fields v = Fields.of(item.value(), item.name());
            variables.add(input(v, v.requiredLine("name"), "an environment variable"));
        }
        Optional<String> fileSha256 = p.line("fileSha256", "file_sha256").map(hash -> {
            if (!Digests.isSha256Hex(hash)) {
                throw new IllegalArgumentException(p.pathOf("fileSha256") + " " + UnsafeCharacters.quote(hash)
                        + " is not a SHA-256 digest (64 lowercase hex digits)");
            }
            return hash;
        });
        try {
            return new McpPackage(registryType, identifier, version, runtimeHint, transport, runtimeArguments,
                    packageArguments, variables, fileSha256);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Command-line words of the arguments that have a fixed value. An argument whose value the person
     * must supply (none given, or a {@code {placeholder}}) is left out.
     */
    private static List<String> arguments(Fields p, String... spellings) {
        List<String> words = new ArrayList<>();
        for (Fields.Named item : p.array(spellings)) {
            Fields a = Fields.of(item.value(), item.name());
            String type = a.line("type").orElse("positional");
            Optional<String> value = a.line("value").or(() -> a.line("default"))
                    .filter(v -> !v.isEmpty() && v.indexOf('{') < 0);
            boolean flag = a.line("format").filter("boolean"::equals).isPresent();
            switch (type) {
                case "positional" -> value.ifPresent(words::add);
                case "named" -> {
                    String name = a.requiredLine("name");
                    if (name.isEmpty() || Texts.hasWhitespace(name)) {
                        throw new IllegalArgumentException(a.pathOf("name") + " " + UnsafeCharacters.quote(name)
                                + " must be one word such as --port");
                    }
                    if (flag) {
                        value.filter("true"::equals).ifPresent(v -> words.add(name));
                    } else {
                        value.ifPresent(v -> {
                            words.add(name);
                            words.add(v);
                        });
                    }
                }
                default -> {
                    // an argument kind this reader does not know: leaving it out is what a person would have to decide
                }
            }
        }
        return words;
    }

    private static McpRemote remote(Fields r) {
        String type = r.line("type", "transport_type").orElse("streamable-http");
        String url = token(r.pathOf("url"), r.requiredLine("url"));
        List<McpEnvVar> variables = variables(r);
        List<McpHeader> headers = new ArrayList<>();
        for (Fields.Named item : limited(r, MAX_INPUTS, "headers")) {
            Fields h = Fields.of(item.value(), item.name());
            String name = h.requiredLine("name");
            Optional<String> value = h.line("value").filter(v -> !v.isEmpty());
            value.ifPresent(v -> limit(h.pathOf("value"), v));
            try {
                headers.add(new McpHeader(name, value, description(h), h.bool("isRequired", "is_required").orElse(false),
                        h.bool("isSecret", "is_secret").orElse(false), variables(h)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(h.path() + ": " + e.getMessage(), e);
            }
        }
        try {
            return new McpRemote(type, url, variables, headers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(r.path() + ": " + e.getMessage(), e);
        }
    }

    /** The {@code variables} object of a URL or header: each member an input named by its key. */
    private static List<McpEnvVar> variables(Fields owner) {
        List<Fields.Named> members = owner.members("variables");
        if (members.size() > MAX_INPUTS) {
            throw new IllegalArgumentException(owner.pathOf("variables") + " has " + members.size()
                    + " variables; at most " + MAX_INPUTS + " are read");
        }
        List<McpEnvVar> variables = new ArrayList<>();
        for (Fields.Named member : members) {
            Fields v = Fields.of(member.value(), JsonPath.child(owner.pathOf("variables"), member.name()));
            variables.add(input(v, member.name(), "a variable"));
        }
        return variables;
    }

    /** An input of the 2025-12-11 schema: description, isRequired, isSecret, format, default and choices. */
    private static McpEnvVar input(Fields v, String name, String what) {
        if (!Texts.isEnvName(name)) {
            throw new IllegalArgumentException(v.path() + " has the name " + UnsafeCharacters.quote(name) + ", which is not "
                    + what + " name (letters, digits and '_', not starting with a digit, at most 128)");
        }
        String format = v.line("format").orElse("string");
        if (!McpEnvVar.FORMATS.contains(format)) {
            throw new IllegalArgumentException(v.pathOf("format") + " " + UnsafeCharacters.quote(format) + " is not one of "
                    + String.join(", ", McpEnvVar.FORMATS.stream().sorted().toList()));
        }
        Optional<String> defaultValue = v.line("default").map(d -> limit(v.pathOf("default"), d));
        List<String> choices = new ArrayList<>();
        for (Fields.Named choice : limited(v, MAX_CHOICES, "choices")) {
            if (!choice.value().isString()) {
                throw new IllegalArgumentException(choice.name() + " must be a string, not " + StrictJson.typeName(choice.value()));
            }
            choices.add(limit(choice.name(), choice.value().stringValue()));
        }
        return new McpEnvVar(name, description(v), v.bool("isRequired", "is_required").orElse(false),
                v.bool("isSecret", "is_secret").orElse(false), format, defaultValue, choices);
    }

    private static String description(Fields v) {
        return limit(v.pathOf("description"), v.string("description").orElse(""));
    }

    /** The array's items, refused when there are more than {@code max}. */
    private static List<Fields.Named> limited(Fields owner, int max, String... spellings) {
        List<Fields.Named> items = owner.array(spellings);
        if (items.size() > max) {
            throw new IllegalArgumentException(owner.pathOf(spellings[0]) + " has " + items.size() + " items; at most "
                    + max + " are read");
        }
        return items;
    }

    private static String limit(String path, String value) {
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException(path + " is " + value.length() + " characters long; at most "
                    + MAX_FIELD_LENGTH + " are read");
        }
        return value;
    }

    /** A value that must be one word: a version, an identifier, a URL. */
    private static String token(String path, String value) {
        if (Texts.hasWhitespace(value) || value.length() > MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException(path + " " + UnsafeCharacters.quote(value)
                    + " must be one word of at most " + MAX_FIELD_LENGTH + " characters");
        }
        return value;
    }

    private static Instant instant(String path, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(path + " " + UnsafeCharacters.quote(text)
                    + " is not an RFC 3339 time such as 2025-09-01T12:00:00Z", e);
        }
    }
}
