package dev.warden.registry.tuf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code root.json}: the keys and thresholds of the four top-level roles. Parsing checks
 * shape only; signatures are checked by whoever decides to trust it.
 */
record RootMetadata(Envelope envelope, Header header, boolean consistentSnapshot,
                    Map<String, VerificationKey> keys, Map<String, Role> roles) {

    static final List<String> TOP_LEVEL = List.of(Role.ROOT, Role.TIMESTAMP, Role.SNAPSHOT, Role.TARGETS);

    static RootMetadata parse(Envelope envelope) throws TufException {
        JsonObject signed = envelope.signed();
        Header header = Header.parse(signed, Role.ROOT);
        boolean consistent = signed.map().get("consistent_snapshot") != null && signed.bool("consistent_snapshot");
        JsonObject keyObjects = signed.object("keys");
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, Object> key : keyObjects.map().entrySet()) {
            TufKeys.parse(key.getValue()).ifPresent(k -> keys.put(key.getKey(), k));
        }
        JsonObject roleObjects = signed.object("roles");
        Map<String, Role> roles = new LinkedHashMap<>();
        for (String name : TOP_LEVEL) {
            roles.put(name, Role.parse(roleObjects.object(name)));
        }
        return new RootMetadata(envelope, header, consistent, Collections.unmodifiableMap(keys),
                Collections.unmodifiableMap(roles));
    }

    long version() {
        return header.version();
    }

    Role role(String name) {
        return roles.get(name);
    }

    /** The usable keys of a role, in the order its key ids are listed. */
    List<VerificationKey> keysOf(String roleName) {
        Set<VerificationKey> out = new LinkedHashSet<>();
        for (String id : roles.get(roleName).keyids()) {
            VerificationKey key = keys.get(id);
            if (key != null) {
                out.add(key);
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    /** Names this root in messages. */
    String describe() {
        return "root version " + version();
    }

    /** Checks that a threshold of this root's keys for {@code roleName} signed {@code envelope}. */
    void verify(Envelope envelope, String roleName) throws TufException {
        ThresholdVerifier.verify(envelope, roleName, roles.get(roleName), keys, describe());
    }

    boolean verifies(Envelope envelope, String roleName) {
        return ThresholdVerifier.verifies(envelope, roles.get(roleName), keys);
    }
}
