package dev.warden.api.capability;

import java.util.Objects;

/**
 * A handle on a secret the person stored, obtained from {@link Secrets}. It holds no value: Warden
 * injects the value into an {@link HttpRequest} bound for the host the secret is granted for.
 *
 * @param name the secret's name as declared in {@code secret.use}
 * @since 0.1
 */
public record SecretRef(String name) {

    /** @throws NullPointerException if the name is null */
    public SecretRef {
        Objects.requireNonNull(name, "name");
    }
}
