package dev.warden.registry.mcp;

import dev.warden.io.UnsafeCharacters;
import java.util.Objects;

/**
 * A server that runs elsewhere and is reached over HTTP.
 *
 * @param type the transport, {@code streamable-http} or {@code sse} (kept as the registry wrote it)
 * @param url  the endpoint, an {@code http(s)://} URL
 * @since 0.1
 */
public record McpRemote(String type, String url) {

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
    }
}
