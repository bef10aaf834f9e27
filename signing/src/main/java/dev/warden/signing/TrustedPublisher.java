package dev.warden.signing;

import java.util.Objects;

/**
 * A publisher entry and the folder it was loaded from.
 *
 * @param entry the entry
 * @param source system or user folder
 */
public record TrustedPublisher(PublisherEntry entry, TrustSource source) {

    public TrustedPublisher {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(source, "source");
    }

    public String id() {
        return entry.id();
    }
}
