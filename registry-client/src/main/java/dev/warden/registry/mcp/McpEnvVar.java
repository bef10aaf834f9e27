package dev.warden.registry.mcp;

import dev.warden.io.UnsafeCharacters;
import java.util.Objects;

/**
 * An environment variable an MCP server reads, as the registry describes it. The person sets its
 * value later; the registry never supplies one.
 *
 * @param name        the variable name, e.g. {@code WEATHER_API_KEY}
 * @param description what the value is for; empty when the registry gives none
 * @param required    whether the server refuses to start without it
 * @param secret      whether the value is a secret (a token, a password) to be stored as such
 * @since 0.1
 */
public record McpEnvVar(String name, String description, boolean required, boolean secret) {

    /** @throws IllegalArgumentException if the name is not a portable variable name */
    public McpEnvVar {
        Objects.requireNonNull(description, "description");
        if (name == null || !Texts.isEnvName(name)) {
            throw new IllegalArgumentException("environment variable name " + UnsafeCharacters.quote(String.valueOf(name))
                    + " must be letters, digits and '_', not starting with a digit");
        }
    }
}
