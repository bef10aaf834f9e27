package dev.warden.manager.marketplace;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of marketplace Warden speaks (DESIGN §3.4). */
public enum MarketplaceKind {
    /** A folder or URL with TUF-format signed metadata and signed bundles. */
    STATIC("static", "signed repository"),
    /** A git repository with a Claude Code {@code .claude-plugin/marketplace.json}. */
    GIT("git", "git marketplace"),
    /** A server speaking the MCP Registry API. */
    MCP_REGISTRY("mcp-registry", "MCP Registry");

    private final String id;
    private final String description;

    MarketplaceKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name used in files and on the command line. */
    public String id() {
        return id;
    }

    /** A few words for people. */
    public String description() {
        return description;
    }

    /** @return the kind named {@code id} (as in {@link #id()}), or empty */
    public static Optional<MarketplaceKind> byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }
}
