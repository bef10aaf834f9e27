package dev.warden.catalog.state;

import dev.warden.catalog.manifest.PluginId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of the audit log.
 *
 * @param seq     its position in the log: 1, 2, 3, ...
 * @param time    when it happened
 * @param event   what happened, e.g. {@code install} or {@code capability.denied}
 * @param plugin  the plugin it concerns, if any
 * @param details more about it: strings, numbers, booleans, lists and maps only, keys sorted; never secrets
 * @param prev    the previous entry's {@code hash}; 64 zeros for the first entry
 * @param hash    SHA-256 (hex) of this entry's canonical JSON without {@code hash}
 * @since 0.1
 */
public record AuditEntry(long seq, Instant time, String event, Optional<PluginId> plugin,
        Map<String, Object> details, String prev, String hash) {

    /**
     * @throws NullPointerException     if a part is null
     * @throws IllegalArgumentException if {@code seq} is less than 1
     */
    public AuditEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("audit entries are numbered from 1, not " + seq);
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(hash, "hash");
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
