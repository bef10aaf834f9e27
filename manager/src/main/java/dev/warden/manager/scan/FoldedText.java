package dev.warden.manager.scan;

import dev.warden.io.LatinLookAlikes;
import dev.warden.io.UnsafeCharacters;
import java.text.Normalizer;
import java.util.BitSet;

/**
 * A text as a model understands it once disguises are undone: invisible characters dropped, look-alike
 * letters (Cyrillic, Greek, fullwidth, mathematical, circled) and numeric HTML entities turned into the
 * ASCII they imitate. Knows for each of its characters where it came from, and which source characters
 * were changed, so a phrase found only here was written to slip past the check.
 */
final class FoldedText {

    final String text;
    private final int[] origin;
    private final BitSet changed;
    private final int sourceLength;

    private FoldedText(String text, int[] origin, BitSet changed, int sourceLength) {
        this.text = text;
        this.origin = origin;
        this.changed = changed;
        this.sourceLength = sourceLength;
    }

    static FoldedText of(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int[] origin = new int[source.length() + 1];
        BitSet changed = new BitSet();
        int i = 0;
        while (i < source.length()) {
            int cp = source.codePointAt(i);
            int next = i + Character.charCount(cp);
            String replacement;
            if (cp == '&' && entityEnd(source, i) > 0) {
                next = entityEnd(source, i);
                replacement = entity(source.substring(i, next));
            } else if (cp < 0x80) {
                if (out.length() >= origin.length) {
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                }
                origin[out.length()] = i;
                out.append((char) cp);
                i = next;
                continue;
            } else if (UnsafeCharacters.isInvisible(cp)) {
                replacement = "";
            } else {
                replacement = fold(cp);
            }
            if (replacement == null || replacement.equals(source.substring(i, next))) {
                origin = append(out, origin, source.substring(i, next), i);
            } else {
                changed.set(i, next);
                origin = append(out, origin, replacement, i);
            }
            i = next;
        }
        return new FoldedText(out.toString(), origin, changed, source.length());
    }

    /** @return the index in the source where the folded character at {@code index} came from */
    int sourceIndex(int index) {
        return index >= text.length() ? sourceLength : origin[index];
    }

    /** @return the end (exclusive) in the source of the folded range ending before {@code end} */
    int sourceEnd(int end) {
        if (end == 0) {
            return 0;
        }
        return end >= text.length() ? sourceLength : origin[end];
    }

    /** Whether undoing disguises changed anything at all. */
    boolean changedAnything() {
        return !changed.isEmpty();
    }

    /** Whether undoing a disguise changed any source character in {@code [start, end)}. */
    boolean changedWithin(int start, int end) {
        int at = changed.nextSetBit(start);
        return at >= 0 && at < end;
    }

    private static int[] append(StringBuilder out, int[] origin, String chars, int from) {
        int[] grown = origin;
        if (out.length() + chars.length() >= grown.length) {
            grown = java.util.Arrays.copyOf(grown, Math.max(grown.length * 2, out.length() + chars.length() + 1));
        }
        for (int k = 0; k < chars.length(); k++) {
            grown[out.length()] = from;
            out.append(chars.charAt(k));
        }
        return grown;
    }

    private static String fold(int cp) {
        int latin = LatinLookAlikes.latin(cp);
        if (latin != cp) {
            return Character.toString(latin);
        }
        String normalised = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder();
        normalised.codePoints().forEach(c -> out.appendCodePoint(LatinLookAlikes.latin(c)));
        return out.toString();
    }

    /** The end of a numeric character reference starting at {@code at} ({@code &#105;}, {@code &#x69;}), or -1. */
    private static int entityEnd(String s, int at) {
        int i = at + 1;
        if (i >= s.length() || s.charAt(i) != '#') {
            return -1;
        }
        i++;
        boolean hex = i < s.length() && (s.charAt(i) == 'x' || s.charAt(i) == 'X');
        if (hex) {
            i++;
        }
        int digits = 0;
        while (i < s.length() && digits < 7 && Character.digit(s.charAt(i), hex ? 16 : 10) >= 0) {
            i++;
            digits++;
        }
        return digits > 0 && i < s.length() && s.charAt(i) == ';' ? i + 1 : -1;
    }

    private static String entity(String reference) {
        boolean hex = reference.charAt(2) == 'x' || reference.charAt(2) == 'X';
        int value = Integer.parseInt(reference.substring(hex ? 3 : 2, reference.length() - 1), hex ? 16 : 10);
        if (!Character.isValidCodePoint(value) || value < 0x20 && value != '\n') {
            return " ";
        }
        return UnsafeCharacters.isInvisible(value) ? "" : value < 0x80 ? String.valueOf((char) value) : fold(value);
    }
}
