package dev.warden.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * The root of Warden's checked exceptions: a failure a person can act on. The message says what failed, on which
 * file, entry or key, and what to do; the {@link Category} says how a command that ends on it exits (DESIGN §7).
 * The command line prints the message and exits with the category's code, so a new failure needs no new handler.
 *
 * @since 0.1
 */
public abstract class WardenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** How a failure ends a command; each category is one exit code of DESIGN §7 (0 is success, not a failure). */
    public enum Category {
        /** Something could not be done: a file, the network, a malformed input; exit 1. */
        ERROR(1),
        /** The command was asked for something that does not make sense; exit 2. */
        USAGE(2),
        /** Refused by trust, policy or the person's consent; exit 3. */
        REFUSED(3),
        /** A bundle, record or repository failed an integrity check; exit 4. */
        INTEGRITY(4);

        private final int exitCode;

        Category(int exitCode) {
            this.exitCode = exitCode;
        }

        /** @return the process exit code a command ending on this failure returns */
        public int exitCode() {
            return exitCode;
        }

        /**
         * @param exitCode an exit code of DESIGN §7 other than 0
         * @return the category that exits with it
         * @throws IllegalArgumentException if no category has that code
         */
        public static Category ofExitCode(int exitCode) {
            return Arrays.stream(values()).filter(category -> category.exitCode == exitCode).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no failure category exits with " + exitCode));
        }
    }

    private final Category category;

    /**
     * @param category how the failure ends a command
     * @param message  what failed, on what, and what to do
     */
    protected WardenException(Category category, String message) {
        this(category, message, null);
    }

    /**
     * @param category how the failure ends a command
     * @param message  what failed, on what, and what to do
     * @param cause    the underlying failure, or null
     */
    protected WardenException(Category category, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
    }

    /** @return how this failure ends a command, never null */
    public final Category category() {
        return category;
    }
}
