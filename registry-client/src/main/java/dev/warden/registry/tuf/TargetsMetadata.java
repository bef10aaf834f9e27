package dev.warden.registry.tuf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed targets metadata file. {@code delegations} is kept unparsed: delegated roles are not
 * followed yet, but the field is accepted so that repositories using it still work.
 */
record TargetsMetadata(Envelope envelope, Header header, Map<String, TargetEntry> targets,
                       Optional<JsonObject> delegations) {

    static TargetsMetadata parse(Envelope envelope) throws TufException {
        JsonObject signed = envelope.signed();
        Header header = Header.parse(signed, Role.TARGETS);
        JsonObject targetObjects = signed.object("targets");
        Map<String, TargetEntry> targets = new TreeMap<>();
        for (String path : targetObjects.map().keySet()) {
            targets.put(path, parseTarget(path, targetObjects.object(path)));
        }
        Optional<JsonObject> delegations = signed.optionalObject("delegations");
        return new TargetsMetadata(envelope, header, Collections.unmodifiableMap(targets), delegations);
    }

    private static TargetEntry parseTarget(String path, JsonObject target) throws TufException {
        if (path.isEmpty()) {
            throw target.malformed("has an empty target path");
        }
        long length = target.number("length", 0);
        JsonObject hashObject = target.object("hashes");
        if (hashObject.map().isEmpty()) {
            throw hashObject.malformed("must list at least one hash");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String algorithm : hashObject.map().keySet()) {
            hashes.put(algorithm, hashObject.string(algorithm));
        }
        Optional<TargetListing> listing = Optional.empty();
        Optional<JsonObject> custom = target.optionalObject("custom");
        if (custom.isPresent() && custom.get().map().get("warden") != null) {
            listing = Optional.of(Listings.parse(custom.get().object("warden")));
        }
        return new TargetEntry(path, length, hashes, listing);
    }

    long version() {
        return header.version();
    }
}
