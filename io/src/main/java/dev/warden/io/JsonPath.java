package dev.warden.io;

/**
 * The one JSON-path notation of Warden's messages: {@code $.permissions[1].scope}, with keys that are not
 * plain identifiers written {@code $['odd key']} and their quote, backslash, line and unsafe characters
 * escaped as {@code \}{@code u0027} (or {@code \}{@code u{1F600}} beyond the basic plane), so a path never
 * alters a terminal.
 */
public final class JsonPath {

    /** The path of the whole document. */
    public static final String ROOT = "$";

    private JsonPath() {
    }

    /** @return the path of member {@code key} of the object at {@code parent} */
    public static String child(String parent, String key) {
        if (isIdentifier(key)) {
            return parent + "." + key;
        }
        return parent + "['" + UnsafeCharacters.escape(key, "'\\") + "']";
    }

    /** @return the path of element {@code index} of the array at {@code parent} */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** @return whether {@code path} is {@code prefix} or lies inside it */
    public static boolean isWithin(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        if (path.length() == prefix.length()) {
            return true;
        }
        char next = path.charAt(prefix.length());
        return next == '.' || next == '[';
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
