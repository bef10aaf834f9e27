package dev.warden.registry.tuf;

import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.CanonicalJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One metadata file as received: its exact bytes, the {@code signed} object and the signatures over
 * that object's canonical JSON. Says nothing yet about whether the signatures are good.
 *
 * <p>A large object inside {@code signed} may have been streamed to its reader instead of kept (see
 * {@link #parse(byte[], String, StrictJson.Streamed)}); {@link #signed()} then holds an empty object in its
 * place, and whatever needs the whole tree ({@link #canonicalSigned()}, {@link #signedTree()}) parses the
 * bytes again.
 */
final class Envelope {

    /** One entry of {@code signatures}; {@code sig} is hex as written (checked when verifying). */
    record Signature(String keyid, String sig) {
    }

    private final String file;
    private final byte[] raw;
    private final JsonObject signed;
    private final List<Signature> signatures;
    private final StrictJson.Span signedSpan;
    private final EarlySignatureCheck early;
    private byte[] canonical;

    private Envelope(String file, byte[] raw, JsonObject signed, List<Signature> signatures, StrictJson.Span signedSpan,
                     EarlySignatureCheck early) {
        this.file = file;
        this.raw = raw;
        this.signed = signed;
        this.signatures = signatures;
        this.signedSpan = signedSpan;
        this.early = early;
    }

    /**
     * @param raw the file's bytes, handed over: the caller must not change them afterwards
     * @throws TufException ({@link TufException.Kind#MALFORMED}) for anything but {@code {"signed":{..},"signatures":[..]}}
     */
    static Envelope parse(byte[] raw, String file) throws TufException {
        return parse(raw, file, null);
    }

    /** Like {@link #parse(byte[], String, StrictJson.Streamed)}; {@code early} has been checking {@code raw}'s signatures meanwhile. */
    static Envelope parse(byte[] raw, String file, StrictJson.Streamed streamed, EarlySignatureCheck early)
            throws TufException {
        Envelope parsed = parse(raw, file, streamed);
        return new Envelope(parsed.file, parsed.raw, parsed.signed, parsed.signatures, parsed.signedSpan, early);
    }

    /**
     * Like {@link #parse(byte[], String)}, handing the members of one object of {@code signed} to
     * {@code streamed} as they are read instead of keeping them.
     *
     * @param streamed null to keep the whole tree
     */
    static Envelope parse(byte[] raw, String file, StrictJson.Streamed streamed) throws TufException {
        StrictJson.Span span = new StrictJson.Span("signed");
        JsonObject top = JsonObject.of(StrictJson.parse(raw, file, span, streamed), file, "the top level");
        JsonObject signed = top.object("signed");
        List<Object> list = top.list("signatures");
        List<Signature> signatures = new ArrayList<>(list.size());
        Set<String> keyids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonObject entry = JsonObject.of(list.get(i), file, "signatures[" + i + "]");
            Signature signature = new Signature(entry.string("keyid"), entry.string("sig"));
            // The specification makes key ids unique in this array. Counting each key once is not enough:
            // a file that breaks the rule is refused whole, even when the threshold would be met.
            if (!keyids.add(signature.keyid())) {
                throw JsonObject.malformed(file, "signatures[" + i + "].keyid " + UnsafeCharacters.quote(signature.keyid())
                        + " is listed twice in signatures; each key id may sign once");
            }
            signatures.add(signature);
        }
        return new Envelope(file, raw, JsonObject.of(signed.map(), file, "signed"), List.copyOf(signatures), span, null);
    }

    String file() {
        return file;
    }

    /** The exact bytes received; callers must not change them. */
    byte[] raw() {
        return raw;
    }

    /** The {@code signed} object; without the members of a streamed object (see the class comment). */
    JsonObject signed() {
        return signed;
    }

    /**
     * The whole {@code signed} tree, parsed again from the bytes: a fresh tree the caller may edit (the
     * repository writer does), with every member of a streamed object.
     */
    Map<String, Object> signedTree() {
        try {
            return JsonObject.of(StrictJson.parse(raw, file), file, "the top level").object("signed").map();
        } catch (TufException e) {
            throw new IllegalStateException(file + " was read once already and cannot fail now", e);
        }
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
        return signedSpan.of(raw); // copied when asked rather than kept: a large file would be held twice
    }

    /**
     * Whether {@code sig} by {@code key} verifies over {@link #signedAsReceived()}, when an {@link EarlySignatureCheck}
     * checked exactly those bytes; empty when none did.
     */
    Optional<Boolean> checkedEarly(VerificationKey key, String sig) {
        if (early == null || signedSpan.found().isEmpty()) {
            return Optional.empty();
        }
        dev.warden.io.StrictJson.Span span = signedSpan.found().get();
        return early.result(span.start(), span.end(), key, sig);
    }

    /**
     * The bytes the signatures cover: canonical JSON of {@code signed}. Encoded from the whole tree, parsed
     * again, since only a file not in canonical form needs it.
     */
    synchronized byte[] canonicalSigned() {
        if (canonical == null) {
            canonical = CanonicalJson.encode(signedTree());
        }
        return canonical;
    }
}
