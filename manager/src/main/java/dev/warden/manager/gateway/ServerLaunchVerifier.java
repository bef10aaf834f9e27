package dev.warden.manager.gateway;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.permissions.PermissionCoverage;
import dev.warden.catalog.policy.Policy;
import dev.warden.io.RealPaths;
import dev.warden.catalog.manifest.UserConfigUrl;
import dev.warden.manager.config.UserConfig;
import dev.warden.manager.config.UserConfigException;
import dev.warden.manager.runtime.GrantedHttp;
import dev.warden.manager.runtime.ScrubbedEnvironment;
import dev.warden.manager.runtime.SecretSource;
import dev.warden.manager.runtime.SecretStore;
import dev.warden.io.UnsafeCharacters;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether one declared MCP server of a plugin may start, and how. A remote server ({@link #verifyRemote})
 * needs {@code mcp.server <url>} and {@code net.egress} of its origin, and its header values filled in as below,
 * where a Claude Code {@code ${VAR}} (or {@code ${VAR:-default}}) is also the secret {@code <publisher>_<name>__VAR}.
 * A stdio server (DESIGN 4: {@code mcp.server} implies {@code process.exec}) is checked in order, the first check
 * that fails naming the reason:
 * <ol>
 *   <li>{@code mcp.server stdio:<command line>} is among the plugin's effective permissions, the command line
 *       written exactly as declared, as the import and the linter write it;</li>
 *   <li>its program may run: a program shipped inside the plugin ({@code ${CLAUDE_PLUGIN_ROOT}/...}) is covered by
 *       the {@code mcp.server} grant itself, as the import asks for nothing else, and must be an executable
 *       file inside the installed folder; an absolute path needs an effective {@code process.exec} of that
 *       program; a bare command name ({@code npx}) runs the program of an effective {@code process.exec} grant
 *       with that file name, which the import resolved on {@code PATH} when it wrote the plugin. Warden itself
 *       never looks a program up on {@code PATH};</li>
 *   <li>every {@code ${...}} in the arguments and the environment can be filled in: {@code ${CLAUDE_PLUGIN_ROOT}}
 *       is the installed folder, {@code ${user_config.NAME}} the value of the plugin's non-sensitive option NAME
 *       ({@link UserConfig}), and for a sensitive or undeclared one the secret the person stored as
 *       {@code <publisher>_<name>__NAME} with {@code warden secret set} (named after the plugin, so that no
 *       plugin reads a value stored for another, or a secret meant for {@code secret.use}); nothing else is
 *       filled in, as a server gets nothing of Warden's own environment;</li>
 *   <li>the declared environment sets none of the variables {@link ScrubbedEnvironment#isReserved} names.</li>
 * </ol>
 * The server then runs in the plugin's data folder (its {@code HOME}, kept across updates and never part of the
 * signed files) with the {@linkplain ScrubbedEnvironment scrubbed environment}, its program's own folder
 * first on {@code PATH} (so that {@code npx} finds the {@code node} beside it), and its declared variables.
 */
public final class ServerLaunchVerifier {

    public static final String PLUGIN_ROOT = "${CLAUDE_PLUGIN_ROOT}";
    private static final String USER_CONFIG = "user_config.";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    /** Headers of the MCP transport itself, which Warden writes on every request. */
    private static final Set<String> PROTOCOL_HEADERS = Set.of("accept", "content-type", "mcp-session-id",
            "mcp-protocol-version", "last-event-id");

    private final PluginId plugin;
    private final List<Permission> requested;
    private final List<Permission> effective;
    private final Policy policy;
    private final Path installFolder;
    private final Path dataFolder;
    private final UserConfig config;

    /**
     * @param requested     the permissions the installed manifest asks for
     * @param effective     the plugin's effective permissions
     * @param installFolder the installed version's folder
     * @param dataFolder    the plugin's data folder
     * @param secrets       where {@code ${user_config.NAME}} values are read
     */
    ServerLaunchVerifier(PluginId plugin, List<Permission> requested, List<Permission> effective, Policy policy,
                         Path installFolder, Path dataFolder, SecretSource secrets) {
        this(plugin, requested, effective, policy, installFolder, dataFolder, UserConfig.undeclared(plugin, secrets));
    }

    /**
     * @param requested the permissions the installed manifest asks for, URLs filled in with {@code config}
     * @param config    what fills {@code ${user_config.NAME}}: the plugin's settings and its secrets
     */
    ServerLaunchVerifier(PluginId plugin, List<Permission> requested, List<Permission> effective, Policy policy,
                         Path installFolder, Path dataFolder, UserConfig config) {
        this.plugin = plugin;
        this.requested = List.copyOf(requested);
        this.effective = List.copyOf(effective);
        this.policy = policy;
        this.installFolder = installFolder.toAbsolutePath().normalize();
        this.dataFolder = dataFolder.toAbsolutePath().normalize();
        this.config = config;
    }

    /** @return the secret that holds {@code ${user_config.NAME}} for the plugin */
    public static String userConfigSecret(PluginId plugin, String name) {
        return UserConfig.secretName(plugin, name);
    }

    /**
     * @return how to start the server
     * @throws ServerRefusedException naming the first check of the class description that fails
     */
    ServerLaunch verify(ServerDeclaration server) throws ServerRefusedException {
        if (server.url().isPresent()) {
            throw new IllegalArgumentException("a remote server is verified by verifyRemote: " + server.name());
        }
        require(permission(PermissionKind.MCP_SERVER, server.scope()));
        Path program = program(server.command().orElseThrow().strip());
        List<String> args = new ArrayList<>();
        for (String arg : server.args()) {
            args.add(filled(arg, false));
        }
        Map<String, String> env = ScrubbedEnvironment.of(dataFolder);
        String folder = program.getParent().toString();
        if (!Arrays.asList(ScrubbedEnvironment.PATH.split(":")).contains(folder)) {
            env.put("PATH", folder + ":" + ScrubbedEnvironment.PATH);
        }
        for (Map.Entry<String, String> variable : server.env().entrySet()) {
            String name = variable.getKey();
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new ServerRefusedException("it declares the environment variable '" + UnsafeCharacters.escape(name)
                        + "', which is not a variable name");
            }
            if (ScrubbedEnvironment.isReserved(name)) {
                throw new ServerRefusedException("it sets " + UnsafeCharacters.escape(name)
                        + ", which Warden does not let a plugin set for a program it starts");
            }
            env.put(name, filled(variable.getValue(), false));
        }
        return new ServerLaunch(server.name(), program, args, env, dataFolder);
    }

    /**
     * @return where to connect and what headers to send
     * @throws ServerRefusedException if {@code mcp.server <url>} or {@code net.egress} of its origin is not granted,
     *                                or a header refers to a secret that is not stored
     */
    RemoteLaunch verifyRemote(ServerDeclaration server) throws ServerRefusedException {
        Optional<String> problem = remoteProblem(server, config);
        if (problem.isPresent()) {
            throw new ServerRefusedException(problem.get());
        }
        String url;
        try {
            url = config.url(server.url().orElseThrow());
        } catch (UserConfigException e) {
            throw new ServerRefusedException(e.getMessage());
        }
        Optional<String> filledProblem = GrantedHttp.urlProblem(url).or(() -> origin(url).isEmpty()
                ? Optional.of("not a valid URL") : Optional.empty());
        if (filledProblem.isPresent()) {
            throw new ServerRefusedException("its url, filled in, is refused: " + filledProblem.get());
        }
        require(permission(PermissionKind.MCP_SERVER, url));
        require(permission(PermissionKind.NET_EGRESS, origin(url).orElseThrow()));
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        for (Map.Entry<String, String> header : server.headers().entrySet()) {
            Matcher reference = REFERENCE.matcher(header.getValue());
            while (reference.find()) {
                if (!reference.group(1).equals("CLAUDE_PLUGIN_ROOT")) {
                    secrets.add(filled(reference.group(), true));
                }
            }
            String value = filled(header.getValue(), true);
            if (GrantedHttp.headerProblem(header.getKey(), value).isPresent()) {
                throw new ServerRefusedException("its header " + header.getKey() + ", filled in, holds a line break or"
                        + " control character, so it cannot be sent (the stored secret it refers to is not a header value)");
            }
            headers.put(header.getKey(), value);
        }
        return new RemoteLaunch(server.name(), url, headers, secrets, server.transport());
    }

    /**
     * What refuses a remote server whatever is granted and stored, told the same way by {@code warden serve} and by
     * the review: a URL {@code Http} would not read or that holds a reference
     * (a URL is granted as written, so nothing is filled into it), a header Warden writes itself or whose name is
     * not a token, and headers from the secret store sent in clear text ({@code http://}) to a host other than this
     * machine, where anyone on the way could read them.
     *
     * @return why, naming the culprit (never a header's value); empty if nothing does
     */
    public static Optional<String> remoteProblem(ServerDeclaration server) {
        return remoteProblem(server, UserConfig.undeclared(new PluginId("unknown", "unknown"), name -> Optional.empty()));
    }

    /**
     * As {@link #remoteProblem(ServerDeclaration)}, where a {@code ${user_config.KEY}} of a declared non-sensitive
     * option may stand in the URL's host (left of a fixed domain) or path (UserConfigUrl): it is granted filled in.
     */
    public static Optional<String> remoteProblem(ServerDeclaration server, UserConfig config) {
        String declared = server.url().orElseThrow(() -> new IllegalArgumentException("not a remote server: " + server.name()));
        if (REFERENCE.matcher(declared).find()) {
            Optional<String> problem = config.urlProblem(declared);
            if (problem.isPresent() || REFERENCE.matcher(UserConfigUrl.REFERENCE.matcher(declared).replaceAll("")).find()) {
                return Optional.of("its url " + UnsafeCharacters.escape(declared) + " holds a ${...} reference; Warden"
                        + " fills in no URL but from a declared non-sensitive option, ${user_config.KEY}, where it cannot"
                        + " change the URL's shape" + problem.map(p -> ": " + p).orElse(""));
            }
        }
        // the shape is checked with a placeholder label; the filled URL is checked again before it is used
        String url = UserConfigUrl.REFERENCE.matcher(declared).replaceAll("user-config");
        Optional<String> unread = GrantedHttp.urlProblem(url).or(() -> origin(url).isEmpty()
                ? Optional.of("not a valid URL") : Optional.empty());
        if (unread.isPresent()) {
            return Optional.of("its url is refused: " + unread.get());
        }
        for (Map.Entry<String, String> header : server.headers().entrySet()) {
            String name = header.getKey();
            if (PROTOCOL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                return Optional.of("it declares the header " + name + ", which Warden writes itself for MCP");
            }
            Optional<String> problem = GrantedHttp.headerProblem(name, REFERENCE.matcher(header.getValue()).replaceAll(""));
            if (problem.isPresent()) {
                return Optional.of("it declares the header '" + UnsafeCharacters.escape(name) + "', which cannot be sent: "
                        + problem.get());
            }
        }
        List<String> secret = server.headers().entrySet().stream()
                .filter(h -> REFERENCE.matcher(h.getValue()).find()).map(Map.Entry::getKey).toList();
        if (!secret.isEmpty() && url.regionMatches(true, 0, "http:", 0, 5) && !GrantedHttp.namesLoopback(url)) {
            return Optional.of("it would send the secret in its header " + String.join(", ", secret) + " in clear text"
                    + " (http://) to a host other than this machine, where anyone on the way can read it; the plugin"
                    + " must declare an https:// URL");
        }
        return Optional.empty();
    }

    /**
     * @return the {@code net.egress} scope of a URL's origin, as the import writes it (the default port left out);
     *         empty if the URL has no scheme or host
     */
    public static Optional<String> origin(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port < 0 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Path program(String command) throws ServerRefusedException {
        if (command.startsWith(PLUGIN_ROOT + "/")) {
            return shipped(command.substring(PLUGIN_ROOT.length() + 1));
        }
        if (command.startsWith("/")) {
            require(permission(PermissionKind.PROCESS_EXEC, command));
            return Path.of(command);
        }
        for (Permission grant : effective) {
            if (grant.kind() == PermissionKind.PROCESS_EXEC && grant.scope().startsWith("/") && grant.scope().indexOf(' ') < 0
                    && Path.of(grant.scope()).getFileName().toString().equals(command)
                    && Files.isRegularFile(Path.of(grant.scope())) && Files.isExecutable(Path.of(grant.scope()))) {
                return Path.of(grant.scope());
            }
        }
        Optional<Permission> asked = requested.stream().filter(p -> p.kind() == PermissionKind.PROCESS_EXEC
                && p.scope().endsWith("/" + command)).findFirst();
        if (asked.isPresent()) {
            require(asked.get());
            throw new ServerRefusedException("it runs '" + command + "', and the granted " + asked.get().scope()
                    + " is not an executable file on this machine");
        }
        throw new ServerRefusedException("it runs '" + UnsafeCharacters.escape(command) + "' by name, and no process.exec"
                + " grant names a program called so; Warden does not look programs up on PATH. The plugin must ask"
                + " for process.exec of its absolute path");
    }

    private Path shipped(String relative) throws ServerRefusedException {
        Path program;
        try {
            program = installFolder.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new ServerRefusedException("its program " + PLUGIN_ROOT + "/" + UnsafeCharacters.escape(relative)
                    + " is not a path");
        }
        if (!RealPaths.isInside(program, installFolder) || !Files.isRegularFile(program, LinkOption.NOFOLLOW_LINKS)
                || !Files.isExecutable(program)) {
            throw new ServerRefusedException("its program " + PLUGIN_ROOT + "/" + UnsafeCharacters.escape(relative)
                    + " is not an executable file inside the plugin");
        }
        return program;
    }

    private Permission permission(PermissionKind kind, String scope) throws ServerRefusedException {
        try {
            return Permission.of(kind, scope, "start the MCP server");
        } catch (IllegalArgumentException e) {
            throw new ServerRefusedException("it cannot be granted as " + kind.id() + ": " + e.getMessage());
        }
    }

    /** Refuses unless an effective permission covers {@code needed}, saying what the person can do about it. */
    private void require(Permission needed) throws ServerRefusedException {
        if (PermissionCoverage.coveredByAny(effective, needed)) {
            return;
        }
        String what = needed.kind().id() + " " + UnsafeCharacters.escape(needed.scope());
        Optional<Permission> asked = requested.stream().filter(p -> PermissionCoverage.covers(p, needed)).findFirst();
        if (asked.isEmpty()) {
            throw new ServerRefusedException("it needs " + what + ", which the plugin does not ask for");
        }
        Optional<String> blocked = policy.refusesPermission(asked.get());
        if (blocked.isPresent()) {
            throw new ServerRefusedException("it needs " + what + ", which policy refuses: " + blocked.get());
        }
        throw new ServerRefusedException("it needs " + what + ", which is not granted; grant it with: warden grant "
                + plugin + " " + asked.get().kind().id() + " '" + UnsafeCharacters.escape(asked.get().scope()) + "'");
    }

    /** @param header whether the value is a remote server's header, where {@code ${VAR}} is a secret too */
    private String filled(String value, boolean header) throws ServerRefusedException {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            String replacement;
            if (name.equals("CLAUDE_PLUGIN_ROOT")) {
                replacement = installFolder.toString();
            } else if (name.startsWith(USER_CONFIG) && SecretStore.isName(name.substring(USER_CONFIG.length()))) {
                replacement = userConfig(name.substring(USER_CONFIG.length()), true);
            } else if (header && SecretStore.isName(variable(name))) {
                replacement = name.contains(":-") ? stored(variable(name), false).orElse(name.substring(name.indexOf(":-") + 2))
                        : userConfig(name, false);
            } else {
                throw new ServerRefusedException("it refers to ${" + UnsafeCharacters.escape(name) + "}, which Warden does"
                        + " not fill in: a server gets nothing of Warden's own environment, only ${CLAUDE_PLUGIN_ROOT}"
                        + " and ${user_config.NAME}");
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        reference.appendTail(out);
        if (out.indexOf("\0") >= 0) {
            throw new ServerRefusedException("an argument or variable holds a NUL character");
        }
        return out.toString();
    }

    /** @param option whether {@code name} is written {@code ${user_config.NAME}}, so a declared option's value */
    private String userConfig(String name, boolean option) throws ServerRefusedException {
        return stored(name, option).orElseThrow(() -> new ServerRefusedException("it needs user_config." + name
                + "; set it with: " + (option ? config.howToSet(name) : "warden secret set " + userConfigSecret(plugin, name))));
    }

    /** @param option as for {@link #userConfig}; otherwise the secret {@code <publisher>_<name>__NAME} */
    private Optional<String> stored(String name, boolean option) throws ServerRefusedException {
        try {
            return option ? config.value(name) : config.secret(name);
        } catch (UncheckedIOException e) {
            throw new ServerRefusedException("it needs user_config." + name + ", and the stored secrets cannot be read: "
                    + e.getCause().getMessage());
        }
    }

    /** @return the variable of a {@code ${VAR}} or {@code ${VAR:-default}} reference */
    public static String variable(String reference) {
        return reference.contains(":-") ? reference.substring(0, reference.indexOf(":-")) : reference;
    }
}
