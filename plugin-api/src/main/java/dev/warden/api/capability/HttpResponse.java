package dev.warden.api.capability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The response to an {@link HttpRequest}, fully read and within Warden's size limit.
 *
 * @param status  the HTTP status code
 * @param headers response headers by lower-case name
 * @param body    the response body
 * @since 0.1
 */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** @throws IllegalArgumentException if the status is not between 100 and 599 */
    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be between 100 and 599, was " + status);
        }
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = Map.copyOf(lower);
        body = body.clone();
    }

    /**
     * @param name a header name, any case
     * @return the header's first value, or empty if the response has no such header
     */
    public Optional<String> header(String name) {
        List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the body decoded as UTF-8, malformed bytes replaced */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }
}
