package dev.warden.registry.tuf;

/** The advice that ends messages, so that every failure of the same kind tells people the same thing. */
final class Messages {

    static final String ATTACK_ADVICE = "the marketplace may be under attack or misconfigured"
            + " — keep using the cached metadata and tell its operator";
    static final String MALFORMED_ADVICE = "the marketplace serves malformed metadata"
            + " — keep using the cached metadata and tell its operator";
    static final String EXPIRED_ADVICE = "the marketplace has stopped re-signing its metadata, or someone replays old"
            + " files (freeze attack) — keep using the cached metadata and tell its operator";

    private Messages() {
    }
}
