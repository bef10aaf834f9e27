package dev.warden.registry.tuf;

import dev.warden.signing.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One metadata file as received: its exact bytes, the {@code signed} object and the signatures over
 * that object's canonical JSON. Says nothing yet about whether the signatures are good.
 */
final class Envelope {

    /** One entry of {@code signatures}; {@code sig} is hex as written (checked when verifying). */
    record Signature(String keyid, String sig) {
    }

    private final String file;
    private final byte[] raw;
    private final JsonObject signed;
    private final List<Signature> signatures;
    private final Optional<byte[]> signedAsReceived;
    private byte[] canonical;

    private Envelope(String file, byte[] raw, JsonObject signed, List<Signature> signatures, Optional<byte[]> signedAsReceived) {
        this.file = file;
        this.raw = raw;
        this.signed = signed;
        this.signatures = signatures;
        this.signedAsReceived = signedAsReceived;
    }

    /** @throws TufException ({@link TufException.Kind#MALFORMED}) for anything but {@code {"signed":{..},"signatures":[..]}} */
    static Envelope parse(byte[] raw, String file) throws TufException {
        StrictJson.Span span = new StrictJson.Span("signed");
        JsonObject top = JsonObject.of(StrictJson.parse(raw, file, span), file, "the top level");
        JsonObject signed = top.object("signed");
        List<Object> list = top.list("signatures");
        List<Signature> signatures = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonObject entry = JsonObject.of(list.get(i), file, "signatures[" + i + "]");
            signatures.add(new Signature(entry.string("keyid"), entry.string("sig")));
        }
        return new Envelope(file, raw.clone(), JsonObject.of(signed.map(), file, "signed"), List.copyOf(signatures), span.of(raw));
    }

    String file() {
        return file;
    }

    /** The exact bytes received; callers must not change them. */
    byte[] raw() {
        return raw;
    }

    JsonObject signed() {
        return signed;
    }

    List<Signature> signatures() {
        return signatures;
    }

    /**
     * The bytes of {@code signed} exactly as they are in the file. When the file is canonical (as
     * Warden writes it) they are the canonical form, and checking a signature over them saves
     * encoding a large object again; a signature over them binds exactly what was parsed, so it may
     * be accepted whatever the form.
     */
    Optional<byte[]> signedAsReceived() {
        return signedAsReceived;
    }

    /** The bytes the signatures cover: canonical JSON of {@code signed}. */
    synchronized byte[] canonicalSigned() {
        if (canonical == null) {
            canonical = CanonicalJson.encode(signed.map());
        }
        return canonical;
    }
}
