package dev.warden.manager.runtime;

import dev.warden.io.UnsafeCharacters;

/** How a capability shows text a plugin passed in (a path, a program, a name) in audit entries and messages. */
final class PluginInput {

    private static final int MAX_SHOWN = 200;

    private PluginInput() {
    }

    /**
     * @return the plugin's input on one line by the one unsafe-text rule (controls, bidi, zero-width and tag
     *         characters escaped), cut to a sane length
     */
    static String shown(String input) {
        return UnsafeCharacters.escape(input, MAX_SHOWN);
    }
}
