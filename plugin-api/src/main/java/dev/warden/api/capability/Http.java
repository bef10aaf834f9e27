package dev.warden.api.capability;

import dev.warden.api.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP to origins granted by {@code net.egress}. Warden refuses addresses that resolve to loopback,
 * private or link-local networks unless such an address was granted, and re-checks every redirect.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface Http {

    /**
     * @param request the request; secret headers are filled in only for the host their secret is granted for
     * @return the response, whatever its status code
     * @throws dev.warden.api.PermissionDeniedException if the origin, a redirect target, or a secret's host is not granted
     * @throws CapabilityException.LimitExceeded        if the response is larger than Warden's limit or too slow
     * @throws CapabilityException                      if the connection fails
     */
    Response send(Request request) throws CapabilityException;

    /**
     * An HTTP request. Immutable; the {@code with*} methods return a copy.
     *
     * @param method        the HTTP method in upper case, e.g. {@code GET}
     * @param url           the absolute URL; its origin must be granted by {@code net.egress}
     * @param headers       request headers; names are case-insensitive
     * @param secretHeaders headers whose value Warden fills in from a stored secret
     * @param body          the request body, empty for none
     * @param timeout       the longest the whole exchange may take
     */
    record Request(String method, String url, Map<String, String> headers, List<SecretHeader> secretHeaders,
                   byte[] body, Duration timeout) {

        /** The timeout of a request made by {@link #get} or {@link #post}. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

        /**
         * A header whose value is {@code prefix} followed by a secret's value, e.g. {@code Authorization: Bearer …}.
         *
         * @param name   the header name
         * @param prefix text before the secret's value, possibly empty
         * @param secret the secret
         */
        public record SecretHeader(String name, String prefix, Secrets.Ref secret) {
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
        public Request {
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
        public static Request get(String url) {
            return new Request("GET", url, Map.of(), List.of(), new byte[0], DEFAULT_TIMEOUT);
        }

        /** @return a POST request with the given content type and body */
        public static Request post(String url, String contentType, byte[] body) {
            return new Request("POST", url, Map.of("Content-Type", contentType), List.of(), body, DEFAULT_TIMEOUT);
        }

        /** @return a copy with the header set, replacing an earlier value */
        public Request withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Request(method, url, copy, secretHeaders, body, timeout);
        }

        /** @return a copy that also carries {@code name: prefix<secret value>} */
        public Request withSecretHeader(String name, String prefix, Secrets.Ref secret) {
            List<SecretHeader> copy = new ArrayList<>(secretHeaders);
            copy.add(new SecretHeader(name, prefix, secret));
            return new Request(method, url, headers, copy, body, timeout);
        }

        /** @return a copy with another timeout */
        public Request withTimeout(Duration value) {
            return new Request(method, url, headers, secretHeaders, body, value);
        }

        /** @return a copy of the body */
        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * The response to a {@link Request}, fully read and within Warden's size limit.
     *
     * @param status  the HTTP status code
     * @param headers response headers by lower-case name
     * @param body    the response body
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** @throws IllegalArgumentException if the status is not between 100 and 599 */
        public Response {
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
}
