package dev.warden.catalog.manifest;

import dev.warden.io.UnsafeCharacters;
import java.util.OptionalInt;

/** Name rules shared by the manifest types, and a safe way to quote input in error messages. */
final class Names {

    static final int MAX_NAME_LENGTH = 64;

    private Names() {
    }

    static boolean isKebab(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_NAME_LENGTH) {
            return false;
        }
        if (s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-' || s.contains("--")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static void requireKebab(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!isKebab(value)) {
            throw new IllegalArgumentException(what + " " + quote(value)
                    + " must be kebab-case (lowercase letters, digits and single hyphens, not at either end)"
                    + " and at most " + MAX_NAME_LENGTH + " characters, e.g. acme-tools");
        }
    }

    /** Quotes input for an error message by the one unsafe-text rule, so messages never carry raw control or bidi characters. */
    static String quote(String s) {
        return UnsafeCharacters.quote(s, 200);
    }

    /**
     * Refuses a value shown on the review screen (a scope, a reason) that holds a character unsafe where it
     * stands, or a line break or tab: such a value is one line.
     */
    static void requireSafe(String what, String value) {
        OptionalInt at = UnsafeCharacters.firstUnsafe(value, "\n\t");
        if (at.isPresent()) {
            int cp = value.codePointAt(at.getAsInt());
            throw new IllegalArgumentException(String.format(
                    "%s contains the invisible or control character U+%04X at index %d; remove it",
                    what, cp, at.getAsInt()));
        }
    }
}
