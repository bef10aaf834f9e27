package dev.warden.catalog.policy;

/** Quoting for messages and JSON paths in the {@code $.hosts.block[2]} notation. */
final class Texts {

    private Texts() {
    }

    /** Quotes input with control, format (bidi, zero-width) and line characters escaped, so it cannot alter a terminal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(s.length(), 200);
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

    static String child(String parent, String key) {
        boolean identifier = !key.isEmpty() && key.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))
                && !Character.isDigit(key.charAt(0));
        return identifier ? parent + "." + key : parent + "[" + quote(key) + "]";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
