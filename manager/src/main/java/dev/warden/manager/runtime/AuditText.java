package dev.warden.manager.runtime;

/** How a plugin's own input appears in audit entries and in the messages it gets back. */
final class AuditText {

    private static final int MAX_SHOWN_INPUT = 200;

    private AuditText() {
    }

    /** The plugin's input for an audit entry or message: control characters escaped, cut to a sane length. */
    static String shown(String input) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < input.length() && out.length() < MAX_SHOWN_INPUT; i++) {
            char c = input.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return input.length() > out.length() && out.length() >= MAX_SHOWN_INPUT ? out + "…" : out.toString();
    }
}
