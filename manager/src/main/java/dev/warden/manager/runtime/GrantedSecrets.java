package dev.warden.manager.runtime;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.Secrets;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link Secrets} capability: a reference to a stored secret for each name a {@code secret.use}
 * grant carries, whatever its host. The reference holds no value; {@link GrantedHttp} injects the
 * value, and only for the host the grant names. Each call is reported to the {@link CapabilityAudit}
 * with the target {@code secret:<name>}.
 *
 * <p>Thread-safe: an instance holds only immutable configuration.
 */
final class GrantedSecrets implements Secrets {

    private final Set<String> granted;
    private final CapabilityAudit audit;
    private final SecretSource store;

    /**
     * @param effective the plugin's effective permissions; only {@code secret.use} matters here
     * @param audit     where every call is reported
     * @param store     the stored secrets, asked only whether a granted name has a value
     */
    GrantedSecrets(List<Permission> effective, CapabilityAudit audit, SecretSource store) {
        this.granted = effective.stream().filter(p -> p.kind() == PermissionKind.SECRET_USE)
                .map(p -> p.scope().substring("secret:".length(), p.scope().indexOf('@')))
                .collect(Collectors.toUnmodifiableSet());
        this.audit = Objects.requireNonNull(audit, "audit");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<Secrets.Ref> secret(String name) {
        Objects.requireNonNull(name, "name");
        String target = "secret:" + PluginInput.shown(name);
        if (!granted.contains(name)) {
            audit.record(PermissionKind.SECRET_USE, target, false, "no secret.use grant names this secret");
            throw new PermissionDeniedException(PermissionKind.SECRET_USE.id(), target);
        }
        boolean stored = store.value(name).isPresent();
        audit.record(PermissionKind.SECRET_USE, target, true, stored ? "reference given; the value stays with Warden"
                : "granted but not stored yet");
        return stored ? Optional.of(new Secrets.Ref(name)) : Optional.empty();
    }
}
