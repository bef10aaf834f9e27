package dev.warden.manager.review;

import dev.warden.catalog.manifest.UserConfigOption;
import dev.warden.catalog.manifest.UserConfigOptions;
import dev.warden.manager.config.UserConfig;
import dev.warden.manager.config.UserConfigException;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.FrontMatter;
import dev.warden.io.UnsafeCharacters;
import dev.warden.catalog.permissions.PermissionCoverage;
import dev.warden.manager.gateway.ServerDeclaration;
import dev.warden.manager.gateway.ServerDeclarationReader;
import dev.warden.manager.gateway.ServerLaunchVerifier;
import dev.warden.manager.imports.ClaudeImportException;
import dev.warden.manager.imports.ClaudeJson;
import dev.warden.manager.runtime.SecretStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one plugin folder and its manifest's Claude fields into {@link PluginContents}, the way Claude Code finds
 * each part: its default place, or, for skills, commands and agents whose field names paths, those paths instead
 * (a plugin that wants its default folder too names it in the field, e.g. {@code ["./skills/", "./extra/"]}).
 * Nothing it cannot read is dropped: it becomes a problem the review shows.
 */
final class PluginContentsReader {

    private static final int MAX_MARKDOWN_BYTES = 1024 * 1024;
    private static final int MAX_ITEMS = 10_000;
    private static final int MAX_SETTING_CHARS = 200;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final String USER_CONFIG = "user_config.";

    private final Path root;
    private final PluginManifest manifest;
    private final List<String> problems = new ArrayList<>();
    /** Hooks a skill, sub-agent or command declares in its own front matter, which Claude Code runs while it is active. */
    private final List<PluginContents.Hook> frontMatterHooks = new ArrayList<>();

    private final UserConfig config;

    PluginContentsReader(Path root, PluginManifest manifest, UserConfig config) {
        this.root = root.toAbsolutePath().normalize();
        this.manifest = manifest;
        this.config = config;
    }

    /** The plugin's declared options with no value known: what the review says of a reference, not what fills it. */
    static UserConfig declared(PluginManifest manifest) {
        List<UserConfigOption> options;
        try {
            options = UserConfigOptions.of(manifest);
        } catch (IllegalStateException e) {
            options = List.of(); // the parser refuses such a manifest; a hand-made one is shown without its options
        }
        return new UserConfig(manifest.id(), options, Map.of(), name -> Optional.empty());
    }

    PluginContents read() {
        List<PluginContents.Item> skills = skills();
        List<PluginContents.Item> agents = markdown("agents", "agents", false);
        List<PluginContents.Item> commands = markdown("commands", "commands", true);
        List<PluginContents.Hook> hooks = hooks();
        hooks.addAll(frontMatterHooks);
        return new PluginContents(skills, agents, commands, hooks, mcpServers(), lspServers(), monitors(), programs(),
                settings(), problems);
    }

    // ---- skills, agents, commands

    private List<PluginContents.Item> skills() {
        Set<Path> files = new LinkedHashSet<>();
        if (!namesPaths("skills")) {
            skillFolders(root.resolve("skills"), files);
        }
        for (Path path : fieldPaths("skills")) {
            if (Files.isRegularFile(path.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
                files.add(path.resolve("SKILL.md"));
            } else {
                skillFolders(path, files);
            }
        }
        if (files.isEmpty() && Files.isRegularFile(root.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
            files.add(root.resolve("SKILL.md"));
        }
        List<PluginContents.Item> items = new ArrayList<>();
        for (Path file : files) {
            Path folder = file.getParent();
            item(file, folder.equals(root) ? manifest.id().name() : folder.getFileName().toString()).ifPresent(items::add);
        }
        return items;
    }

    private void skillFolders(Path dir, Set<Path> files) {
        for (Path folder : list(dir)) {
            if (Files.isRegularFile(folder.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
                files.add(folder.resolve("SKILL.md"));
            }
        }
    }

    /**
     * The markdown files of {@code dir} (all levels for commands, which Claude Code namespaces by sub-folder) and
     * the files or folders the manifest field names; a field given as an object lists commands by name.
     */
    private List<PluginContents.Item> markdown(String dir, String field, boolean nested) {
        Set<Path> files = new LinkedHashSet<>();
        if (!namesPaths(field)) {
            markdownFiles(root.resolve(dir), nested, files);
        }
        for (Path path : fieldPaths(field)) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                markdownFiles(path, nested, files);
            } else {
                files.add(path);
            }
        }
        List<PluginContents.Item> items = new ArrayList<>();
        for (Path file : files) {
            String fallback = file.getFileName().toString().replaceFirst("\\.md$", "");
            item(file, fallback).ifPresent(items::add);
        }
        manifest.claudeField(field).map(this::json).filter(JsonNode::isObject).ifPresent(byName -> {
            for (Map.Entry<String, JsonNode> entry : byName.properties()) {
                JsonNode value = entry.getValue();
                items.add(new PluginContents.Item(entry.getKey(), text(value, "description").orElse(""),
                        "plugin.json " + field + " " + text(value, "source").orElse("(inline)"),
                        tools(value.get("allowed-tools"))));
            }
        });
        return items;
    }

    private void markdownFiles(Path dir, boolean nested, Set<Path> files) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), nested ? 16 : 1,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
                                if (files.size() == MAX_ITEMS) {
                                    problems.add(relative(dir) + " holds more than " + MAX_ITEMS + " files; only the first are listed");
                                    return FileVisitResult.TERMINATE;
                                }
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            problems.add(relative(dir) + " cannot be listed: " + e.getMessage());
        }
        List<Path> sorted = files.stream().sorted().toList();
        files.clear();
        files.addAll(sorted);
    }

    private Optional<PluginContents.Item> item(Path file, String fallbackName) {
        String text;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_MARKDOWN_BYTES + 1);
            if (bytes.length > MAX_MARKDOWN_BYTES) {
                problems.add(relative(file) + " is larger than " + MAX_MARKDOWN_BYTES + " bytes and was not read");
                return Optional.of(new PluginContents.Item(fallbackName, "", relative(file)));
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(relative(file) + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        Map<String, String> front = FrontMatter.read(text).orElse(Map.of());
        List<String> hookLines = FrontMatterList.block(text, "hooks");
        if (!hookLines.isEmpty()) {
            String action = String.join(" ", hookLines);
            frontMatterHooks.add(new PluginContents.Hook("(while " + relative(file) + " is active)", "", "front matter",
                    action, relative(file), UnpinnedLaunch.of(List.of(action))));
        }
        return Optional.of(new PluginContents.Item(front.getOrDefault("name", fallbackName),
                front.getOrDefault("description", ""), relative(file), FrontMatterList.read(text, "allowed-tools")));
    }

    // ---- hooks

    private List<PluginContents.Hook> hooks() {
        return configured("hooks/hooks.json", "hooks", fieldParts("hooks"), this::hookConfig);
    }

    private void hookConfig(JsonNode node, String where, List<PluginContents.Hook> hooks) {
        JsonNode events = node.isObject() && node.path("hooks").isObject() ? node.get("hooks") : node;
        if (!events.isObject()) {
            problems.add(where + " is not an object of hook events; its hooks cannot be listed");
            return;
        }
        for (Map.Entry<String, JsonNode> event : events.properties()) {
            if (!event.getValue().isArray()) {
                problems.add(where + ": the hooks of " + quote(event.getKey()) + " are not an array and cannot be listed");
                continue;
            }
            for (JsonNode group : event.getValue()) {
                String matcher = text(group, "matcher").orElse("");
                JsonNode list = group.get("hooks");
                if (list == null || !list.isArray()) {
                    problems.add(where + ": an entry of " + quote(event.getKey()) + " has no hooks array and cannot be listed");
                    continue;
                }
                for (JsonNode hook : list) {
                    String type = text(hook, "type").orElse("command");
                    // a command that is not a string is shown as written: Warden cannot know how Claude Code reads it
                    String action = text(hook, "command").or(() -> text(hook, "prompt")).or(() -> text(hook, "url"))
                            .orElse(hook.toString());
                    Optional<String> unpinned = type.equals("command") ? UnpinnedLaunch.of(List.of(action)) : Optional.empty();
                    hooks.add(new PluginContents.Hook(event.getKey(), matcher, type, action, where, unpinned));
                }
            }
        }
    }

    // ---- MCP servers

    private List<PluginContents.McpServer> mcpServers() {
        ServerDeclarationReader.Found found = ServerDeclarationReader.read(manifest, root);
        problems.addAll(found.problems());
        List<PluginContents.McpServer> servers = new ArrayList<>();
        for (ServerDeclaration server : found.servers()) {
            List<PluginContents.Secret> secrets = new ArrayList<>();
            List<String> unfilled = new ArrayList<>();
            server.command().ifPresent(command -> references("program", command, secrets, unfilled));
            for (int i = 0; i < server.args().size(); i++) {
                references("argument " + (i + 1), server.args().get(i), secrets, unfilled);
            }
            server.env().forEach((name, value) -> references("env " + name, value, secrets, unfilled));
            server.headers().forEach((name, value) -> headerReferences("header " + name, value, secrets, unfilled));
            server.url().ifPresent(url -> references("url", url, secrets, unfilled));
            if (server.url().isPresent()) {
                String url = filledUrl(server.url().get());
                servers.add(new PluginContents.McpServer(server.name(), server.where(), "remote", "", List.of(),
                        url, host(url), secrets, remoteRunBy(server, unfilled), Optional.empty()));
                continue;
            }
            List<String> words = new ArrayList<>();
            words.add(server.command().orElseThrow());
            words.addAll(server.args());
            servers.add(new PluginContents.McpServer(server.name(), server.where(), "stdio", server.command().orElseThrow(),
                    server.args(), "", "", secrets, stdioRunBy(server, unfilled), UnpinnedLaunch.of(words)));
        }
        return servers;
    }

    /**
     * Who starts a stdio server, checked as {@code warden serve} checks it (ServerLaunchVerifier): the plugin must ask
     * for its {@code mcp.server} scope and for the {@code process.exec} of its program (a program shipped in the
     * plugin needs none; a bare name needs the {@code process.exec} of an absolute path with that file name, as
     * Warden never looks programs up on PATH), and every reference must be one Warden fills in.
     */
    private PluginContents.RunBy stdioRunBy(ServerDeclaration server, List<String> unfilled) {
        String scope = server.scope();
        Permission needed;
        try {
            needed = Permission.of(PermissionKind.MCP_SERVER, scope, "start the MCP server");
        } catch (IllegalArgumentException e) {
            return PluginContents.RunBy.nobody("no one: Warden cannot grant it as mcp.server (" + e.getMessage()
                    + "), so it never starts it");
        }
        if (!PermissionCoverage.coveredByAny(manifest.permissions(), needed)) {
            return PluginContents.RunBy.nobody("no one: the plugin does not ask for mcp.server " + scope
                    + ", so Warden never starts it");
        }
        List<String> grants = new ArrayList<>(List.of(PermissionKind.MCP_SERVER.id() + " " + scope));
        String program = server.command().orElseThrow().strip();
        String how;
        if (program.startsWith(ServerLaunchVerifier.PLUGIN_ROOT + "/")) {
            how = "running a program shipped in the plugin";
        } else {
            Optional<Permission> exec = program.startsWith("/") ? execCovering(program)
                    : manifest.permissions().stream().filter(p -> p.kind() == PermissionKind.PROCESS_EXEC)
                    .filter(p -> p.scope().startsWith("/") && p.scope().endsWith("/" + program)).findFirst();
            if (exec.isEmpty()) {
                return PluginContents.RunBy.nobody("no one: it runs " + program + (program.startsWith("/")
                        ? ", and the plugin does not ask for process.exec of it"
                        : " by name, and the plugin asks for no process.exec of a program of that name (Warden never"
                        + " looks programs up on PATH)") + ", so 'warden serve' refuses to start it");
            }
            grants.add(PermissionKind.PROCESS_EXEC.id() + " " + exec.get().scope());
            how = "running " + exec.get().scope();
        }
        if (!unfilled.isEmpty()) {
            return PluginContents.RunBy.nobody("no one as declared: it needs " + String.join(", ", unfilled)
                    + ", which Warden does not fill in, so 'warden serve' refuses to start it");
        }
        return new PluginContents.RunBy(true, grants, "Warden ('warden serve'), " + how + ", under "
                + String.join(" and ", grants));
    }

    private Optional<Permission> execCovering(String program) {
        try {
            Permission needed = Permission.of(PermissionKind.PROCESS_EXEC, program, "start the MCP server");
            return PermissionCoverage.coveredByAny(manifest.permissions(), needed) ? Optional.of(needed) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Records each {@code ${...}} of a value and what fills it in; those Warden does not fill go to {@code unfilled}. */
    /**
     * Who reaches a remote server, checked as {@code warden serve} checks it (ServerLaunchVerifier): the plugin must ask
     * for {@code mcp.server <url>} and {@code net.egress} of its origin, and every reference must be one Warden fills in.
     */
    private PluginContents.RunBy remoteRunBy(ServerDeclaration server, List<String> unfilled) {
        List<String> grants = new ArrayList<>();
        Optional<String> refused = ServerLaunchVerifier.remoteProblem(server, config);
        if (refused.isPresent()) {
            return PluginContents.RunBy.nobody("no one: " + refused.get() + ", so Warden never connects to it");
        }
        String url;
        try {
            url = config.url(server.url().orElseThrow());
        } catch (UserConfigException e) {
            return PluginContents.RunBy.nobody("no one as configured: " + e.getMessage() + ", so Warden does not connect to it");
        }
        Optional<String> origin = ServerLaunchVerifier.origin(url);
        List<Permission> asked = config.permissions(manifest.permissions());
        try {
            for (Permission needed : List.of(Permission.of(PermissionKind.MCP_SERVER, url, "start the MCP server"),
                    Permission.of(PermissionKind.NET_EGRESS, origin.get(), "reach the MCP server"))) {
                if (!PermissionCoverage.coveredByAny(asked, needed)) {
                    return PluginContents.RunBy.nobody("no one: the plugin does not ask for " + needed.kind().id() + " "
                            + needed.scope() + ", so Warden never connects to it");
                }
                grants.add(needed.kind().id() + " " + needed.scope());
            }
        } catch (IllegalArgumentException e) {
            return PluginContents.RunBy.nobody("no one: Warden cannot grant it (" + e.getMessage() + "), so it never connects to it");
        }
        if (!unfilled.isEmpty()) {
            return PluginContents.RunBy.nobody("no one as declared: it needs " + String.join(", ", unfilled)
                    + ", which Warden does not fill in, so 'warden serve' refuses to connect to it");
        }
        String transport = server.transport().equals(ServerDeclaration.LEGACY_SSE)
                ? "the legacy HTTP+SSE transport of MCP 2024-11-05: an event stream it opens, and messages POSTed to the"
                + " endpoint the server names, which must be of the same origin"
                : "Streamable HTTP";
        return new PluginContents.RunBy(true, grants, "Warden ('warden serve') connects to it as an MCP client ("
                + transport + ") under " + String.join(" and ", grants) + ", through the same egress checks as a"
                + " plugin's Http: that origin only, no private address unless granted, no redirect to another origin");
    }

    /** As {@link #references}, where a Claude Code {@code ${VAR}} is also a secret the person stores. */
    private void headerReferences(String in, String value, List<PluginContents.Secret> secrets, List<String> unfilled) {
        Matcher reference = REFERENCE.matcher(value);
        while (reference.find()) {
            String name = reference.group(1);
            String variable = ServerLaunchVerifier.variable(name);
            if (name.startsWith(USER_CONFIG) || !SecretStore.isName(variable)) {
                references(in, "${" + name + "}", secrets, unfilled);
                continue;
            }
            secrets.add(new PluginContents.Secret(in, "${" + name + "}", "the secret "
                    + ServerLaunchVerifier.userConfigSecret(manifest.id(), variable) + " you store with 'warden secret set'"
                    + (name.contains(":-") ? " (if not stored, the default written after :-)" : "")));
        }
    }

    private void references(String in, String value, List<PluginContents.Secret> secrets, List<String> unfilled) {
        Matcher reference = REFERENCE.matcher(value);
        while (reference.find()) {
            String name = reference.group(1);
            if (name.equals("CLAUDE_PLUGIN_ROOT")) {
                continue; // the plugin's own folder, no secret
            }
            String source;
            if (name.startsWith(USER_CONFIG) && config.isSetting(name.substring(USER_CONFIG.length()))) {
                String key = name.substring(USER_CONFIG.length());
                source = "your setting " + key + " (" + config.option(key).orElseThrow().type().id() + "), "
                        + config.setting(key).map(v -> "now " + UnsafeCharacters.quote(v)).orElse("not set")
                        + "; change it with '" + config.howToSet(key) + "'";
            } else if (name.startsWith(USER_CONFIG)) {
                source = "the secret " + ServerLaunchVerifier.userConfigSecret(manifest.id(), name.substring(USER_CONFIG.length()))
                        + (config.option(name.substring(USER_CONFIG.length())).isPresent()
                        ? " (a sensitive option) you set at install or with '" + config.howToSet(name.substring(USER_CONFIG.length())) + "'"
                        : " you store with 'warden secret set'");
            } else {
                String variable = name.contains(":-") ? name.substring(0, name.indexOf(":-")) : name;
                source = "your environment variable " + variable + " in Claude Code; Warden does not fill it in";
                unfilled.add("${" + name + "}");
            }
            secrets.add(new PluginContents.Secret(in, "${" + name + "}", source));
        }
    }

    /** @return the URL filled in with the settings known, or as declared when it cannot be */
    private String filledUrl(String url) {
        try {
            return config.urlProblem(url).isEmpty() ? config.url(url) : url;
        } catch (UserConfigException e) {
            return url;
        }
    }

    private static String host(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() == null ? "(no host)" : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return "(not a valid URL)";
        }
    }

    // ---- LSP servers, monitors

    private List<PluginContents.LspServer> lspServers() {
        return configured(".lsp.json", "lspServers", fieldParts("lspServers"), this::lspConfig);
    }

    private void lspConfig(JsonNode node, String where, List<PluginContents.LspServer> servers) {
        JsonNode byName = node.path("lspServers").isObject() && node.size() == 1 ? node.get("lspServers") : node;
        if (!byName.isObject()) {
            problems.add(where + " is not an object of LSP servers by name; they cannot be listed");
            return;
        }
        for (Map.Entry<String, JsonNode> server : byName.properties()) {
            Optional<String> command = text(server.getValue(), "command");
            if (command.isEmpty()) {
                problems.add(where + ": the LSP server " + quote(server.getKey()) + " has no command Warden can read: "
                        + server.getValue());
                continue;
            }
            List<String> args = strings(server.getValue().get("args"), where + ": the args of the LSP server " + quote(server.getKey()));
            List<String> words = new ArrayList<>(List.of(command.get()));
            words.addAll(args);
            servers.add(new PluginContents.LspServer(server.getKey(), command.get(), args, where, UnpinnedLaunch.of(words)));
        }
    }

    private List<PluginContents.Monitor> monitors() {
        // unlike fieldParts, a null "monitors" is one part, which monitorConfig reports
        Optional<JsonNode> field = manifest.claudeField("monitors").map(this::json);
        List<JsonNode> parts = field.filter(JsonNode::isArray).map(a -> a.valueStream().toList())
                .orElse(field.map(List::of).orElse(List.of()));
        return configured("monitors/monitors.json", "monitors", parts, this::monitorConfig);
    }

    private void monitorConfig(JsonNode node, String where, List<PluginContents.Monitor> monitors) {
        JsonNode list = node.path("monitors").isArray() ? node.get("monitors") : node;
        List<JsonNode> entries = list.isArray() ? list.valueStream().toList() : List.of(list);
        for (JsonNode monitor : entries) {
            Optional<String> command = text(monitor, "command");
            if (command.isEmpty()) {
                problems.add(where + ": a monitor has no command Warden can read: " + monitor);
                continue;
            }
            monitors.add(new PluginContents.Monitor(text(monitor, "name").orElse("(unnamed)"), command.get(),
                    text(monitor, "description").orElse(""), where, UnpinnedLaunch.of(List.of(command.get()))));
        }
    }

    // ---- bin/, settings.json

    private List<String> programs() {
        List<String> programs = new ArrayList<>();
        Path bin = root.resolve("bin");
        if (!Files.isDirectory(bin, LinkOption.NOFOLLOW_LINKS)) {
            return programs;
        }
        try {
            Files.walkFileTree(bin, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (programs.size() == MAX_ITEMS) {
                        problems.add("bin/ holds more than " + MAX_ITEMS + " files; only the first are listed");
                        return FileVisitResult.TERMINATE;
                    }
                    programs.add(relative(file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add("bin/ cannot be listed: " + e.getMessage());
        }
        return programs.stream().sorted().toList();
    }

    private List<String> settings() {
        List<String> settings = new ArrayList<>();
        Path file = root.resolve("settings.json");
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return settings;
        }
        readJson(file).ifPresent(node -> {
            if (!node.isObject()) {
                problems.add("settings.json is not a JSON object; its settings cannot be listed");
                return;
            }
            for (Map.Entry<String, JsonNode> setting : node.properties()) {
                String value = setting.getValue().toString();
                settings.add(setting.getKey() + " = " + (value.length() > MAX_SETTING_CHARS
                        ? value.substring(0, MAX_SETTING_CHARS) + "... (" + value.length() + " characters)" : value));
            }
        });
        return settings;
    }

    // ---- shared

    /** Adds the entries of one configuration object, declared at {@code where}, to {@code into}. */
    @FunctionalInterface
    private interface ConfigReader<T> {
        void read(JsonNode node, String where, List<T> into);
    }

    /**
     * The entries of a component read from its default file and from the parts of its manifest field, each a
     * file inside the plugin or an inline object; a part naming the default file does not read it twice.
     */
    private <T> List<T> configured(String defaultFile, String field, List<JsonNode> parts, ConfigReader<T> reader) {
        List<T> entries = new ArrayList<>();
        Path file = root.resolve(defaultFile);
        boolean defaultRead = false;
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            readJson(file).ifPresent(node -> reader.read(node, relative(file), entries));
            defaultRead = true;
        }
        for (JsonNode part : parts) {
            if (part.isString()) {
                Optional<Path> path = inside(part.stringValue(), field);
                if (path.isPresent() && !(defaultRead && path.get().equals(file))) {
                    readJson(path.get()).ifPresent(node -> reader.read(node, relative(path.get()), entries));
                }
            } else {
                reader.read(part, "plugin.json " + field, entries);
            }
        }
        return entries;
    }

    /** The parts of a manifest field that is one value or an array of values. */
    private List<JsonNode> fieldParts(String field) {
        Optional<JsonNode> value = manifest.claudeField(field).map(this::json);
        if (value.isEmpty() || value.get().isNull()) {
            return List.of();
        }
        return value.get().isArray() ? value.get().valueStream().toList() : List.of(value.get());
    }

    /** Whether a manifest field names paths, which then replace the part's default folder as in Claude Code. */
    private boolean namesPaths(String field) {
        return fieldParts(field).stream().anyMatch(JsonNode::isString);
    }

    /** The paths a manifest field names, as a string or an array of strings, each inside the plugin. */
    private List<Path> fieldPaths(String field) {
        List<Path> paths = new ArrayList<>();
        for (JsonNode part : fieldParts(field)) {
            if (part.isString()) {
                inside(part.stringValue(), field).ifPresent(paths::add);
            }
        }
        return paths;
    }

    private Optional<Path> inside(String path, String field) {
        String relativePath = path.replace("${CLAUDE_PLUGIN_ROOT}/", "./");
        try {
            Path resolved = root.resolve(relativePath).normalize();
            if (relativePath.startsWith("/") || !resolved.startsWith(root)) {
                problems.add("plugin.json " + field + " names " + quote(path) + ", which is outside the plugin; not read");
                return Optional.empty();
            }
            if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("plugin.json " + field + " names " + quote(path) + ", which the plugin does not contain");
                return Optional.empty();
            }
            return Optional.of(resolved);
        } catch (InvalidPathException e) {
            problems.add("plugin.json " + field + " names " + quote(path) + ", which is not a path");
            return Optional.empty();
        }
    }

    private Optional<JsonNode> readJson(Path file) {
        try {
            return Optional.of(ClaudeJson.read(root, file));
        } catch (ClaudeImportException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private JsonNode json(String raw) {
        return ClaudeJson.readStored(raw);
    }

    private List<String> strings(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.valueStream().anyMatch(v -> !v.isString())) {
            problems.add(what + " are not an array of strings; shown as written: " + node);
            return List.of(node.toString());
        }
        return node.valueStream().map(JsonNode::stringValue).toList();
    }

    private static List<String> tools(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            return node.valueStream().map(v -> v.isString() ? v.stringValue() : v.toString()).toList();
        }
        return FrontMatterList.split(node.isString() ? node.stringValue() : node.toString());
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
    }

    private String relative(Path file) {
        return ClaudeJson.relative(root, file);
    }

    private static String quote(String text) {
        return UnsafeCharacters.quote(text);
    }

    private List<Path> list(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (var entries = Files.list(dir)) {
            List<Path> found = entries.sorted().limit(MAX_ITEMS + 1L).toList();
            if (found.size() > MAX_ITEMS) {
                problems.add(relative(dir) + " holds more than " + MAX_ITEMS + " entries; only the first are listed");
                return found.subList(0, MAX_ITEMS);
            }
            return found;
        } catch (IOException e) {
            problems.add(relative(dir) + " cannot be listed: " + e.getMessage());
            return List.of();
        }
    }
}
