package dev.warden.io;

/**
 * Marks the steps of a multi-step write so that tests can stop it at any one of them, as a crash
 * would. Production code uses {@link #NONE}; {@link AtomicFiles} reports its own steps to one.
 */
@FunctionalInterface
public interface CrashPoint {

    CrashPoint NONE = step -> { };

    /** Called after each step; a test's implementation throws to simulate a crash right there. */
    void reached(String step);
}
