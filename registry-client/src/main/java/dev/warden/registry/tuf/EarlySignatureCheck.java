package dev.warden.registry.tuf;

import dev.warden.io.Beside;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the signatures of a large metadata file on another thread while the file is parsed: hashing 12 MB for
 * Ed25519 costs about as much as reading it, and the two need not wait for each other. It guesses where
 * {@code signed} lies the way canonical JSON places it ({@code {"signatures":[..],"signed":{..}}}), and the
 * {@link ThresholdVerifier} takes a result only when the parser found {@code signed} at exactly those bytes, for
 * the same key and signature text: the same check over the same bytes, done earlier. Any other file, or a wrong
 * guess, is checked after the parse as before.
 */
final class EarlySignatureCheck {

    private static final byte[] SIGNATURES = "{\"signatures\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNED = "],\"signed\":{".getBytes(StandardCharsets.US_ASCII);

    /** One signature checked: by which key, with which text. */
    private record Checked(VerificationKey key, String sig) {
    }

    /** What was found: where {@code signed} was guessed to lie and each signature's result over it. */
    private record Results(long start, long end, Map<Checked, Boolean> valid) {
    }

    private final Beside<Optional<Results>, TufException> task;

    private EarlySignatureCheck(Beside<Optional<Results>, TufException> task) {
        this.task = task;
    }

    /**
     * Starts checking {@code raw} against the keys {@code role} lists; {@code raw} must not change afterwards.
     *
     * @param keys the delegating metadata's usable keys by key id
     */
    static EarlySignatureCheck start(byte[] raw, String file, Role role, Map<String, VerificationKey> keys) {
        return new EarlySignatureCheck(Beside.start("signature check of " + file, () -> check(raw, file, role, keys)));
    }

    /**
     * Whether {@code sig} by {@code key} verifies over the bytes from {@code start} to {@code end} (exclusive),
     * when this check verified exactly that; waits for it.
     *
     * @return empty when this check did not cover it
     */
    Optional<Boolean> result(long start, long end, VerificationKey key, String sig) {
        Optional<Results> results;
        try {
            results = task.result();
        } catch (TufException | RuntimeException e) {
            return Optional.empty(); // a guess that went wrong in any way leaves the check to the verifier
        }
        return results.filter(r -> r.start() == start && r.end() == end)
                .flatMap(r -> Optional.ofNullable(r.valid().get(new Checked(key, sig))));
    }

    private static Optional<Results> check(byte[] raw, String file, Role role, Map<String, VerificationKey> keys)
            throws TufException {
        int marker = indexOf(raw, SIGNED);
        if (!startsWith(raw, SIGNATURES) || marker < 0 || raw.length < marker + SIGNED.length + 1
                || raw[raw.length - 1] != '}') {
            return Optional.empty();
        }
        byte[] head = Arrays.copyOf(raw, marker + 2);
        head[marker + 1] = '}'; // {"signatures":[..]}
        List<Object> signatures = JsonObject.of(StrictJson.parse(head, file), file, "the top level").list("signatures");
        long start = marker + SIGNED.length - 1;
        long end = raw.length - 1;
        Map<Checked, Boolean> valid = new HashMap<>();
        for (Object entry : signatures) {
            if (!(entry instanceof Map<?, ?> map) || !(map.get("keyid") instanceof String keyid)
                    || !(map.get("sig") instanceof String sig) || !role.keyids().contains(keyid)) {
                continue;
            }
            VerificationKey key = keys.get(keyid);
            if (key == null) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(sig);
            } catch (IllegalArgumentException e) {
                continue;
            }
            valid.put(new Checked(key, sig), key.verifies(raw, (int) start, (int) (end - start), bytes)); // no 12 MB copy
        }
        return Optional.of(new Results(start, end, valid));
    }

    private static boolean startsWith(byte[] raw, byte[] prefix) {
        return raw.length >= prefix.length && Arrays.equals(raw, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The first index of {@code part} in {@code raw}, or -1. */
    private static int indexOf(byte[] raw, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= raw.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (raw[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
