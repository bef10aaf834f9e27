package dev.warden.manager.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits {@link GrantedHttp} puts on every request, whatever the plugin asks for.
 *
 * @param maxResponseBytes the largest response body read, after de-chunking; more is a {@code CapabilityException.LimitExceeded}
 * @param connectTimeout   how long opening one connection may take
 * @param maxTotal         how long a whole {@code send} may take, redirects included; the request's
 *                         own timeout applies when it is shorter
 */
public record HttpLimits(long maxResponseBytes, Duration connectTimeout, Duration maxTotal) {

    /** @throws IllegalArgumentException if a limit is not positive */
    public HttpLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(maxTotal, "maxTotal");
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
        }
        if (connectTimeout.isZero() || connectTimeout.isNegative() || maxTotal.isZero() || maxTotal.isNegative()) {
            throw new IllegalArgumentException("connectTimeout and maxTotal must be positive");
        }
    }

    /** @return 10 MiB responses, 10 seconds to connect, 60 seconds in all */
    public static HttpLimits defaults() {
        return new HttpLimits(10L * 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
