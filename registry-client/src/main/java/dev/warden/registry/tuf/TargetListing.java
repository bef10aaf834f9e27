package dev.warden.registry.tuf;

import java.util.List;
import java.util.Objects;

/**
 * What a static repository says about one bundle, carried in the target's signed custom metadata
 * ({@code "custom": {"warden": {...}}}) so that search works from metadata alone. The signed
 * manifest inside the bundle stays the authority at install: a listing that disagrees with it is refused.
 *
 * @param id          {@code publisher/name}
 * @param name        the plugin's name
 * @param version     its semantic version
 * @param description one line
 * @param keywords    search keywords
 * @param publisher   the publisher id of the bundle's signature
 * @param permissions what the manifest asks for, as listed
 */
public record TargetListing(String id, String name, String version, String description, List<String> keywords,
                            String publisher, List<ListedPermission> permissions) {

    public TargetListing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(publisher, "publisher");
        description = description == null ? "" : description;
        keywords = List.copyOf(keywords);
        permissions = List.copyOf(permissions);
    }

    /**
     * One listed permission.
     *
     * @param kind     e.g. {@code net.egress}
     * @param scope    as it will be enforced
     * @param risk     0 (none) to 4 (critical)
     * @param optional the plugin works without it
     */
    public record ListedPermission(String kind, String scope, int risk, boolean optional) {
    }
}
