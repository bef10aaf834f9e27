package dev.warden.manager.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One external MCP server a plugin declares (DESIGN 3.2), as written in the manifest's {@code mcpServers} or the
 * bundle's {@code .mcp.json}: a stdio command with its arguments and environment, or a remote URL.
 *
 * @param name    its name in the declaration
 * @param command the program of a stdio server as written (a path, {@code ${CLAUDE_PLUGIN_ROOT}/...} or a bare
 *                command name); empty for a remote server
 * @param args    the arguments as written, with their {@code ${...}} references
 * @param env     the environment variables it declares, values as written
 * @param url     the URL of a remote server; empty for a stdio server
 * @param where   where it is declared, for messages ({@code .mcp.json}, {@code plugin.json mcpServers})
 * @param headers   the HTTP headers a remote server is sent, values as written; empty for a stdio server
 * @param transport how Warden speaks to it: {@link #STDIO}, {@link #STREAMABLE_HTTP} or {@link #LEGACY_SSE}
 *                  (Claude Code's {@code "type": "sse"}, MCP 2024-11-05's HTTP+SSE)
 */
public record ServerDeclaration(String name, Optional<String> command, List<String> args, Map<String, String> env,
                                Optional<String> url, String where, Map<String, String> headers, String transport) {

    public static final String STDIO = "stdio";
    public static final String STREAMABLE_HTTP = "http";
    public static final String LEGACY_SSE = "sse";

    public ServerDeclaration {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (command.isPresent() == url.isPresent()) {
            throw new IllegalArgumentException("a server has either a command or a url: " + name);
        }
        if (command.isPresent() != transport.equals(STDIO)
                || url.isPresent() && !transport.equals(STREAMABLE_HTTP) && !transport.equals(LEGACY_SSE)) {
            throw new IllegalArgumentException("a server's transport is stdio for a command, http or sse for a url: " + name);
        }
    }

    /** A stdio server, or a remote one spoken to over Streamable HTTP. */
    ServerDeclaration(String name, Optional<String> command, List<String> args, Map<String, String> env,
                      Optional<String> url, String where, Map<String, String> headers) {
        this(name, command, args, env, url, where, headers, command.isPresent() ? STDIO : STREAMABLE_HTTP);
    }

    ServerDeclaration(String name, Optional<String> command, List<String> args, Map<String, String> env,
                      Optional<String> url, String where) {
        this(name, command, args, env, url, where, Map.of());
    }

    /**
     * @return the {@code mcp.server} scope that grants it, written as the import and the linter write it:
     *         {@code stdio:} and the command line with its arguments joined by spaces, or the URL
     */
    public String scope() {
        if (url.isPresent()) {
            return url.get();
        }
        List<String> words = new ArrayList<>();
        words.add(command.orElseThrow().strip());
        words.addAll(args);
        return "stdio:" + String.join(" ", words);
    }
}
