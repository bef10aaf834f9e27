package dev.warden.api.capability;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request for {@link Http#send}. Immutable; the {@code with*} methods return a copy.
 *
 * @param method        the HTTP method in upper case, e.g. {@code GET}
 * @param url           the absolute URL; its origin must be granted by {@code net.egress}
 * @param headers       request headers; names are case-insensitive
 * @param secretHeaders headers whose value Warden fills in from a stored secret
 * @param body          the request body, empty for none
 * @param timeout       the longest the whole exchange may take
 * @since 0.1
 */
public record HttpRequest(String method, String url, Map<String, String> headers, List<SecretHeader> secretHeaders,
                          byte[] body, Duration timeout) {

    /** The timeout of a request made by {@link #get} or {@link #post}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A header whose value is {@code prefix} followed by a secret's value, e.g. {@code Authorization: Bearer …}.
     *
     * @param name   the header name
     * @param prefix text before the secret's value, possibly empty
     * @param secret the secret
     * @since 0.1
     */
    public record SecretHeader(String name, String prefix, SecretRef secret) {
        /** @throws NullPointerException if any part is null */
        public SecretHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(secret, "secret");
        }
    }

    /**
     * @throws NullPointerException     if any part is null
     * @throws IllegalArgumentException if the method is not an upper-case token or the timeout is not positive
     */
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        if (method.isEmpty() || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("HTTP method must be upper-case letters, e.g. GET, was " + method);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        headers = Map.copyOf(headers);
        secretHeaders = List.copyOf(secretHeaders);
        body = body.clone();
    }

    /** @return a GET request with no headers */
    public static HttpRequest get(String url) {
        return new HttpRequest("GET", url, Map.of(), List.of(), new byte[0], DEFAULT_TIMEOUT);
    }

    /** @return a POST request with the given content type and body */
    public static HttpRequest post(String url, String contentType, byte[] body) {
        return new HttpRequest("POST", url, Map.of("Content-Type", contentType), List.of(), body, DEFAULT_TIMEOUT);
    }

    /** @return a copy with the header set, replacing an earlier value */
    public HttpRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpRequest(method, url, copy, secretHeaders, body, timeout);
    }

    /** @return a copy that also carries {@code name: prefix<secret value>} */
    public HttpRequest withSecretHeader(String name, String prefix, SecretRef secret) {
        List<SecretHeader> copy = new ArrayList<>(secretHeaders);
        copy.add(new SecretHeader(name, prefix, secret));
        return new HttpRequest(method, url, headers, copy, body, timeout);
    }

    /** @return a copy with another timeout */
    public HttpRequest withTimeout(Duration value) {
        return new HttpRequest(method, url, headers, secretHeaders, body, value);
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }
}
