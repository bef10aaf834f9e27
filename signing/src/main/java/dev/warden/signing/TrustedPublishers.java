package dev.warden.signing;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The publishers a verifier trusts, each id at most once.
 *
 * @param publishers the publishers, system ones first by convention
 */
public record TrustedPublishers(List<TrustedPublisher> publishers) {

    public TrustedPublishers {
        publishers = List.copyOf(publishers);
        Set<String> ids = new HashSet<>();
        for (TrustedPublisher p : publishers) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("publisher '" + p.id() + "' is listed twice");
            }
        }
    }

    public static TrustedPublishers empty() {
        return new TrustedPublishers(List.of());
    }

    /** The publisher with this id, or empty. */
    public Optional<TrustedPublisher> find(String id) {
        return publishers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Every publisher listing {@code keyId}, in list order; empty when nobody does. */
    public List<TrustedPublisher> holdersOf(KeyId keyId) {
        return publishers.stream().filter(p -> p.entry().key(keyId).isPresent()).toList();
    }
}
