package dev.warden.catalog.manifest;

import dev.warden.io.UnsafeCharacters;

/** Builds JSON paths in the {@code $.permissions[1].scope} notation used in every problem. */
final class JsonPath {

    static final String ROOT = "$";

    private JsonPath() {
    }

    static String child(String parent, String key) {
        if (isIdentifier(key)) {
            return parent + "." + key;
        }
        return parent + "['" + UnsafeCharacters.escape(key, "'\\") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    private static boolean isIdentifier(String key) {
        if (key.isEmpty() || !(Character.isLetter(key.charAt(0)) && key.charAt(0) < 128 || key.charAt(0) == '_'
                || key.charAt(0) == '$')) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 128 || !(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }
}
