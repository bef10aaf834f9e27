package dev.warden.io;

import java.lang.Character.UnicodeScript;
import java.util.Set;

/**
 * The places where an otherwise invisible character is part of ordinary writing: a zero-width joiner
 * inside an emoji sequence (❤‍🔥, 👨‍💻) or inside a word of a script whose spelling uses joiners
 * (Persian, Hindi), tag characters of the three subdivision flags, one variation selector after its base.
 * Everything else of {@link UnsafeCharacters} stays unsafe, so joiners, tags and selectors cannot carry text.
 */
final class HonestSequences {

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    /**
     * Only the recommended subdivision flags (England, Scotland, Wales): any other tag text after a black
     * flag shows as a plain flag while a model reads the letters, so a row of "flags" could spell an
     * instruction nobody sees.
     */
    private static final Set<String> FLAG_TAGS = Set.of("gbeng", "gbsct", "gbwls");
    private static final int LONGEST_FLAG_TAGS = 6;

    /** Scripts whose spelling needs ZWJ/ZWNJ between letters (half forms, non-joining Persian letters). */
    private static final Set<UnicodeScript> JOINING_SCRIPTS = Set.of(UnicodeScript.ARABIC, UnicodeScript.SYRIAC,
            UnicodeScript.NKO, UnicodeScript.MONGOLIAN, UnicodeScript.DEVANAGARI, UnicodeScript.BENGALI,
            UnicodeScript.GURMUKHI, UnicodeScript.GUJARATI, UnicodeScript.ORIYA, UnicodeScript.TAMIL,
            UnicodeScript.TELUGU, UnicodeScript.KANNADA, UnicodeScript.MALAYALAM, UnicodeScript.SINHALA,
            UnicodeScript.MYANMAR, UnicodeScript.KHMER, UnicodeScript.TIBETAN);

    /**
     * Extended_Pictographic of Unicode's emoji-data.txt, as ranges; the code points a zero-width joiner may
     * join. EmojiSequencesTest checks this table against the JDK's own grapheme rules.
     */
    private static final int[] PICTOGRAPHIC = {
        0xA9, 0xA9, 0xAE, 0xAE, 0x203C, 0x203C, 0x2049, 0x2049, 0x2122, 0x2122, 0x2139, 0x2139, 0x2194, 0x2199,
        0x21A9, 0x21AA, 0x231A, 0x231B, 0x2328, 0x2328, 0x2388, 0x2388, 0x23CF, 0x23CF, 0x23E9, 0x23F3,
        0x23F8, 0x23FA, 0x24C2, 0x24C2, 0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0, 0x25FB, 0x25FE,
        0x2600, 0x2605, 0x2607, 0x2612, 0x2614, 0x2685, 0x2690, 0x2705, 0x2708, 0x2712, 0x2714, 0x2714,
        0x2716, 0x2716, 0x271D, 0x271D, 0x2721, 0x2721, 0x2728, 0x2728, 0x2733, 0x2734, 0x2744, 0x2744,
        0x2747, 0x2747, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2763, 0x2767,
        0x2795, 0x2797, 0x27A1, 0x27A1, 0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2934, 0x2935, 0x2B05, 0x2B07,
        0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x3030, 0x3030, 0x303D, 0x303D, 0x3297, 0x3297,
        0x3299, 0x3299, 0x1F000, 0x1F0FF, 0x1F10D, 0x1F10F, 0x1F12F, 0x1F12F, 0x1F16C, 0x1F171, 0x1F17E, 0x1F17F,
        0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F1AD, 0x1F1E5, 0x1F201, 0x1F20F, 0x1F21A, 0x1F21A, 0x1F22F, 0x1F22F,
        0x1F232, 0x1F23A, 0x1F23C, 0x1F23F, 0x1F249, 0x1F3FA, 0x1F400, 0x1F53D, 0x1F546, 0x1F64F, 0x1F680, 0x1F6FF,
        0x1F774, 0x1F77F, 0x1F7D5, 0x1F7FF, 0x1F80C, 0x1F80F, 0x1F848, 0x1F84F, 0x1F85A, 0x1F85F, 0x1F888, 0x1F88F,
        0x1F8AE, 0x1F8FF, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1FAFF, 0x1FC00, 0x1FFFD,
    };

    private HonestSequences() {
    }

    static boolean isPictographic(int cp) {
        int low = 0;
        int high = PICTOGRAPHIC.length / 2 - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (cp < PICTOGRAPHIC[2 * mid]) {
                high = mid - 1;
            } else if (cp > PICTOGRAPHIC[2 * mid + 1]) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static boolean isSkinTone(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    /** Whether the character at {@code index} belongs to an honest sequence; false for every other character. */
    static boolean isPartOfHonestSequence(CharSequence s, int index) {
        int cp = Character.codePointAt(s, index);
        if (cp == ZWJ || cp == ZWNJ) {
            return joinsEmoji(s, index, cp) || joinsLetters(s, index);
        }
        if (UnsafeCharacters.isTag(cp)) {
            return inFlag(s, index);
        }
        return false;
    }

    /**
     * Whether the variation selector at {@code index} selects a form of the character before it: exactly one
     * selector, after a visible character that has variants (on ASCII only a keycap base; an emoji only with
     * FE0E or FE0F; never a space or another invisible character). Several in a row, or one after a letter, is how text is smuggled inside an emoji or a word.
     */
    static boolean selectsVariant(CharSequence s, int index) {
        int cp = Character.codePointAt(s, index);
        if (index == 0) {
            return false;
        }
        int base = Character.codePointBefore(s, index);
        if (base < 0x80) {
            // on ASCII only the keycap bases take a selector (1️⃣); after punctuation it would carry data unseen
            return (cp == 0xFE0E || cp == 0xFE0F) && (base >= '0' && base <= '9' || base == '#' || base == '*');
        }
        if (UnsafeCharacters.isVariationSelector(base) || Character.isWhitespace(base) || Character.getType(base) == Character.FORMAT
                || UnsafeCharacters.isTag(base)) {
            return false;
        }
        if (cp >= 0xE0100) {
            return Character.isIdeographic(base);
        }
        if (cp >= 0x180B && cp <= 0x180F) {
            return UnicodeScript.of(base) == UnicodeScript.MONGOLIAN;
        }
        // an emoji has a text and an emoji form (FE0E, FE0F) and no other
        return cp >= 0xFE0E || !isPictographic(base) && !isSkinTone(base);
    }

    private static boolean joinsEmoji(CharSequence s, int index, int cp) {
        if (cp != ZWJ || index == 0 || index + 1 >= s.length()) {
            return false;
        }
        int before = index;
        int prev = Character.codePointBefore(s, before);
        if (prev == 0xFE0F) {
            before -= 1;
            prev = before > 0 ? Character.codePointBefore(s, before) : -1;
        }
        if (isSkinTone(prev)) {
            before -= 2;
            prev = before > 0 ? Character.codePointBefore(s, before) : -1;
        }
        return isPictographic(prev) && isPictographic(Character.codePointAt(s, index + 1));
    }

    /** After a letter or sign of a joining script, before another of the same script or at the end of the word (chillu forms). */
    private static boolean joinsLetters(CharSequence s, int index) {
        if (index == 0) {
            return false;
        }
        int prev = Character.codePointBefore(s, index);
        UnicodeScript script = UnicodeScript.of(prev);
        if (!JOINING_SCRIPTS.contains(script) || !isLetterOrMark(prev)) {
            return false;
        }
        if (index + 1 >= s.length()) {
            return true;
        }
        int next = Character.codePointAt(s, index + 1);
        return UnicodeScript.of(next) == script && isLetterOrMark(next) || !Character.isLetterOrDigit(next) && !isLetterOrMark(next);
    }

    private static boolean isLetterOrMark(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** A tag inside black flag + one of {@link #FLAG_TAGS} + cancel tag, looking no further than such a flag is long. */
    private static boolean inFlag(CharSequence s, int index) {
        int start = index;
        for (int steps = 0; start > 0 && UnsafeCharacters.isTag(Character.codePointBefore(s, start)); steps++) {
            if (steps == LONGEST_FLAG_TAGS) {
                return false;
            }
            start -= 2;
        }
        if (start < 2 || Character.codePointBefore(s, start) != BLACK_FLAG) {
            return false;
        }
        StringBuilder spec = new StringBuilder();
        for (int i = start; i < s.length(); i += 2) {
            int cp = Character.codePointAt(s, i);
            if (cp == CANCEL_TAG) {
                return FLAG_TAGS.contains(spec.toString());
            }
            if (!UnsafeCharacters.isTag(cp) || spec.length() == LONGEST_FLAG_TAGS) {
                return false;
            }
            spec.append((char) (cp - 0xE0000));
        }
        return false;
    }
}
