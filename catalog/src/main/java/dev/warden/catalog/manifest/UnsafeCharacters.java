package dev.warden.catalog.manifest;

import java.util.OptionalInt;

/**
 * Characters that must never reach a terminal or a reviewer from a manifest: C0 and C1 controls
 * other than newline and tab (ESC included, so no ANSI sequences), bidi controls, zero-width
 * characters, Unicode tags, and unpaired surrogates. (plugin-api keeps its own copy for scope
 * validation because it depends on the JDK only.)
 */
public final class UnsafeCharacters {

    private UnsafeCharacters() {
    }

    /** @return whether {@code cp} may change how a terminal shows text or hide text from a reader */
    public static boolean isUnsafe(int cp) {
        return cp < 0x20 && cp != '\n' && cp != '\t' || cp >= 0x7F && cp <= 0x9F
                || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069
                || cp == 0x200E || cp == 0x200F || cp == 0x061C
                || cp >= 0x200B && cp <= 0x200D || cp == 0x2060 || cp == 0xFEFF
                || cp >= 0xE0000 && cp <= 0xE007F
                || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }

    /** @return the index of the first unsafe character, or empty if there is none */
    public static OptionalInt firstUnsafe(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isUnsafe(cp)) {
                return OptionalInt.of(i);
            }
            i += Character.charCount(cp);
        }
        return OptionalInt.empty();
    }

    static String describe(int cp) {
        String kind;
        if (cp == 0x1B) {
            kind = "an ESC (terminal escape) character";
        } else if (cp < 0x20 || cp >= 0x7F && cp <= 0x9F) {
            kind = "a control character";
        } else if (cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E || cp == 0x200F
                || cp == 0x061C) {
            kind = "a bidi control character";
        } else if (cp >= 0xE0000) {
            kind = "a Unicode tag character";
        } else if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            kind = "an unpaired surrogate";
        } else {
            kind = "a zero-width character";
        }
        return String.format("%s (U+%04X)", kind, cp);
    }

    /** Escapes every unsafe character, newline and tab as {@code \}{@code uXXXX}; keeps everything else. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isUnsafe(cp) || cp == '\n' || cp == '\t') {
                out.append(cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\u{%X}", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Quotes text for a message, escaping every unsafe character, quote and backslash; cut at 120 characters. */
    public static String quote(String s) {
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
