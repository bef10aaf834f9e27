package dev.warden.registry.tuf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The hash algorithms TUF metadata may list, by the names it uses. */
final class Digests {

    private static final Map<String, String> JAVA_NAMES = Map.of(
            "sha224", "SHA-224", "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    private Digests() {
    }

    /** A fresh digest for a TUF algorithm name, or empty when Warden cannot compute it. */
    static Optional<MessageDigest> forName(String tufName) {
        String java = JAVA_NAMES.get(tufName);
        if (java == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(java));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + java, e);
        }
    }

    static boolean isSupported(String tufName) {
        return JAVA_NAMES.containsKey(tufName);
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(forName("sha256").orElseThrow().digest(bytes));
    }

    static boolean sameHex(String expected, String actual) {
        return expected.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
    }
}
