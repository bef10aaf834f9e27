package dev.warden.manager.marketplace;

import dev.warden.api.manifest.PluginId;
import dev.warden.manager.text.TerminalText;

/**
 * Marketplace names: kebab-case, because a git or MCP Registry marketplace's name becomes the
 * publisher part of the ids of its (unverified) plugins.
 */
final class MarketplaceNames {

    private MarketplaceNames() {
    }

    static void check(String name) throws MarketplaceProblem {
        try {
            new PluginId(name, "x");
        } catch (IllegalArgumentException e) {
            throw new MarketplaceProblem("marketplace name '" + TerminalText.safeLine(name)
                    + "' must be kebab-case (lowercase letters, digits and '-', at most 64), e.g. acme-tools");
        }
    }
}
