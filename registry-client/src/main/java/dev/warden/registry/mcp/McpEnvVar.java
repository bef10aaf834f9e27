package dev.warden.registry.mcp;

import dev.warden.io.UnsafeCharacters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A value the person supplies for an MCP server, as the registry describes it: an environment variable
 * the server reads, or a {@code {NAME}} variable of a remote's URL or header. The registry never
 * supplies the value itself, only a default the person may accept.
 *
 * @param name         the variable name, e.g. {@code WEATHER_API_KEY} or {@code tenant}
 * @param description  what the value is for; empty when the registry gives none
 * @param required     whether the server refuses to start without it
 * @param secret       whether the value is a secret (a token, a password) to be stored as such
 * @param format       {@code string}, {@code number}, {@code boolean} or {@code filepath}; {@code string} when not given
 * @param defaultValue the value suggested when the person gives none
 * @param choices      the only values allowed; empty when any value is
 * @since 0.1
 */
public record McpEnvVar(String name, String description, boolean required, boolean secret, String format,
                        Optional<String> defaultValue, List<String> choices) {

    /** The formats of the registry's schema (2025-12-11). */
    public static final Set<String> FORMATS = Set.of("string", "number", "boolean", "filepath");

    /** @throws IllegalArgumentException if the name is not a portable variable name or the format is unknown */
    public McpEnvVar {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (name == null || !Texts.isEnvName(name)) {
            throw new IllegalArgumentException("variable name " + UnsafeCharacters.quote(String.valueOf(name))
                    + " must be letters, digits and '_', not starting with a digit");
        }
        if (format == null || !FORMATS.contains(format)) {
            throw new IllegalArgumentException("variable " + name + " has the format " + UnsafeCharacters.quote(String.valueOf(format))
                    + "; the registry's formats are " + String.join(", ", FORMATS.stream().sorted().toList()));
        }
        choices = List.copyOf(choices);
    }

    /** A free-text value with no default and no choices, as registries before 2025-12-11 describe every variable. */
    public McpEnvVar(String name, String description, boolean required, boolean secret) {
        this(name, description, required, secret, "string", Optional.empty(), List.of());
    }
}
