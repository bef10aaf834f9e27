package dev.warden.api.capability;

/**
 * Receives payloads other plugins send to this one.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DataReceiver {

    /** @param data a payload from a plugin granted {@code data.share} to this plugin */
    void receive(SharedData data);
}
