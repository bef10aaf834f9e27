package dev.warden.catalog.policy;

import dev.warden.io.UnsafeCharacters;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.permissions.HostPattern;
import dev.warden.catalog.permissions.PermissionCoverage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an administrator and the person allow, after merging (see {@link PolicyLoader}). Each
 * {@code refuses*} method returns the reason for a refusal — which rule, from which file, refused
 * what — or empty when the policy has nothing against it. A refusal holds even with {@code --yes}.
 *
 * @param rules the effective rules: every rule applies. Allow lists may come from both files (a name
 *              must then be on both); each flag and each plugin's minimum version appear at most once.
 * @param files the file each source was read from, for messages; a source may be missing
 * @since 0.1
 */
public record Policy(List<PolicyRule> rules, Map<RuleSource, Path> files) {

    /**
     * @throws NullPointerException     if a component or a rule is null
     * @throws IllegalArgumentException if a flag or one plugin's minimum version appears twice
     */
    public Policy {
        rules = List.copyOf(rules);
        Map<RuleSource, Path> copy = new EnumMap<>(RuleSource.class);
        copy.putAll(files);
        files = Collections.unmodifiableMap(copy);
        Set<String> once = new HashSet<>();
        for (PolicyRule rule : rules) {
            String key = PolicyRule.isFlag(rule.kind()) ? rule.kind()
                    : rule.kind().equals(PolicyRule.MINIMUM_VERSIONS) ? rule.kind() + " " + rule.pluginId() : null;
            if (key != null && !once.add(key)) {
                throw new IllegalArgumentException("a policy holds one effective rule per flag and per plugin's minimum"
                        + " version; " + key + " appears twice");
            }
        }
    }

    /** @return a policy without rules: nothing refused, every flag at its safe default */
    public static Policy none() {
        return new Policy(List.of(), Map.of());
    }

    /**
     * @param publisher a publisher id
     * @return why the publisher is refused — blocked, or missing from a non-empty allow list — or empty
     */
    public Optional<String> refusesPublisher(String publisher) {
        return refusesName("publisher", publisher, PolicyRule.PUBLISHERS_BLOCK, PolicyRule.PUBLISHERS_ALLOW);
    }

    /**
     * @param name a marketplace name
     * @return why the marketplace is refused — blocked, or missing from a non-empty allow list — or empty
     */
    public Optional<String> refusesMarketplace(String name) {
        return refusesName("marketplace", name, PolicyRule.MARKETPLACES_BLOCK, PolicyRule.MARKETPLACES_ALLOW);
    }

    /**
     * @param name     a marketplace name
     * @param location where the person wants to add it from
     * @return why that name may not be used for that location: refused as {@link #refusesMarketplace(String)}
     *         says, or reserved by policy for another location (compared without a trailing {@code /})
     */
    public Optional<String> refusesMarketplace(String name, String location) {
        Optional<String> refused = refusesMarketplace(name);
        if (refused.isPresent()) {
            return refused;
        }
        for (PolicyRule rule : rules) {
            if (rule.kind().equals(PolicyRule.MARKETPLACES_RESERVED) && rule.value().startsWith(name + "=")) {
                String reservedFor = rule.value().substring(name.length() + 1);
                if (!stripSlash(reservedFor).equals(stripSlash(location))) {
                    return Optional.of("the marketplace name " + UnsafeCharacters.quote(name) + " is reserved by "
                            + PolicyRule.MARKETPLACES_RESERVED + " of " + where(rule) + " for " + UnsafeCharacters.quote(reservedFor)
                            + "; add that location, or use another name");
                }
            }
        }
        return Optional.empty();
    }

    /** The marketplace names policy reserves, for look-alike warnings. */
    public List<String> reservedMarketplaceNames() {
        return rules.stream().filter(r -> r.kind().equals(PolicyRule.MARKETPLACES_RESERVED))
                .map(r -> r.value().substring(0, r.value().indexOf('='))).toList();
    }

    private static String stripSlash(String location) {
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }

    /**
     * @param id      a plugin
     * @param version one of its versions
     * @return why this version is refused — on the kill list (every version, or exactly this one by
     *         SemVer precedence), or below the plugin's minimum version — or empty
     */
    public Optional<String> refusesPlugin(PluginId id, Version version) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        for (PolicyRule rule : rules) {
            boolean aboutPlugins = rule.kind().equals(PolicyRule.KILL_LIST) || rule.kind().equals(PolicyRule.MINIMUM_VERSIONS);
            if (!aboutPlugins || !rule.pluginId().equals(id)) {
                continue;
            }
            if (rule.kind().equals(PolicyRule.KILL_LIST)) {
                Optional<Version> killed = rule.version();
                if (killed.isEmpty() || killed.get().compareTo(version) == 0) {
                    String which = killed.isEmpty() ? "every version of " + id : "this version";
                    return Optional.of(id + " " + version + " is refused: " + which + " is on the kill list ("
                            + rule.value() + ") of " + where(rule));
                }
            } else {
                Version minimum = rule.version().orElseThrow();
                if (version.compareTo(minimum) < 0) {
                    return Optional.of(id + " " + version + " is below the minimum version " + minimum
                            + " set by minimumVersions of " + where(rule));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A permission is refused when its kind is blocked (an {@code mcp.server} also counts as the
     * {@code process.exec} or {@code net.egress} it implies), when it
     * {@linkplain PermissionCoverage#overlaps overlaps} a blocked kind and scope, or when the host it
     * reaches ({@code net.egress}, an {@code mcp.server} URL, {@code secret.use}) is or may be a blocked
     * host: a host {@code *} may be any host, and {@code *.evil.net} blocks every subdomain of
     * {@code evil.net} (not {@code evil.net} itself, as in permission scopes). IP addresses are
     * compared by value, so {@code 2852039166} is {@code 169.254.169.254}. Names are not resolved here.
     *
     * @param permission a permission a plugin asks for
     * @return why it is refused, or empty
     */
    public Optional<String> refusesPermission(Permission permission) {
        Objects.requireNonNull(permission, "permission");
        String subject = permission.kind().id() + " " + permission.scope();
        for (PolicyRule rule : rules) {
            if (rule.kind().equals(PolicyRule.PERMISSIONS_BLOCK)) {
                Optional<Permission> scope = rule.blockedScope();
                boolean refused = scope.isPresent() ? PermissionCoverage.overlaps(scope.get(), permission)
                        : impliedKinds(permission).contains(rule.blockedKind());
                if (refused) {
                    String how = scope.isPresent() ? " overlaps the blocked " : " is of the blocked kind ";
                    return Optional.of(subject + how + UnsafeCharacters.quote(rule.value()) + " in permissions.block of " + where(rule));
                }
            } else if (rule.kind().equals(PolicyRule.HOSTS_BLOCK)) {
                Optional<HostPattern> host = HostPattern.of(permission);
                if (host.isPresent() && host.get().mayMatchSameHost(HostPattern.parse(rule.value()))) {
                    String how = host.get().text().equals(rule.value()) ? " reaches the blocked host "
                            : " may reach the blocked host ";
                    return Optional.of(subject + how + rule.value() + " in hosts.block of " + where(rule));
                }
            }
        }
        return Optional.empty();
    }

    /** @return whether plugins without a publisher signature may be installed; false unless a rule says true */
    public boolean allowsUnverified() {
        return flag(PolicyRule.ALLOW_UNVERIFIED);
    }

    /**
     * @return whether a rule says {@code "allowUnverified": false}, so that not even the person's
     *     explicit {@code --allow-unverified} installs an unsigned or untrusted plugin
     */
    public boolean forbidsUnverified() {
        return rules.stream().filter(r -> r.kind().equals(PolicyRule.ALLOW_UNVERIFIED)).findFirst()
                .map(r -> !r.flag()).orElse(false);
    }

    /** @return whether text with hidden characters may be installed; false unless a rule says true */
    public boolean allowsHiddenCharacters() {
        return flag(PolicyRule.ALLOW_HIDDEN_CHARACTERS);
    }

    /** @return whether every plugin must run in a separate process; false unless a rule says true */
    public boolean requiresProcessIsolation() {
        return flag(PolicyRule.REQUIRES_PROCESS_ISOLATION);
    }

    /**
     * @param source a rule source
     * @return the file rules of that source came from, or empty if none was read
     */
    public Optional<Path> file(RuleSource source) {
        return Optional.ofNullable(files.get(source));
    }

    private Optional<String> refusesName(String what, String name, String blockKind, String allowKind) {
        Objects.requireNonNull(name, what);
        for (PolicyRule rule : rules) {
            if (rule.kind().equals(blockKind) && rule.value().equals(name)) {
                return Optional.of(what + " " + UnsafeCharacters.quote(name) + " is blocked by " + blockKind + " of " + where(rule));
            }
        }
        for (RuleSource source : RuleSource.values()) {
            List<String> allowed = rules.stream()
                    .filter(r -> r.kind().equals(allowKind) && r.source() == source)
                    .map(PolicyRule::value)
                    .toList();
            if (!allowed.isEmpty() && !allowed.contains(name)) {
                return Optional.of(what + " " + UnsafeCharacters.quote(name) + " is not on " + allowKind + " of "
                        + where(source) + ", which allows only " + String.join(", ", allowed));
            }
        }
        return Optional.empty();
    }

    private static Set<PermissionKind> impliedKinds(Permission permission) {
        if (permission.kind() != PermissionKind.MCP_SERVER) {
            return Set.of(permission.kind());
        }
        PermissionKind implied = permission.scope().startsWith("stdio:") ? PermissionKind.PROCESS_EXEC
                : PermissionKind.NET_EGRESS;
        return Set.of(PermissionKind.MCP_SERVER, implied);
    }

    private boolean flag(String kind) {
        return rules.stream().filter(r -> r.kind().equals(kind)).findFirst().map(PolicyRule::flag).orElse(false);
    }

    private String where(PolicyRule rule) {
        return where(rule.source());
    }

    private String where(RuleSource source) {
        Path file = files.get(source);
        return "the " + source.label() + " policy" + (file == null ? "" : " (" + file + ")");
    }

    /** @return the rules, one per line, as {@code kind: value (source)} */
    @Override
    public String toString() {
        return rules.stream().map(PolicyRule::toString).collect(Collectors.joining("\n"));
    }
}
