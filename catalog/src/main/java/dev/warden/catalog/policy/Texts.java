package dev.warden.catalog.policy;

import dev.warden.io.UnsafeCharacters;

/** Quoting for messages. */
final class Texts {

    private Texts() {
    }

    /** Quotes input with control, format (bidi, zero-width) and line characters escaped, so it cannot alter a terminal. */
    static String quote(String s) {
        return UnsafeCharacters.quote(s);
    }
}
