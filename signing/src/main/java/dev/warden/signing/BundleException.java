package dev.warden.signing;

import dev.warden.io.WardenException;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a bundle was refused: one {@link Failure} (which check failed), the entry or key it failed on,
 * and a message that says what failed and what to do. Causes from the zip, JSON or crypto layers are
 * attached, never thrown on their own.
 */
public final class BundleException extends WardenException {

    private static final long serialVersionUID = 1L;

    /** Which check failed; each failure is an integrity failure (exit 4), a trust refusal (exit 3) or an I/O error (exit 1). */
    public enum Failure {
        /** The zip structure is broken or uses tricks (local≠central, overlap, trailing data, ZIP64, ...). */
        MALFORMED_ARCHIVE(Category.INTEGRITY),
        /** An entry name or type that must never be extracted (escape, link, collision, native library, Class-Path). */
        UNSAFE_ENTRY(Category.INTEGRITY),
        /** A count, size, depth, length or ratio above {@link BundleLimits}. */
        LIMIT_EXCEEDED(Category.INTEGRITY),
        /** A required entry is absent, or files.json lists an entry the archive does not hold. */
        MISSING_ENTRY(Category.INTEGRITY),
        /** The archive holds an entry that files.json does not list. */
        UNLISTED_ENTRY(Category.INTEGRITY),
        /** An entry's bytes differ from files.json (size or SHA-256) or from its zip CRC. */
        CONTENT_MISMATCH(Category.INTEGRITY),
        /** signature.json is not the documented form (bad JSON, unknown alg, bad base64, wrong length). */
        MALFORMED_SIGNATURE(Category.INTEGRITY),
        /** A trusted key's signature does not verify over this bundle's payload (tampered or copied). */
        BAD_SIGNATURE(Category.INTEGRITY),
        /** The bundle carries no signature. */
        UNSIGNED(Category.REFUSED),
        /** No trusted publisher lists the signing key. */
        UNKNOWN_KEY(Category.REFUSED),
        /** The key belongs only to publishers whose namespaces do not cover the bundle's publisher. */
        NAMESPACE_VIOLATION(Category.REFUSED),
        /** The key was revoked. */
        KEY_REVOKED(Category.REFUSED),
        /** Now lies outside the key's validity window. */
        KEY_NOT_VALID_NOW(Category.REFUSED),
        /** A signing key of one publisher used on another publisher's bundle. */
        WRONG_PUBLISHER_KEY(Category.REFUSED),
        /** Reading or writing files failed. */
        IO(Category.ERROR);

        private final Category category;

        Failure(Category category) {
            this.category = category;
        }

        /** @return how a bundle refused for this failure ends a command */
        public Category category() {
            return category;
        }
    }

    private final Failure failure;
    private final String entry;
    private final String keyId;

    public BundleException(Failure failure, String message) {
        this(failure, null, null, message, null);
    }

    public BundleException(Failure failure, String message, Throwable cause) {
        this(failure, null, null, message, cause);
    }

    public BundleException(Failure failure, String entry, String message) {
        this(failure, entry, null, message, null);
    }

    public BundleException(Failure failure, String entry, String message, Throwable cause) {
        this(failure, entry, null, message, cause);
    }

    private BundleException(Failure failure, String entry, String keyId, String message, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").category(), Objects.requireNonNull(message, "message"), cause);
        this.failure = failure;
        this.entry = entry;
        this.keyId = keyId;
    }

    /** A failure about a signature or key; {@code keyId} is the key id as found in signature.json. */
    public static BundleException forKey(Failure failure, String keyId, String message) {
        return new BundleException(failure, null, keyId, message, null);
    }

    public Failure failure() {
        return failure;
    }

    /** The archive entry the failure is about (for a nested jar: {@code lib/x.jar!/inner/name}), if any. */
    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }

    /** The key id (as found in signature.json) the failure is about, if any. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }
}
