package dev.warden.registry.git;

import dev.warden.io.UnsafeCharacters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code plugins[]} in a Claude Code marketplace. An entry whose source Warden cannot
 * or will not install is still listed, with a {@link PluginSource.Unsupported} source saying why.
 *
 * @param name         the plugin's kebab-case name
 * @param version      the version the entry gives, as written (not yet checked as SemVer)
 * @param description  the entry's description, empty if it has none
 * @param keywords     the entry's keywords
 * @param author       the author's name, if the entry gives one
 * @param source       where the plugin's files come from
 * @param strict       Claude's {@code strict} flag (default true): whether the plugin's own
 *                     {@code plugin.json} is the authority, rather than this entry
 * @param rawEntryJson the entry exactly as parsed, re-serialised as compact JSON, so that callers can
 *                     read the component fields ({@code commands}, {@code mcpServers}, ...) it carries
 * @since 0.1
 */
public record ClaudeListing(String name, Optional<String> version, String description, List<String> keywords,
                            Optional<String> author, PluginSource source, boolean strict, String rawEntryJson) {

    /** @throws IllegalArgumentException if the name is not kebab-case */
    public ClaudeListing {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rawEntryJson, "rawEntryJson");
        if (!MarketplaceJson.isKebab(name)) {
            throw new IllegalArgumentException("plugin name " + UnsafeCharacters.quote(name) + " must be kebab-case");
        }
        keywords = List.copyOf(keywords);
    }
}
