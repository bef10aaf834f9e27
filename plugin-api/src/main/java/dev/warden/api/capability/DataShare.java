package dev.warden.api.capability;

import dev.warden.api.Api;
import java.util.Objects;

/** Passes payloads to plugins named by {@code data.share}, and receives theirs. */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface DataShare {

    /**
     * @param target  the receiving plugin's id, {@code publisher/name}
     * @param topic   what the payload is about
     * @param payload the bytes to pass
     * @throws dev.warden.api.PermissionDeniedException if sharing with {@code target} is not granted
     * @throws CapabilityException.LimitExceeded        if the payload is larger than Warden's limit
     * @throws CapabilityException                      if the target is not installed, enabled or listening
     */
    void send(String target, String topic, byte[] payload) throws CapabilityException;

    /**
     * Sets the receiver for payloads sent to this plugin, replacing an earlier one.
     *
     * @param receiver called once per payload, never concurrently
     */
    void onReceive(Receiver receiver);

    /** Receives payloads other plugins send to this one. */
    @FunctionalInterface
    interface Receiver {

        /** @param data a payload from a plugin granted {@code data.share} to this plugin */
        void receive(Payload data);
    }

    /**
     * A payload passed from one plugin to another.
     *
     * @param from    the sending plugin's id, as verified by Warden
     * @param topic   what the payload is about, chosen by the sender
     * @param payload the bytes
     */
    record Payload(String from, String topic, byte[] payload) {

        /** @throws NullPointerException if any part is null */
        public Payload {
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
}
