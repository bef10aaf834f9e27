package dev.warden.registry.tuf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A parsed snapshot: the version (and possibly length and hashes) of every targets metadata file. */
record SnapshotMetadata(Envelope envelope, Header header, Map<String, MetaFile> meta) {

    static SnapshotMetadata parse(Envelope envelope) throws TufException {
        JsonObject signed = envelope.signed();
        Header header = Header.parse(signed, Role.SNAPSHOT);
        JsonObject metaObject = signed.object("meta");
        Map<String, MetaFile> meta = new LinkedHashMap<>();
        for (String name : metaObject.map().keySet()) {
            meta.put(name, MetaFile.parse(metaObject.object(name)));
        }
        return new SnapshotMetadata(envelope, header, Collections.unmodifiableMap(meta));
    }

    long version() {
        return header.version();
    }

    /** What the snapshot lists for a targets role ({@code targets}, or later a delegated role). */
    Optional<MetaFile> metaFor(String roleName) {
        return Optional.ofNullable(meta.get(roleName + ".json"));
    }
}
