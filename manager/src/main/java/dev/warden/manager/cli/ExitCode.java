package dev.warden.manager.cli;

/** The exit codes of DESIGN §7; scripts rely on them. */
public final class ExitCode {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    /** Refused by trust, policy or the person's consent. */
    public static final int REFUSED = 3;
    /** A bundle or record failed an integrity check. */
    public static final int INTEGRITY = 4;

    private ExitCode() {
    }
}
