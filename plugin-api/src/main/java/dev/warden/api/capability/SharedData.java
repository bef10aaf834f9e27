package dev.warden.api.capability;

import java.util.Objects;

/**
 * A payload passed from one plugin to another.
 *
 * @param from    the sending plugin's id, as verified by Warden
 * @param topic   what the payload is about, chosen by the sender
 * @param payload the bytes
 * @since 0.1
 */
public record SharedData(String from, String topic, byte[] payload) {

    /** @throws NullPointerException if any part is null */
    public SharedData {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(topic, "topic");
        payload = payload.clone();
    }

    /** @return a copy of the payload */
    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
