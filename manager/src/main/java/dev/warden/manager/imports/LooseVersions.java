package dev.warden.manager.imports;

import dev.warden.catalog.manifest.Version;
import java.util.stream.Stream;

/**
 * Versions as marketplaces and registries write them, read as SemVer: a leading {@code v} is
 * dropped, missing minor and patch numbers become 0 and leading zeros go ({@code v1.2} →
 * {@code 1.2.0}, {@code 2025.01.07} → {@code 2025.1.7}); anything else must already be SemVer.
 */
public final class LooseVersions {

    private LooseVersions() {
    }

    /** @throws IllegalArgumentException when {@code text} cannot be read as a version, saying why */
    public static Version parse(String text) {
        String candidate = text.strip();
        if (candidate.length() > 1 && (candidate.charAt(0) == 'v' || candidate.charAt(0) == 'V')
                && Character.isDigit(candidate.charAt(1))) {
            candidate = candidate.substring(1);
        }
        int end = candidate.length();
        for (int i = 0; i < candidate.length(); i++) {
            if (candidate.charAt(i) == '-' || candidate.charAt(i) == '+') {
                end = i;
                break;
            }
        }
        String[] core = candidate.substring(0, end).split("\\.", -1);
        if (core.length <= 3 && Stream.of(core).allMatch(n -> !n.isEmpty() && n.length() <= 18
                && n.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            StringBuilder normal = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                normal.append(i == 0 ? "" : ".").append(i < core.length ? Long.parseLong(core[i]) : 0);
            }
            candidate = normal + candidate.substring(end);
        }
        return Version.parse(candidate);
    }
}
