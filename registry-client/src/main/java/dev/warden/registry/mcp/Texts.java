package dev.warden.registry.mcp;

import java.util.OptionalInt;

/**
 * Text rules for what a registry sends: characters that could alter a terminal or hide text are
 * refused (the same set the catalog refuses in manifests, which this module cannot depend on).
 */
final class Texts {

    private Texts() {
    }

    /** Controls other than newline and tab (so ESC and ANSI too), bidi controls, zero-width, tags, lone surrogates. */
    static boolean isUnsafe(int cp) {
        return cp < 0x20 && cp != '\n' && cp != '\t' || cp >= 0x7F && cp <= 0x9F
                || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069
                || cp == 0x200E || cp == 0x200F || cp == 0x061C
                || cp >= 0x200B && cp <= 0x200D || cp == 0x2060 || cp == 0xFEFF
                || cp >= 0xE0000 && cp <= 0xE007F
                || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }

    static OptionalInt firstUnsafe(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isUnsafe(cp)) {
                return OptionalInt.of(i);
            }
            i += Character.charCount(cp);
        }
        return OptionalInt.empty();
    }

    static boolean hasWhitespace(String s) {
        return s.chars().anyMatch(Character::isWhitespace);
    }

    static boolean isEnvName(String name) {
        if (name.isEmpty() || name.length() > 128 || Character.isDigit(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_');
    }

    /** Quotes input for a message with every unsafe character, quote and backslash escaped; cut at 120 characters. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(s.length(), 120);
        for (int i = 0; i < limit; ) {
            int cp = s.codePointAt(i);
            if (isUnsafe(cp) || cp == '\n' || cp == '\t' || cp == '"' || cp == '\\') {
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
