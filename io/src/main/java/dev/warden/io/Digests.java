package dev.warden.io;

import dev.warden.io.UnsafeCharacters;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Warden's one rule for hashes, under the names TUF writes them: which algorithms are checked, which of
 * a file's listed hashes are checked, and hashing a stream with them (lowercase hex).
 *
 * <p>Checked: {@code sha256}, {@code sha384} and {@code sha512}, the SHA-2 functions of at least 128-bit
 * collision resistance (TUF requires sha256 and sha512 of clients). {@code sha224} and anything else is
 * never checked: a hash Warden does not check is not counted as verification, so a file whose listing has
 * only such hashes is refused by the caller (see {@link #checkable}).
 */
public final class Digests {

    private static final Map<String, String> JCA_NAMES = Map.of(
            "sha256", "SHA-256",
            "sha384", "SHA-384",
            "sha512", "SHA-512");

    /** The algorithms checked, sorted, for messages. */
    public static final List<String> CHECKED = JCA_NAMES.keySet().stream().sorted().toList();

    private final Map<String, MessageDigest> digests = new LinkedHashMap<>();

    /** @throws IllegalArgumentException for a name that is not {@link #isChecked checked} */
    public Digests(List<String> algorithms) {
        for (String name : algorithms) {
            digests.put(name, forName(name).orElseThrow(() -> new IllegalArgumentException("unsupported hash algorithm "
                    + UnsafeCharacters.quote(name) + "; Warden checks " + String.join(", ", CHECKED))));
        }
    }

    /** Whether Warden checks hashes of this algorithm (exact, lowercase TUF name). */
    public static boolean isChecked(String algorithm) {
        return JCA_NAMES.containsKey(algorithm);
    }

    /** A fresh digest for a checked algorithm; empty for any other name. */
    public static Optional<MessageDigest> forName(String algorithm) {
        String jca = JCA_NAMES.get(algorithm);
        if (jca == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(jca));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is missing from this Java runtime", e);
        }
    }

    /**
     * The hashes of {@code listed} that Warden checks, in the order listed. Others are left out: they
     * neither pass nor fail a file. Empty when none is checked, and a caller must then refuse the file
     * rather than take it unverified.
     */
    public static Map<String, String> checkable(Map<String, String> listed) {
        Map<String, String> out = new LinkedHashMap<>();
        listed.forEach((algorithm, hex) -> {
            if (isChecked(algorithm)) {
                out.put(algorithm, hex);
            }
        });
        return out;
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(forName("sha256").orElseThrow().digest(bytes));
    }

    /** Whether two hex digests are equal, ignoring case. */
    public static boolean sameHex(String expected, String actual) {
        return expected.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
    }

    /** Hashes the remaining bytes without moving the buffer's position. */
    public void update(ByteBuffer bytes) {
        for (MessageDigest digest : digests.values()) {
            digest.update(bytes.duplicate());
        }
    }

    /** The digests so far, by the names asked for; call once, at the end. */
    public Map<String, String> hex() {
        Map<String, String> out = new LinkedHashMap<>();
        digests.forEach((name, digest) -> out.put(name, HexFormat.of().formatHex(digest.digest())));
        return Map.copyOf(out);
    }
}
