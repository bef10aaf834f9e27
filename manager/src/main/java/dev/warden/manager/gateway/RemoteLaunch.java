package dev.warden.manager.gateway;

import dev.warden.api.capability.Http;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How Warden reaches one granted remote MCP server: its declared URL and its headers. Header values may hold the
 * person's secrets, so they are never logged, audited or shown.
 *
 * @param server  the server's name in its plugin's declaration
 * @param url     the URL as declared
 * @param headers the headers, every reference filled in
 * @param secrets   the values filled into the headers from the secret store, which the server's answers are never
 *                  let carry back to Warden's messages, its log or the person's MCP client
 * @param transport {@link ServerDeclaration#STREAMABLE_HTTP} or {@link ServerDeclaration#LEGACY_SSE}
 */
record RemoteLaunch(String server, String url, Map<String, String> headers, Set<String> secrets, String transport) {

    RemoteLaunch {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(transport, "transport");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        secrets = secrets.stream().filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** @return {@code request} with the declared {@code headers} added: the one place a transport adds them */
    static Http.Request withDeclared(Http.Request request, Map<String, String> headers) {
        Http.Request with = request;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            with = with.withHeader(header.getKey(), header.getValue());
        }
        return with;
    }

    @Override
    public String toString() {
        return "RemoteLaunch[" + server + ": " + url + " with " + headers.size() + " header(s)]";
    }
}
