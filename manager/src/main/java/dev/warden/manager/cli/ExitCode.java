package dev.warden.manager.cli;

import dev.warden.io.WardenException.Category;

/** The exit codes of DESIGN §7; scripts rely on them. A failure's code is its {@link Category}'s. */
public final class ExitCode {

    public static final int OK = 0;
    public static final int ERROR = Category.ERROR.exitCode();
    public static final int USAGE = Category.USAGE.exitCode();
    /** Refused by trust, policy or the person's consent. */
    public static final int REFUSED = Category.REFUSED.exitCode();
    /** A bundle or record failed an integrity check. */
    public static final int INTEGRITY = Category.INTEGRITY.exitCode();

    private ExitCode() {
    }
}
