package dev.warden.catalog.state;

/** Makes text from files and other processes safe to put in a message shown on a terminal. */
final class Texts {

    private Texts() {
    }

    /** @return the text with control, bidi and other invisible formatting characters escaped as {@code \\u{XX}} */
    static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE || cp == '\\') {
                out.append(String.format("\\u{%X}", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** @return the text escaped and in double quotes */
    static String quote(String text) {
        return "\"" + escape(text) + "\"";
    }
}
