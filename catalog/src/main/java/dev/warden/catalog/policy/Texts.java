package dev.warden.catalog.policy;

import dev.warden.io.UnsafeCharacters;

/** JSON paths in the {@code $.hosts.block[2]} notation. */
final class Texts {

    private Texts() {
    }

    static String child(String parent, String key) {
        boolean identifier = !key.isEmpty() && key.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))
                && !Character.isDigit(key.charAt(0));
        return identifier ? parent + "." + key : parent + "[" + UnsafeCharacters.quote(key) + "]";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
