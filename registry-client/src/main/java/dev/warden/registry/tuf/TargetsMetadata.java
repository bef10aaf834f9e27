package dev.warden.registry.tuf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed targets metadata file. {@code delegations} is kept unparsed: delegated roles are not
 * followed yet, but the field is accepted so that repositories using it still work.
 *
 * <p>A marketplace may list tens of thousands of targets, so {@code signed.targets} is never held as a
 * tree: each target becomes its {@link TargetEntry} as the parser reaches it, and only the small rest
 * of {@code signed} stays in the envelope.
 */
record TargetsMetadata(Envelope envelope, Header header, Map<String, TargetEntry> targets,
                       Optional<JsonObject> delegations) {

    /** @throws TufException ({@link TufException.Kind#MALFORMED}) for anything but valid targets metadata */
    static TargetsMetadata parse(byte[] raw, String file) throws TufException {
        Entries entries = new Entries(file);
        Envelope envelope = Envelope.parse(raw, file, new StrictJson.Streamed("targets", entries));
        JsonObject signed = envelope.signed();
        Header header = Header.parse(signed, Role.TARGETS);
        signed.object("targets"); // refuses a missing targets, or one that is not an object (then not streamed)
        Map<String, TargetEntry> targets = entries.result();
        Optional<JsonObject> delegations = signed.optionalObject("delegations");
        return new TargetsMetadata(envelope, header, targets, delegations);
    }

    /**
     * Turns each target into its entry as it is read. A target that fails a check does not stop the
     * reading: the rest of the file must still pass the JSON rules, and the header is checked first,
     * so the first such failure is kept for {@link #result()}.
     */
    private static final class Entries implements StrictJson.Members {
        private final String file;
        private final JsonObject.Where where = JsonObject.Where.of("signed").member("targets");
        private final Map<String, TargetEntry> entries = new TreeMap<>();
        private TufException firstFailure;

        Entries(String file) {
            this.file = file;
        }

        @Override
        public void accept(String path, Object target) {
            if (firstFailure != null) {
                return;
            }
            try {
                entries.put(path, parseTarget(path, JsonObject.of(target, file, where.member(path))));
            } catch (TufException e) {
                firstFailure = e;
            }
        }

        /** @throws TufException the first target's failure, if one failed */
        Map<String, TargetEntry> result() throws TufException {
            if (firstFailure != null) {
                throw firstFailure;
            }
            return Collections.unmodifiableMap(entries);
        }
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
