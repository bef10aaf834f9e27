package dev.warden.registry.mcp;

import java.util.List;

/**
 * What one {@link McpRegistryIndex#refresh} did.
 *
 * @param pages   pages fetched
 * @param added   servers new to the index
 * @param updated servers whose listing changed
 * @param removed servers taken out (deleted in the registry, or gone from a full listing)
 * @param total   servers in the index afterwards
 * @param skipped one message per entry left out because it was malformed or unsafe, naming the page,
 *                the entry and the field; the rest of its page was used
 * @since 0.1
 */
public record RefreshSummary(int pages, int added, int updated, int removed, int total, List<String> skipped) {

    /** Copies the list of skipped entries. */
    public RefreshSummary {
        skipped = List.copyOf(skipped);
    }

    /** @return how many entries were skipped */
    public int skippedCount() {
        return skipped.size();
    }
}
