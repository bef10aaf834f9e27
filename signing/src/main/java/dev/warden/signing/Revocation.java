package dev.warden.signing;

import java.time.Instant;
import java.util.Objects;

/**
 * Why and when a publisher key stopped being trusted.
 *
 * @param at when the key was revoked
 * @param reason what the person or admin said
 */
public record Revocation(Instant at, String reason) {

    public Revocation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
