package dev.warden.registry.git;

import dev.warden.io.UnsafeCharacters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Claude Code {@code .claude-plugin/marketplace.json} as read from one commit.
 *
 * @param name    the marketplace's kebab-case name
 * @param owner   the owner's name, if the file gives one
 * @param plugins the listed plugins in file order, installable or not; each name appears once
 * @since 0.1
 */
public record ClaudeMarketplace(String name, Optional<String> owner, List<ClaudeListing> plugins) {

    /** @throws IllegalArgumentException if the name is not kebab-case or a plugin name appears twice */
    public ClaudeMarketplace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        if (!MarketplaceJson.isKebab(name)) {
            throw new IllegalArgumentException("marketplace name " + UnsafeCharacters.quote(name) + " must be kebab-case");
        }
        plugins = List.copyOf(plugins);
        if (plugins.stream().map(ClaudeListing::name).distinct().count() != plugins.size()) {
            throw new IllegalArgumentException("marketplace " + name + " lists a plugin name twice");
        }
    }

    /** @return the listing with that name, or empty if the marketplace has none */
    public Optional<ClaudeListing> plugin(String pluginName) {
        return plugins.stream().filter(p -> p.name().equals(pluginName)).findFirst();
    }
}
