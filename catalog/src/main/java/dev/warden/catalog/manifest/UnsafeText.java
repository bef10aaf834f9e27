package dev.warden.catalog.manifest;

import dev.warden.io.UnsafeCharacters;

import java.util.OptionalInt;

/**
 * Characters that can change what a terminal or a reader shows: controls, ANSI escapes, bidi
 * controls, zero-width characters, Unicode tags and unpaired surrogates. None may appear in a
 * scope or a reason, because both are shown to the person on the review screen.
 */
final class UnsafeText {

    private UnsafeText() {
    }

    static boolean isUnsafe(int cp) {
        return cp < 0x20 || cp >= 0x7F && cp <= 0x9F
                || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069
                || cp == 0x200E || cp == 0x200F || cp == 0x061C
                || cp >= 0x200B && cp <= 0x200D || cp == 0x2060 || cp == 0xFEFF
                // invisible operators and separators, deprecated format controls, annotation marks, fillers:
                // the same set as catalog's UnsafeCharacters (scopes and reasons need no emoji, so no sequences)
                || cp >= 0x2061 && cp <= 0x2064 || cp == 0x180E || cp >= 0x206A && cp <= 0x206F
                || cp >= 0xFFF9 && cp <= 0xFFFB || cp == 0x3164 || cp == 0xFFA0 || cp >= 0x1D173 && cp <= 0x1D17A
                || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || cp >= 0xE0000 && cp <= 0xE007F
                || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }

    /** @return the index of the first unsafe character, or empty if there is none */
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

    static void requireSafe(String what, String value) {
        OptionalInt at = firstUnsafe(value);
        if (at.isPresent()) {
            int cp = value.codePointAt(at.getAsInt());
            throw new IllegalArgumentException(String.format(
                    "%s contains the invisible or control character U+%04X at index %d; remove it",
                    what, cp, at.getAsInt()));
        }
    }
}
