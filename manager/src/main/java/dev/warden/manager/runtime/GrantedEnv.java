package dev.warden.manager.runtime;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.Env;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link Env} capability: the host's environment variables that {@code env.read} grants cover.
 * A scope is a name (matched exactly, case-sensitively), a prefix pattern {@code PREFIX*} (every name
 * that starts with {@code PREFIX}, secret-looking ones included: that is why the review rates a
 * prefix as high risk), or {@code *}.
 *
 * <p>Each call is one audit entry, never with a value: {@code get} with the variable's name as target,
 * {@code names} with the granted scopes as target and the count listed as detail.
 *
 * <p>Thread-safe: an instance holds only immutable configuration.
 */
final class GrantedEnv implements Env {

    private final List<String> scopes;
    private final Map<String, String> host;
    private final CapabilityAudit audit;

    /**
     * @param effective the plugin's effective permissions; only {@code env.read} matters here
     * @param host      the host's environment, e.g. {@code System.getenv()}; copied
     * @param audit     where every call is reported
     */
    GrantedEnv(List<Permission> effective, Map<String, String> host, CapabilityAudit audit) {
        this.scopes = effective.stream().filter(p -> p.kind() == PermissionKind.ENV_READ).map(Permission::scope)
                .sorted().distinct().toList();
        this.host = Map.copyOf(host);
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Optional<String> get(String name) {
        Objects.requireNonNull(name, "name");
        String target = PluginInput.shown(name);
        if (!covers(name)) {
            audit.record(PermissionKind.ENV_READ, target, false, "no env.read grant covers this name");
            throw new PermissionDeniedException(PermissionKind.ENV_READ.id(), target);
        }
        Optional<String> value = Optional.ofNullable(host.get(name));
        audit.record(PermissionKind.ENV_READ, target, true, value.isPresent() ? "read" : "not set");
        return value;
    }

    @Override
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String name : host.keySet()) {
            if (covers(name)) {
                names.add(name);
            }
        }
        audit.record(PermissionKind.ENV_READ, scopes.isEmpty() ? "(no grant)" : String.join(", ", scopes), true,
                "listed " + names.size() + " set variable" + (names.size() == 1 ? "" : "s"));
        return Collections.unmodifiableSet(names);
    }

    private boolean covers(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (String scope : scopes) {
            boolean prefix = scope.endsWith("*");
            if (prefix ? name.startsWith(scope.substring(0, scope.length() - 1)) : name.equals(scope)) {
                return true;
            }
        }
        return false;
    }
}
