package dev.warden.manager.verify;

import java.util.List;

/**
 * What {@link BytecodeVerifier#verify} found in one plugin.
 *
 * @param classesChecked how many class files were read, in {@code classes/} and in {@code lib/*.jar}
 * @param violations     everything refused, each once: findings about files first, then each class's in
 *                       class-file order (classes/ sorted by path, then lib/ jars by name); empty if none
 * @since 0.1
 */
public record VerificationReport(int classesChecked, List<Violation> violations) {

    /**
     * @throws IllegalArgumentException if {@code classesChecked} is negative
     * @throws NullPointerException if {@code violations} is or holds null
     */
    public VerificationReport {
        if (classesChecked < 0) {
            throw new IllegalArgumentException("classesChecked is negative: " + classesChecked);
        }
        violations = List.copyOf(violations);
    }

    /** @return whether the plugin may be installed or loaded: nothing was refused */
    public boolean passed() {
        return violations.isEmpty();
    }
}
