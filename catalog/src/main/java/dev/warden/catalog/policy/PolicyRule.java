package dev.warden.catalog.policy;

import dev.warden.io.UnsafeCharacters;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.permissions.HostPattern;
import java.util.Objects;
import java.util.Optional;
import java.util.List;

/**
 * One rule of a policy, as {@code warden policy show} lists it. The kind is the rule's place in the
 * policy file; the value is written as follows:
 * <table>
 *   <caption>Rule kinds and their values</caption>
 *   <tr><th>kind</th><th>value</th></tr>
 *   <tr><td>{@code publishers.allow}, {@code publishers.block}</td><td>a publisher id: {@code acme}</td></tr>
 *   <tr><td>{@code marketplaces.allow}, {@code marketplaces.block}</td><td>a marketplace name: {@code shady}</td></tr>
 *   <tr><td>{@code marketplaces.reserved}</td><td>{@code name=location}: the only location that may use that
 *       name: {@code official=https://plugins.example.com/}</td></tr>
 *   <tr><td>{@code permissions.block}</td><td>a kind, or a kind, a space and a scope: {@code fs.read ${home}/.ssh/**}</td></tr>
 *   <tr><td>{@code hosts.block}</td><td>a host, {@code *.domain} or IP address: {@code 169.254.169.254}</td></tr>
 *   <tr><td>{@code minimumVersions}</td><td>{@code publisher/name>=version}: {@code acme/weather>=1.2.0}</td></tr>
 *   <tr><td>{@code killList}</td><td>{@code publisher/name}, or {@code publisher/name@version} for one version</td></tr>
 *   <tr><td>{@code allowUnverified}, {@code allowHiddenCharacters}, {@code requiresProcessIsolation}</td>
 *       <td>{@code true} or {@code false}</td></tr>
 * </table>
 *
 * @param kind   the rule's kind, one of the constants of this class
 * @param value  the rule's value, in the form its kind requires
 * @param source the file the rule comes from
 * @since 0.1
 */
public record PolicyRule(String kind, String value, RuleSource source) {

    /** Only these publishers, when the list is not empty. */
    public static final String PUBLISHERS_ALLOW = "publishers.allow";
    /** Never these publishers. */
    public static final String PUBLISHERS_BLOCK = "publishers.block";
    /** Only these marketplaces, when the list is not empty. */
    public static final String MARKETPLACES_ALLOW = "marketplaces.allow";
    /** Never these marketplaces. */
    public static final String MARKETPLACES_BLOCK = "marketplaces.block";
    /** This marketplace name only for this location ({@code name=location}), so that no other source can pose as it. */
    public static final String MARKETPLACES_RESERVED = "marketplaces.reserved";
    /** Never a permission of this kind, or of this kind overlapping this scope. */
    public static final String PERMISSIONS_BLOCK = "permissions.block";
    /** Never a permission that reaches this host. */
    public static final String HOSTS_BLOCK = "hosts.block";
    /** Never a version of this plugin below this one. */
    public static final String MINIMUM_VERSIONS = "minimumVersions";
    /** Never this plugin, or this version of it. */
    public static final String KILL_LIST = "killList";
    /** Whether plugins without a publisher signature may be installed. */
    public static final String ALLOW_UNVERIFIED = "allowUnverified";
    /** Whether text with hidden characters may be installed. */
    public static final String ALLOW_HIDDEN_CHARACTERS = "allowHiddenCharacters";
    /** Whether plugins must run in a separate process. */
    public static final String REQUIRES_PROCESS_ISOLATION = "requiresProcessIsolation";

    /** Every kind, in the order {@code warden policy show} lists them. */
    public static final List<String> KINDS = List.of(PUBLISHERS_ALLOW, PUBLISHERS_BLOCK, MARKETPLACES_ALLOW,
            MARKETPLACES_BLOCK, MARKETPLACES_RESERVED, PERMISSIONS_BLOCK, HOSTS_BLOCK, MINIMUM_VERSIONS, KILL_LIST, ALLOW_UNVERIFIED,
            ALLOW_HIDDEN_CHARACTERS, REQUIRES_PROCESS_ISOLATION);

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the kind is unknown or the value is not in its kind's form;
     *                                  the message says what to write instead
     */
    public PolicyRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown policy rule kind " + UnsafeCharacters.quote(kind));
        }
        switch (kind) {
            case PUBLISHERS_ALLOW, PUBLISHERS_BLOCK -> new PluginId(value, "any");
            case MARKETPLACES_ALLOW, MARKETPLACES_BLOCK -> requireMarketplaceName(value);
            case MARKETPLACES_RESERVED -> reservedMarketplace(value);
            case PERMISSIONS_BLOCK -> blockedPermission(value);
            case HOSTS_BLOCK -> HostPattern.parse(value);
            case MINIMUM_VERSIONS -> minimumVersion(value);
            case KILL_LIST -> killed(value);
            default -> flag(value);
        }
    }

    /** @return {@code kind: value (source)} */
    @Override
    public String toString() {
        return kind + ": " + value + " (" + source.label() + ")";
    }

    static boolean isFlag(String kind) {
        return kind.equals(ALLOW_UNVERIFIED) || kind.equals(ALLOW_HIDDEN_CHARACTERS)
                || kind.equals(REQUIRES_PROCESS_ISOLATION);
    }

    boolean flag() {
        return flag(value);
    }

    /** @return the blocked kind, and the blocked scope as a permission when the rule has one */
    PermissionKind blockedKind() {
        int space = value.indexOf(' ');
        return PermissionKind.byId(space < 0 ? value : value.substring(0, space)).orElseThrow();
    }

    Optional<Permission> blockedScope() {
        return blockedPermission(value);
    }

    PluginId pluginId() {
        int cut = kind.equals(MINIMUM_VERSIONS) ? value.indexOf(">=") : value.indexOf('@');
        return PluginId.parse(cut < 0 ? value : value.substring(0, cut));
    }

    /** @return the minimum version, or the single killed version; empty for a kill of every version */
    Optional<Version> version() {
        return kind.equals(MINIMUM_VERSIONS) ? Optional.of(minimumVersion(value)) : killed(value);
    }

    private static void reservedMarketplace(String value) {
        int equals = value.indexOf('=');
        if (equals < 0 || equals == value.length() - 1) {
            throw new IllegalArgumentException("reserved marketplace " + UnsafeCharacters.quote(value)
                    + " must be name=location, e.g. official=https://plugins.example.com/");
        }
        requireMarketplaceName(value.substring(0, equals));
    }

    private static void requireMarketplaceName(String name) {
        try {
            new PluginId("any", name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("marketplace name " + UnsafeCharacters.quote(name)
                    + " must be kebab-case (lowercase letters, digits and single hyphens) and at most 64 characters", e);
        }
    }

    private static Optional<Permission> blockedPermission(String value) {
        int space = value.indexOf(' ');
        String kindId = space < 0 ? value : value.substring(0, space);
        PermissionKind kind = PermissionKind.byId(kindId).orElseThrow(() -> new IllegalArgumentException(
                "unknown permission kind " + UnsafeCharacters.quote(kindId) + "; use one of fs.read, fs.write, fs.delete, "
                        + "net.egress, process.exec, env.read, secret.use, schedule, data.share, mcp.server"));
        if (space < 0) {
            return Optional.empty();
        }
        return Optional.of(new Permission(kind, value.substring(space + 1), "blocked by policy", false));
    }

    private static Version minimumVersion(String value) {
        int cut = value.indexOf(">=");
        if (cut < 0) {
            throw new IllegalArgumentException("minimum version " + UnsafeCharacters.quote(value)
                    + " must be publisher/name>=version, e.g. acme/weather>=1.2.0");
        }
        PluginId.parse(value.substring(0, cut));
        return Version.parse(value.substring(cut + 2));
    }

    private static Optional<Version> killed(String value) {
        int at = value.indexOf('@');
        PluginId.parse(at < 0 ? value : value.substring(0, at));
        return at < 0 ? Optional.empty() : Optional.of(Version.parse(value.substring(at + 1)));
    }

    private static boolean flag(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("a policy flag is true or false, not " + UnsafeCharacters.quote(value));
        }
        return value.equals("true");
    }
}
