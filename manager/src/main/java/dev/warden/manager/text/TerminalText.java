package dev.warden.manager.text;

/**
 * Makes text from bundles, trust files and the network safe to print: control characters, ANSI
 * escapes, bidi controls, zero-width and tag characters are shown as visible {@code <U+XXXX>}
 * marks instead of reaching the terminal raw.
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
            if (isUnsafe(cp)) {
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
        return (cp < 0x20 && cp != '\n' && cp != '\t')
                || (cp >= 0x7f && cp <= 0x9f)
                || cp == 0x061c || cp == 0x200e || cp == 0x200f
                || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff
                || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
                || (cp >= 0xe0000 && cp <= 0xe007f);
    }

    /** Like {@link #safe} and also shows line breaks and tabs, for one-line fields. */
    public static String safeLine(String text) {
        return safe(text).replace("\n", "<U+000A>").replace("\t", "<U+0009>");
    }
}
