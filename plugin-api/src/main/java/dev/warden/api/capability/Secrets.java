package dev.warden.api.capability;

import java.util.Optional;

/**
 * Secrets granted through {@code secret.use}. The plugin never sees a value, only a reference it
 * can put in an {@link HttpRequest}.
 *
 * @since 0.1
 */
public interface Secrets {

    /**
     * @param name the secret's name as declared, e.g. {@code gh-token}
     * @return a reference to the secret, or empty if it is granted but the person has not stored a value yet
     * @throws dev.warden.api.PermissionDeniedException if no {@code secret.use} grant names this secret
     */
    Optional<SecretRef> secret(String name);
}
