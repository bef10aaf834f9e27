package dev.warden.registry.tuf;

import dev.warden.io.StrictJson.Cursor;
import dev.warden.io.StrictJsonException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed targets metadata file, top-level or delegated: its targets and the roles it delegates to.
 *
 * <p>A marketplace may list tens of thousands of targets, so {@code signed.targets} is never held as a
 * tree: each target becomes its {@link TargetEntry} as the parser reaches it, and only the small rest
 * of {@code signed} stays in the envelope.
 */
final class TargetsMetadata {

    private final Envelope envelope;
    private final Header header;
    private final Optional<Delegations> delegations;
    private Map<String, TargetEntry> targets;

    private TargetsMetadata(Envelope envelope, Header header, Optional<Delegations> delegations,
                            Map<String, TargetEntry> targets) {
        this.envelope = envelope;
        this.header = header;
        this.delegations = delegations;
        this.targets = targets;
    }

    /** @throws TufException ({@link TufException.Kind#MALFORMED}) for anything but valid targets metadata */
    static TargetsMetadata parse(byte[] raw, String file) throws TufException {
        return parse(raw, file, null);
    }

    /**
     * Like {@link #parse(byte[], String)}, with {@code early} checking the signatures meanwhile.
     *
     * @param early null when nothing checks them early
     */
    static TargetsMetadata parse(byte[] raw, String file, EarlySignatureCheck early) throws TufException {
        Entries entries = new Entries(raw, file);
        Envelope envelope = Envelope.parse(raw, file, new StrictJson.Streamed("targets", entries), early);
        JsonObject signed = envelope.signed();
        Header header = Header.parse(signed, Role.TARGETS);
        signed.object("targets"); // refuses a missing targets, or one that is not an object (then not streamed)
        Map<String, TargetEntry> targets = entries.result();
        return new TargetsMetadata(envelope, header, delegations(signed), targets);
    }

    /**
     * Reads a file that verified metadata pins by hash (a cached targets.json whose bytes the
     * trusted snapshot lists): its header now, its entries only when first asked for. Reading the
     * entries of tens of thousands of targets is most of the cost of loading a cache, and a
     * refresh that finds nothing new never needs them.
     *
     * @throws TufException ({@link TufException.Kind#MALFORMED}) for a file that is not strict JSON or has a bad header
     */
    static TargetsMetadata pinned(byte[] raw, String file) throws TufException {
        Envelope envelope = Envelope.parse(raw, file, new StrictJson.Streamed("targets", (path, target) -> { }));
        JsonObject signed = envelope.signed();
        Header header = Header.parse(signed, Role.TARGETS);
        signed.object("targets");
        return new TargetsMetadata(envelope, header, delegations(signed), null);
    }

    Envelope envelope() {
        return envelope;
    }

    Header header() {
        return header;
    }

    Optional<Delegations> delegations() {
        return delegations;
    }

    private static Optional<Delegations> delegations(JsonObject signed) throws TufException {
        Optional<JsonObject> tree = signed.optionalObject("delegations");
        return tree.isEmpty() ? Optional.empty() : Optional.of(Delegations.parse(tree.get()));
    }

    /**
     * The targets by path, sorted.
     *
     * @throws IllegalStateException when a {@linkplain #pinned pinned} file's entries do not read, which
     *                               its bytes being those already verified once makes a damaged cache
     */
    synchronized Map<String, TargetEntry> targets() {
        if (targets == null) {
            try {
                targets = parse(envelope.raw(), envelope.file()).targets();
            } catch (TufException e) {
                throw new IllegalStateException(e.getMessage() + "; delete the cache folder so that the next update"
                        + " fetches the metadata again", e);
            }
        }
        return targets;
    }

    /**
     * Turns each target into its entry as it is read. A target that fails a check does not stop the
     * reading: the rest of the file must still pass the JSON rules, and the header is checked first,
     * so the first such failure is kept for {@link #result()}.
     */
    private static final class Entries implements StrictJson.Members {
        private final TargetReader reader;
        private final Map<String, TargetEntry> entries = new TreeMap<>();
        private TufException firstFailure;

        Entries(byte[] raw, String file) {
            this.reader = new TargetReader(raw, file, JsonObject.Where.of("signed").member("targets"));
        }

        @Override
        public void accept(String path, Cursor target) throws StrictJsonException {
            if (firstFailure != null) {
                return; // the cursor reads the rest past, under the JSON rules
            }
            try {
                entries.put(path, reader.read(path, target));
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

    /** The general checks of one target, on its tree: what {@link TargetReader} falls back on. */
    static TargetEntry parseTarget(String path, JsonObject target) throws TufException {
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
