package dev.warden.manager.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one plugin's {@link EgressProxy}.
 *
 * @param maxTunnels     the most tunnels open at once; a further CONNECT is refused with 503
 * @param maxHeadBytes   the largest request head (request line and headers) read; a larger one gets 431
 * @param connectTimeout how long connecting to the checked address may take
 * @param idleTimeout    how long a connection may pass no byte in either direction before it is closed
 */
public record EgressLimits(int maxTunnels, int maxHeadBytes, Duration connectTimeout, Duration idleTimeout) {

    /** @throws IllegalArgumentException if a limit is not positive */
    public EgressLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxTunnels <= 0 || maxHeadBytes <= 0) {
            throw new IllegalArgumentException("maxTunnels and maxHeadBytes must be positive, were " + maxTunnels
                    + " and " + maxHeadBytes);
        }
        if (connectTimeout.isZero() || connectTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("connectTimeout and idleTimeout must be positive");
        }
    }

    /** @return 16 tunnels, 8 KiB heads, 10 seconds to connect, 5 minutes idle */
    public static EgressLimits defaults() {
        return new EgressLimits(16, 8 * 1024, Duration.ofSeconds(10), Duration.ofMinutes(5));
    }
}
