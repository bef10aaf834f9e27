package dev.warden.api.capability;


/**
 * Passes payloads to plugins named by {@code data.share}, and receives theirs.
 *
 * @since 0.1
 */
public interface DataShare {

    /**
     * @param target  the receiving plugin's id, {@code publisher/name}
     * @param topic   what the payload is about
     * @param payload the bytes to pass
     * @throws dev.warden.api.PermissionDeniedException if sharing with {@code target} is not granted
     * @throws LimitExceededException                   if the payload is larger than Warden's limit
     * @throws CapabilityException                      if the target is not installed, enabled or listening
     */
    void send(String target, String topic, byte[] payload) throws CapabilityException;

    /**
     * Sets the receiver for payloads sent to this plugin, replacing an earlier one.
     *
     * @param receiver called once per payload, never concurrently
     */
    void onReceive(DataReceiver receiver);
}
