package dev.warden.registry.tuf;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a threshold of a role's keys signed a file. Distinct keys are counted, not signature
 * entries: one key listed under two key ids counts once. (A key id listed twice in {@code signatures}
 * never gets here: {@link Envelope#parse} refuses the file.)
 */
final class ThresholdVerifier {

    private ThresholdVerifier() {
    }

    /**
     * @param roleName  the role the file must be signed as
     * @param role      the role's key ids and threshold, as the delegating metadata lists them
     * @param keys      usable keys of the delegating metadata by key id
     * @param delegator names the delegating metadata in messages, e.g. {@code root.json version 3}
     * @throws TufException ({@link TufException.Kind#SIGNATURE}) below the threshold
     */
    static void verify(Envelope envelope, String roleName, Role role, Map<String, VerificationKey> keys,
                       String delegator) throws TufException {
        int valid = count(envelope, role, keys);
        if (valid < role.threshold()) {
            throw new TufException(TufException.Kind.SIGNATURE, envelope.file() + " has " + valid + " valid signature"
                    + (valid == 1 ? "" : "s") + " by the " + roleName + " keys of " + delegator + ", and "
                    + role.threshold() + " " + (role.threshold() == 1 ? "is" : "are") + " required; "
                    + Messages.ATTACK_ADVICE);
        }
    }

    static boolean verifies(Envelope envelope, Role role, Map<String, VerificationKey> keys) {
        return count(envelope, role, keys) >= role.threshold();
    }

    private static int count(Envelope envelope, Role role, Map<String, VerificationKey> keys) {
        Set<VerificationKey> signers = new HashSet<>();
        Optional<byte[]> signedAsReceived = null; // copied only when no early check covered a signature
        for (Envelope.Signature signature : envelope.signatures()) {
            VerificationKey key = role.keyids().contains(signature.keyid()) ? keys.get(signature.keyid()) : null;
            if (key == null || signers.contains(key)) {
                continue;
            }
            byte[] sig;
            try {
                sig = HexFormat.of().parseHex(signature.sig());
            } catch (IllegalArgumentException e) {
                continue; // not hex: not a valid signature, like any other bad one
            }
            Optional<Boolean> early = envelope.checkedEarly(key, signature.sig());
            boolean asReceived;
            if (early.isPresent()) {
                asReceived = early.get();
            } else {
                if (signedAsReceived == null) {
                    signedAsReceived = envelope.signedAsReceived();
                }
                asReceived = signedAsReceived.map(bytes -> key.verifies(bytes, sig)).orElse(false);
            }
            if (asReceived || key.verifies(envelope.canonicalSigned(), sig)) {
                signers.add(key);
            }
        }
        return signers.size();
    }
}
