package dev.warden.catalog.manifest;

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

    /**
     * Quotes input for an error message, replacing every character that could alter a terminal
     * with a {@code \}{@code uXXXX} escape, so that messages never carry raw control or bidi characters.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(s.length(), 200);
        for (int i = 0; i < limit; ) {
            int cp = s.codePointAt(i);
            if (UnsafeText.isUnsafe(cp) || cp == '\n' || cp == '\t' || cp == '"' || cp == '\\') {
                out.append(cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\u{%X}", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        if (s.length() > limit) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
