package dev.warden.manager.runtime;

/** How a capability shows text a plugin passed in (a path, a program, a name) in audit entries and messages. */
final class PluginInput {

    private static final int MAX_SHOWN = 200;

    private PluginInput() {
    }

    /** @return the plugin's input with control characters escaped, cut to a sane length */
    static String shown(String input) {
        if (input.length() <= MAX_SHOWN && !hasControlCharacter(input)) {
            return input;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < input.length() && out.length() < MAX_SHOWN; i++) {
            char c = input.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return input.length() > out.length() && out.length() >= MAX_SHOWN ? out + "…" : out.toString();
    }

    private static boolean hasControlCharacter(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
