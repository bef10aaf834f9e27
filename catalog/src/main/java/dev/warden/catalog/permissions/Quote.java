package dev.warden.catalog.permissions;

/**
 * Quotes text for messages with control, format (bidi, zero-width) and line characters escaped as
 * {@code \}{@code uXXXX}, so that no input can alter a terminal or disguise itself.
 */
final class Quote {

    private static final int LIMIT = 300;

    private Quote() {
    }

    static String of(String s) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(s.length(), LIMIT);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR || c == '"' || c == '\\') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(s.length() > limit ? "...\"" : "\"").toString();
    }
}
