package dev.warden.api.capability;

import dev.warden.api.Api;
import java.util.Objects;
import java.util.Optional;

/**
 * Secrets granted through {@code secret.use}. The plugin never sees a value, only a reference it
 * can put in an {@link Http.Request}.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface Secrets {

    /**
     * @param name the secret's name as declared, e.g. {@code gh-token}
     * @return a reference to the secret, or empty if it is granted but the person has not stored a value yet
     * @throws dev.warden.api.PermissionDeniedException if no {@code secret.use} grant names this secret
     */
    Optional<Ref> secret(String name);

    /**
     * A handle on a stored secret. It holds no value: Warden injects the value into an
     * {@link Http.Request} bound for the host the secret is granted for.
     *
     * @param name the secret's name as declared in {@code secret.use}
     */
    record Ref(String name) {

        /** @throws NullPointerException if the name is null */
        public Ref {
            Objects.requireNonNull(name, "name");
        }
    }
}
