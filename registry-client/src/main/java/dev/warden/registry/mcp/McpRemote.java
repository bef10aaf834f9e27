package dev.warden.registry.mcp;

import dev.warden.io.UnsafeCharacters;
import java.util.List;
import java.util.Objects;

/**
 * A server that runs elsewhere and is reached over HTTP.
 *
 * @param type      the transport, {@code streamable-http} or {@code sse} (kept as the registry wrote it)
 * @param url       the endpoint, an {@code http(s)://} URL, possibly with {@code {NAME}} variables
 * @param variables the variables of {@code url}, which the person fills in
 * @param headers   the headers the server expects
 * @since 0.1
 */
public record McpRemote(String type, String url, List<McpEnvVar> variables, List<McpHeader> headers) {

    /** @throws IllegalArgumentException if the type is blank or the URL is not http(s) */
    public McpRemote {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        if (type.isBlank()) {
            throw new IllegalArgumentException("a remote needs a transport type such as streamable-http");
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException("remote URL " + UnsafeCharacters.quote(url) + " must start with https:// or http://");
        }
        variables = List.copyOf(variables);
        headers = List.copyOf(headers);
    }

    /** A remote with a fixed URL and no headers. */
    public McpRemote(String type, String url) {
        this(type, url, List.of(), List.of());
    }
}
