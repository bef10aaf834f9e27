package dev.warden.registry.tuf;

/** A parsed {@code timestamp.json}: what it says about the snapshot. */
record TimestampMetadata(Envelope envelope, Header header, MetaFile snapshot) {

    static final String FILE = "timestamp.json";

    static TimestampMetadata parse(Envelope envelope) throws TufException {
        JsonObject signed = envelope.signed();
        Header header = Header.parse(signed, Role.TIMESTAMP);
        MetaFile snapshot = MetaFile.parse(signed.object("meta").object("snapshot.json"));
        return new TimestampMetadata(envelope, header, snapshot);
    }

    long version() {
        return header.version();
    }
}
