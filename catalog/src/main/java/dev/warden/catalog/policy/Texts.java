package dev.warden.catalog.policy;

import dev.warden.io.UnsafeCharacters;

/** Quoting for messages and JSON paths in the {@code $.hosts.block[2]} notation. */
final class Texts {

    private Texts() {
    }

    /** Quotes input with control, format (bidi, zero-width) and line characters escaped, so it cannot alter a terminal. */
    static String quote(String s) {
        return UnsafeCharacters.quote(s);
    }

    static String child(String parent, String key) {
        boolean identifier = !key.isEmpty() && key.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))
                && !Character.isDigit(key.charAt(0));
        return identifier ? parent + "." + key : parent + "[" + quote(key) + "]";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
