package dev.warden.registry.tuf;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A role's key ids and how many of them must sign. Delegated targets roles will use the same shape.
 *
 * @param keyids    the key ids, without repeats, in the order listed
 * @param threshold signatures required, at least 1
 */
record Role(Set<String> keyids, int threshold) {

    static final String ROOT = "root";
    static final String TIMESTAMP = "timestamp";
    static final String SNAPSHOT = "snapshot";
    static final String TARGETS = "targets";

    Role {
        keyids = Collections.unmodifiableSet(new LinkedHashSet<>(keyids));
        if (threshold < 1) {
            throw new IllegalArgumentException("a threshold is at least 1");
        }
    }

    /** A key id listed twice counts once, so it is kept once. */
    static Role parse(JsonObject role) throws TufException {
        List<Object> ids = role.list("keyids");
        Set<String> keyids = new LinkedHashSet<>();
        for (Object id : ids) {
            if (!(id instanceof String s)) {
                throw role.malformed("keyids must all be strings");
            }
            keyids.add(s);
        }
        long threshold = role.number("threshold", 1);
        if (threshold > Integer.MAX_VALUE) {
            throw role.malformed("threshold is too large: " + threshold);
        }
        return new Role(keyids, (int) threshold);
    }
}
