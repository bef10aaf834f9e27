package dev.warden.manager.text;

import dev.warden.io.UnsafeCharacters;

/**
 * Makes text from bundles, trust files and the network safe to print: control characters, ANSI
 * escapes, bidi controls, zero-width and tag characters are shown as visible {@code <U+XXXX>}
 * marks instead of reaching the terminal raw; emoji sequences and flags stay as they are
 * ({@link UnsafeCharacters#isUnsafeAt}).
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every invisible or terminal-controlling character replaced by a visible mark. */
    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (UnsafeCharacters.isUnsafeAt(text, i)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("<U+%04X>", cp));
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    /** True for characters that change how a terminal shows text or hide text from a reader. */
    public static boolean isUnsafe(int cp) {
        return UnsafeCharacters.isUnsafe(cp);
    }

    /** Like {@link #safe} and also shows line breaks and tabs, for one-line fields. */
    public static String safeLine(String text) {
        return safe(text).replace("\n", "<U+000A>").replace("\t", "<U+0009>");
    }
}
