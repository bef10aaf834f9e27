package dev.warden.manager.scan;

import java.util.Objects;

/**
 * Something the static check found in a plugin's text.
 *
 * @param kind what was found
 * @param location where: a bundle path with line and column, or a manifest field
 * @param message what it is, for the review screen (already safe to print)
 */
public record Finding(Kind kind, String location, String message) {

    /**
     * What was found; what the person cannot see or recognise ({@link #HIDDEN_CHARACTERS},
     * {@link #HIDDEN_INSTRUCTION}, {@link #DISGUISED_INSTRUCTION}) refuses the install unless policy allows it.
     */
    public enum Kind {
        /** Invisible or terminal-controlling characters: tag characters, zero-width, bidi, ANSI escapes. */
        HIDDEN_CHARACTERS,
        /** Text a person does not see when the Markdown is rendered, such as a long HTML comment. */
        HIDDEN_TEXT,
        /** Instructions for the model in text a person does not see: an HTML comment, a YAML comment, a hidden element. */
        HIDDEN_INSTRUCTION,
        /** Instructions for the model written with look-alike letters, invisible characters or entities to escape the check. */
        DISGUISED_INSTRUCTION,
        /** Instructions aimed at the model in plain sight: to ignore its instructions, exfiltrate data, or drop its safety. */
        MODEL_INSTRUCTION
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public boolean refusesInstall() {
        return kind == Kind.HIDDEN_CHARACTERS || kind == Kind.HIDDEN_INSTRUCTION || kind == Kind.DISGUISED_INSTRUCTION;
    }
}
