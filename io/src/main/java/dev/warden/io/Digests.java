package dev.warden.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /** A fresh SHA-256 digest, for a caller that feeds it more than one piece. */
    public static MessageDigest sha256() {
        return forName("sha256").orElseThrow();
    }

    /** The SHA-256 of {@code bytes}, raw. */
    public static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    /** Lowercase hex SHA-256 of {@code text} in UTF-8. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Lowercase hex SHA-256 of a file's content, read as a stream; a link is not followed.
     *
     * @throws IOException if the file cannot be read or is a link
     */
    public static String sha256Hex(Path file) throws IOException {
        return hex("sha256", file);
    }

    /**
     * Lowercase hex digest of a file's content under a {@link #isChecked checked} algorithm, read as a stream;
     * a link is not followed.
     *
     * @throws IllegalArgumentException for an algorithm that is not checked
     * @throws IOException              if the file cannot be read or is a link
     */
    public static String hex(String algorithm, Path file) throws IOException {
        Digests digests = new Digests(List.of(algorithm));
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                digests.update(buffer);
                buffer.clear();
            }
        }
        return digests.hex().get(algorithm);
    }

    /** Whether {@code text} is a SHA-256 digest as Warden writes them: 64 lowercase hex digits. */
    public static boolean isSha256Hex(String text) {
        return text.length() == 64 && text.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
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
