package dev.warden.manager.review;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.manifest.Risk;
import java.util.Comparator;
import java.util.List;

/**
 * A plugin's requested permissions as a person reads them: plain words, enforced scope, risk and
 * the publisher's reason, highest risk first.
 */
public record PermissionSummary(List<Item> items) {

    /** One permission on the review screen. */
    public record Item(Permission permission, Risk risk, String description) {

        /** @return why it has its risk, in the words of Warden's risk table (what it reaches, what harm that allows) */
        public String riskReason() {
            return permission.riskReason();
        }
    }

    public PermissionSummary {
        items = List.copyOf(items);
    }

    public static PermissionSummary of(List<Permission> permissions) {
        return new PermissionSummary(permissions.stream()
                .map(p -> new Item(p, p.risk(), PermissionText.describe(p)))
                .sorted(Comparator.comparing((Item i) -> i.risk().level()).reversed()
                        .thenComparing(i -> i.permission().optional())
                        .thenComparing(i -> i.permission().kind().id())
                        .thenComparing(i -> i.permission().scope()))
                .toList());
    }
}
