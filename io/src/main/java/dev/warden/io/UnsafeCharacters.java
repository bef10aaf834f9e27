package dev.warden.io;

import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * Characters that must never reach a terminal or a reviewer from a manifest: C0 and C1 controls
 * other than newline and tab (ESC included, so no ANSI sequences), bidi controls, zero-width and
 * other invisible characters, Unicode tags, and unpaired surrogates. In a text, a joiner inside an
 * emoji or a joining script, the tags of a subdivision flag and one variation selector after its base
 * are ordinary writing ({@link #isUnsafeAt}); a run of variation selectors is not. This is Warden's
 * only such rule, and {@link #escape(String)} its only notation for showing such text.
 */
public final class UnsafeCharacters {

    private static final IntPredicate ONE_LINE = cp -> cp == '\n' || cp == '\t';

    private UnsafeCharacters() {
    }

    /** @return whether {@code cp} may change how a terminal shows text or hide text from a reader */
    public static boolean isUnsafe(int cp) {
        return cp < 0x20 && cp != '\n' && cp != '\t' || cp >= 0x7F && cp <= 0x9F
                || isBidiControl(cp)
                || cp >= 0x200B && cp <= 0x200D || cp == 0x2060 || cp == 0xFEFF
                || isInvisibleFormatting(cp)
                || isTag(cp)
                || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }

    /**
     * Invisible operators, the Mongolian vowel separator, deprecated format controls, interlinear
     * annotation marks, Hangul fillers and invisible musical formatting: nothing a reader sees, all
     * usable to split a word or carry text.
     */
    private static boolean isInvisibleFormatting(int cp) {
        return cp >= 0x2061 && cp <= 0x2064 || cp == 0x180E || cp >= 0x206A && cp <= 0x206F
                || cp >= 0xFFF9 && cp <= 0xFFFB || cp == 0x3164 || cp == 0xFFA0 || cp >= 0x1D173 && cp <= 0x1D17A
                || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5;
    }

    /**
     * Whether the character starting at {@code index} of a text is unsafe where it stands: an unsafe
     * character that is not part of an emoji, a joining script's word or a subdivision flag, or a
     * variation selector that does not select a form of the character before it.
     */
    public static boolean isUnsafeAt(CharSequence s, int index) {
        int cp = Character.codePointAt(s, index);
        if (isUnsafe(cp)) {
            return !HonestSequences.isPartOfHonestSequence(s, index);
        }
        return isVariationSelector(cp) && !HonestSequences.selectsVariant(s, index);
    }

    /** @return the index of the first character that is unsafe where it stands, or empty if there is none */
    public static OptionalInt firstUnsafe(String s) {
        return firstUnsafe(s, "");
    }

    /**
     * Like {@link #firstUnsafe(String)}, also refusing each character of {@code alsoUnsafe} (a newline and
     * a tab in a value that must stay on one line).
     */
    public static OptionalInt firstUnsafe(String s, String alsoUnsafe) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isUnsafeAt(s, i) || alsoUnsafe.indexOf(cp) >= 0) {
                return OptionalInt.of(i);
            }
            i += Character.charCount(cp);
        }
        return OptionalInt.empty();
    }

    /** What kind of unsafe character a code point is, for a message that names it. */
    public enum Kind {
        /** ESC, which starts every ANSI terminal sequence. */
        ESCAPE,
        /** Any other C0 or C1 control. */
        CONTROL,
        /** A bidi control, which reorders what a reader sees. */
        BIDI,
        /** A Unicode tag character, which shows nothing while a model reads it as a letter. */
        TAG,
        /** A variation selector, unsafe where it selects nothing. */
        VARIATION_SELECTOR,
        /** Half of a surrogate pair on its own. */
        SURROGATE,
        /** A zero-width or other invisible character. */
        INVISIBLE
    }

    /** @return the kind of {@code cp} as an unsafe character; {@link Kind#INVISIBLE} for every other character */
    public static Kind kindOf(int cp) {
        if (cp == 0x1B) {
            return Kind.ESCAPE;
        } else if (cp < 0x20 || cp >= 0x7F && cp <= 0x9F) {
            return Kind.CONTROL;
        } else if (isBidiControl(cp)) {
            return Kind.BIDI;
        } else if (isTag(cp)) {
            return Kind.TAG;
        } else if (isVariationSelector(cp)) {
            return Kind.VARIATION_SELECTOR;
        } else if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            return Kind.SURROGATE;
        }
        return Kind.INVISIBLE;
    }

    /** What the character is, with its code point, for a message: "a bidi control character (U+202E)". */
    public static String describe(int cp) {
        String kind = switch (kindOf(cp)) {
            case ESCAPE -> "an ESC (terminal escape) character";
            case CONTROL -> "a control character";
            case BIDI -> "a bidi control character";
            case TAG -> "a Unicode tag character";
            case VARIATION_SELECTOR -> "a variation selector that selects nothing";
            case SURROGATE -> "an unpaired surrogate";
            case INVISIBLE -> "a zero-width or invisible character";
        };
        return String.format("%s (U+%04X)", kind, cp);
    }

    /** @return whether {@code cp} is a Unicode tag character (U+E0000 to U+E007F) */
    public static boolean isTag(int cp) {
        return cp >= 0xE0000 && cp <= 0xE007F;
    }

    /** @return whether {@code cp} is a variation selector (standard, ideographic or Mongolian) */
    public static boolean isVariationSelector(int cp) {
        return cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF
                || cp >= 0x180B && cp <= 0x180D || cp == 0x180F;
    }

    /**
     * Whether {@code cp} draws nothing: every unsafe character, variation selectors, the soft hyphen, the
     * grapheme joiner and every other format character. What a check drops to read text the way a model
     * does, whatever a terminal would make of it.
     */
    public static boolean isInvisible(int cp) {
        return isUnsafe(cp) || isVariationSelector(cp) || cp == 0x00AD || cp == 0x034F
                || Character.getType(cp) == Character.FORMAT;
    }

    private static boolean isBidiControl(int cp) {
        return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E || cp == 0x200F || cp == 0x061C;
    }

    /**
     * The one notation for showing text on one line: every character unsafe where it stands, every newline
     * and tab as {@code \}{@code u200B} (four hex digits, upper case) or {@code \}{@code u{1F600}} beyond the
     * BMP; everything else is kept.
     *
     * @return {@code s} itself when nothing needs escaping; "" for null
     */
    public static String escape(String s) {
        return escape(s, ONE_LINE, Integer.MAX_VALUE, "");
    }

    /**
     * Like {@link #escape(String)}, also escaping each character of {@code alsoEscaped} (the quote and
     * backslash of a notation that embeds the text, e.g. a JSON path's {@code ['key']}).
     */
    public static String escape(String s, String alsoEscaped) {
        return escape(s, cp -> alsoEscaped.indexOf(cp) >= 0);
    }

    /**
     * Like {@link #escape(String)}, also escaping every character {@code alsoEscaped} accepts (e.g. everything
     * outside printable ASCII, to show a look-alike letter as what it is).
     */
    public static String escape(String s, IntPredicate alsoEscaped) {
        return escape(s, ONE_LINE.or(alsoEscaped), Integer.MAX_VALUE, "");
    }

    /**
     * Like {@link #escape(String)}, cut once {@code maxChars} characters are written, with "…" marking the cut.
     */
    public static String escape(String s, int maxChars) {
        return escape(s, ONE_LINE, maxChars, "\u2026");
    }

    /** Like {@link #escape(String)} but keeps line breaks and tabs, for text shown as several lines. */
    public static String escapeMultiline(String s) {
        return escape(s, cp -> false, Integer.MAX_VALUE, "");
    }

    /** Quotes text for a message, escaping every unsafe character, quote and backslash; cut at 120 characters. */
    public static String quote(String s) {
        return quote(s, 120);
    }

    /** Quotes text for a message, escaping every unsafe character, quote and backslash; cut at {@code maxChars} characters. */
    public static String quote(String s, int maxChars) {
        int limit = Math.min(s.length(), maxChars);
        if (limit < s.length() && Character.isHighSurrogate(s.charAt(limit - 1))) {
            limit++; // never cut a pair in two
        }
        String shown = escape(s.substring(0, limit), "\"\\");
        return "\"" + shown + (s.length() > limit ? "..." : "") + "\"";
    }

    private static String escape(String s, IntPredicate alsoEscaped, int maxChars, String cutMark) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean escaped = isUnsafeAt(s, i) || alsoEscaped.test(cp);
            if (out == null && (escaped || i >= maxChars)) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null && out.length() >= maxChars) {
                return out.append(cutMark).toString();
            }
            if (escaped) {
                out.append(cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\u{%X}", cp));
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out == null ? s : out.toString();
    }
}
