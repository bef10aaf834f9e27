package dev.warden.registry.mcp;

import dev.warden.io.UnsafeCharacters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP header a remote server expects, as the registry describes it: a fixed value, a value with
 * {@code {NAME}} variables the person fills in, or no value at all (the person supplies the whole of it).
 *
 * @param name        the header name, e.g. {@code Authorization}
 * @param value       the value with its {@code {NAME}} variables as the registry wrote it; empty when the person supplies it
 * @param description what the header is for; empty when the registry gives none
 * @param required    whether the server refuses requests without it
 * @param secret      whether the value is a secret, to be stored as such
 * @param variables   the variables of {@code value}
 * @since 0.1
 */
public record McpHeader(String name, Optional<String> value, String description, boolean required, boolean secret,
                        List<McpEnvVar> variables) {

    /** @throws IllegalArgumentException if the name is not an HTTP header name */
    public McpHeader {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(description, "description");
        if (name == null || !Texts.isHeaderName(name)) {
            throw new IllegalArgumentException("header name " + UnsafeCharacters.quote(String.valueOf(name))
                    + " must be letters, digits and '-', at most 128 characters");
        }
        variables = List.copyOf(variables);
    }
}
