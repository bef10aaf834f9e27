package dev.warden.manager.imports;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.io.UnsafeCharacters;
import dev.warden.registry.mcp.McpEnvVar;
import dev.warden.registry.mcp.McpHeader;
import dev.warden.registry.mcp.McpPackage;
import dev.warden.registry.mcp.McpRemote;
import dev.warden.registry.mcp.McpServerListing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an imported server is started, and the permissions that says it needs: a hosted remote when
 * there is one Warden can name exactly (streamable HTTP before SSE), otherwise the first package that is
 * an MCPB bundle with its file's hash, or a stdio package of a kind with a one-shot runner (npm, PyPI,
 * OCI, NuGet), pinned to its version.
 *
 * @param entry      the server's entry in {@code .mcp.json}
 * @param permissions what starting it takes, as the manifest will declare it
 * @param variables  the values the person has to set: environment variables, or a remote's URL and header variables
 * @param bundle     the MCPB package to install from its file instead, when that is the way chosen; entry
 *                   and permissions are then empty, as they come from the bundle's own manifest
 */
record McpLaunch(ObjectNode entry, List<Permission> permissions, List<McpEnvVar> variables, Optional<McpPackage> bundle) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A pinned version a package runner accepts: no ranges, tags or spaces. */
    private static final Pattern PINNED = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]*");
    private static final int MAX_WORD = 512;

    static McpLaunch choose(McpServerListing server, McpRunnerPath runners) throws McpImportException {
        List<String> refusals = new ArrayList<>();
        for (String type : List.of("streamable-http", "sse")) {
            for (McpRemote remote : server.remotes()) {
                if (remote.type().equals(type)) {
                    Optional<McpLaunch> launch = remote(server, remote, refusals);
                    if (launch.isPresent()) {
                        return launch.get();
                    }
                }
            }
        }
        for (McpPackage pkg : server.packages()) {
            if (pkg.registryType().equalsIgnoreCase(McpPackage.MCPB)) {
                if (pkg.fileSha256().isPresent()) {
                    return new McpLaunch(NODES.objectNode(), List.of(), pkg.environmentVariables(), Optional.of(pkg));
                }
                refusals.add("MCPB package " + q(pkg.identifier()) + " has no fileSha256, so its file could not be checked");
                continue;
            }
            if (!pkg.transportType().equals("stdio")) {
                refusals.add("package " + q(pkg.identifier()) + ": transport " + q(pkg.transportType())
                        + " needs the package running as a local web server, which Warden does not start");
                continue;
            }
            Optional<McpLaunch> launch = stdio(server, pkg, runners, refusals);
            if (launch.isPresent()) {
                return launch.get();
            }
        }
        if (server.remotes().isEmpty() && server.packages().isEmpty()) {
            refusals.add("the registry lists neither a remote nor a package for it");
        }
        throw new McpImportException("the MCP server " + q(server.name()) + " " + q(server.version())
                + " offers no way to start it that Warden can declare: " + String.join("; ", refusals)
                + ". Pick another server, or write the plugin by hand with `warden dev new`");
    }

    private static Optional<McpLaunch> remote(McpServerListing server, McpRemote remote, List<String> refusals) {
        String url = remote.url();
        try {
            RemoteUrlTemplate template = RemoteUrlTemplate.parse(url, remote.variables());
            List<McpEnvVar> options = new ArrayList<>();
            for (String name : template.variables()) {
                remote.variables().stream().filter(v -> v.name().equals(name)).findFirst().ifPresent(options::add);
            }
            ObjectNode headers = NODES.objectNode();
            for (McpHeader header : remote.headers()) {
                headers.put(header.name(), headerValue(header, options));
            }
            Set<String> names = new HashSet<>();
            for (McpEnvVar option : options) {
                if (!names.add(option.name())) {
                    throw new IllegalArgumentException("it names the value " + option.name() + " twice");
                }
            }
            Permission connect = Permission.of(PermissionKind.MCP_SERVER, template.url(),
                    "Connect to the MCP server " + server.name() + " from the MCP Registry");
            Permission egress = Permission.of(PermissionKind.NET_EGRESS, template.origin(),
                    "Reach the host of the MCP server " + server.name());
            ObjectNode entry = NODES.objectNode();
            entry.put("type", remote.type().equals("sse") ? "sse" : "http");
            entry.put("url", template.url());
            if (!headers.isEmpty()) {
                entry.set("headers", headers);
            }
            return Optional.of(new McpLaunch(entry, List.of(connect, egress), options, Optional.empty()));
        } catch (IllegalArgumentException e) {
            refusals.add("remote " + q(url) + " cannot be declared: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A header's value with each {@code {NAME}} as {@code ${user_config.NAME}}, its variables added to
     * {@code options}; a header without a value is one option of its own, named after the header.
     */
    private static String headerValue(McpHeader header, List<McpEnvVar> options) {
        if (header.value().isEmpty()) {
            String name = header.name().replace('-', '_');
            options.add(new McpEnvVar(name, header.description().isBlank() ? "The " + header.name() + " header"
                    : header.description(), header.required(), header.secret()));
            return RemoteUrlTemplate.USER_CONFIG + name + "}";
        }
        String value = header.value().get();
        for (McpEnvVar variable : header.variables()) {
            String reference = "{" + variable.name() + "}";
            if (value.contains(reference)) {
                value = value.replace(reference, RemoteUrlTemplate.USER_CONFIG + variable.name() + "}");
                // a variable of a secret header is a secret, whatever the variable itself says
                options.add(header.secret() && !variable.secret() ? new McpEnvVar(variable.name(), variable.description(),
                        variable.required(), true, variable.format(), variable.defaultValue(), variable.choices()) : variable);
            }
        }
        String unfilled = value.replace(RemoteUrlTemplate.USER_CONFIG, "");
        if (unfilled.indexOf('{') >= 0 || unfilled.indexOf('$') >= 0) {
            throw new IllegalArgumentException("its header " + header.name() + " has a {NAME} the entry does not describe,"
                    + " or a '$'");
        }
        return value;
    }

    private static Optional<McpLaunch> stdio(McpServerListing server, McpPackage pkg, McpRunnerPath runners,
                                             List<String> refusals) {
        String identifier = pkg.identifier();
        String version = pkg.version();
        String kind = pkg.registryType().toLowerCase(Locale.ROOT);
        boolean ociPinnedInName = kind.equals("oci") && (identifier.contains("@sha256:")
                || identifier.substring(identifier.lastIndexOf('/') + 1).contains(":"));
        if (!ociPinnedInName && (!PINNED.matcher(version).matches() || version.equalsIgnoreCase("latest"))) {
            refusals.add("package " + q(identifier) + " has no fixed version (" + (version.isEmpty() ? "none" : q(version))
                    + "), so what runs could change without review");
            return Optional.empty();
        }
        List<String> prefix = new ArrayList<>();
        String pinned;
        List<String> suffix = new ArrayList<>();
        switch (kind) {
            case "npm" -> {
                prefix.addAll(List.of("npx", "-y"));
                pinned = identifier + "@" + version;
            }
            case "pypi" -> {
                prefix.add("uvx");
                pinned = identifier + "==" + version;
            }
            case "oci" -> {
                prefix.addAll(List.of("docker", "run", "-i", "--rm"));
                // docker passes each named variable from its own environment into the container
                for (McpEnvVar variable : pkg.environmentVariables()) {
                    prefix.add("-e");
                    prefix.add(variable.name());
                }
                pinned = ociPinnedInName ? identifier : identifier + ":" + version;
            }
            case "nuget" -> {
                prefix.add("dnx");
                pinned = identifier + "@" + version;
                suffix.add("--yes");
            }
            default -> {
                refusals.add("package " + q(identifier) + " is of registry type " + q(pkg.registryType())
                        + ", which has no one-shot runner Warden knows");
                return Optional.empty();
            }
        }
        List<String> words = new ArrayList<>(prefix);
        // publishers often repeat the runner's own words ("run", "-i", the image) as runtime arguments
        Set<String> already = new LinkedHashSet<>(prefix);
        already.add(identifier);
        pkg.runtimeArguments().stream().filter(word -> !already.contains(word)).forEach(words::add);
        words.add(pinned);
        words.addAll(suffix);
        words.addAll(pkg.packageArguments());
        for (String word : words) {
            if (word.isEmpty() || word.length() > MAX_WORD || word.chars().anyMatch(Character::isWhitespace)) {
                refusals.add("package " + q(identifier) + " has the argument " + q(word)
                        + ", which is empty, too long or has spaces and so cannot be shown as one command line");
                return Optional.empty();
            }
        }
        String commandLine = String.join(" ", words);
        List<Permission> permissions = new ArrayList<>();
        try {
            permissions.add(Permission.of(PermissionKind.MCP_SERVER, "stdio:" + commandLine,
                    "Start the MCP server " + server.name() + " from the MCP Registry"));
        } catch (IllegalArgumentException e) {
            refusals.add("package " + q(identifier) + " cannot be declared: " + e.getMessage());
            return Optional.empty();
        }
        String runner = words.get(0);
        runners.find(runner).map(Path::toString).flatMap(program -> exec(program, runner, server))
                .ifPresent(permissions::add);
        ObjectNode entry = NODES.objectNode();
        entry.put("command", runner);
        ArrayNode args = entry.putArray("args");
        words.subList(1, words.size()).forEach(args::add);
        if (!pkg.environmentVariables().isEmpty()) {
            ObjectNode env = entry.putObject("env");
            for (McpEnvVar variable : pkg.environmentVariables()) {
                env.put(variable.name(), "${user_config." + variable.name() + "}");
            }
        }
        return Optional.of(new McpLaunch(entry, permissions, pkg.environmentVariables(), Optional.empty()));
    }

    /** A runner found in a folder whose path Warden cannot write as a scope (spaces, odd segments) gets no process.exec. */
    private static Optional<Permission> exec(String program, String runner, McpServerListing server) {
        if (program.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Permission.of(PermissionKind.PROCESS_EXEC, program,
                    "Run " + runner + ", which starts the MCP server " + server.name()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String q(String text) {
        return UnsafeCharacters.quote(text);
    }
}
