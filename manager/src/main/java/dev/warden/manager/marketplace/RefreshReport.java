package dev.warden.manager.marketplace;

import java.util.List;

/**
 * What a refresh found.
 *
 * @param changed whether the cached offers were replaced
 * @param lines   what to tell the person: plugins added, updated or gone, a moved pin, skipped entries
 */
public record RefreshReport(boolean changed, List<String> lines) {

    public RefreshReport {
        lines = List.copyOf(lines);
    }

    static RefreshReport unchanged() {
        return new RefreshReport(false, List.of());
    }
}
