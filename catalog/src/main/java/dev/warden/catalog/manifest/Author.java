package dev.warden.catalog.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code author} object of Claude Code's manifest.
 *
 * @param name  the author's or organisation's display name; not blank
 * @param email a contact address, if given
 * @param url   a web page, if given
 * @since 0.1
 */
public record Author(String name, Optional<String> email, Optional<String> url) {

    /** @throws IllegalArgumentException if the name is blank */
    public Author {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("author needs a name");
        }
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(url, "url");
    }
}
