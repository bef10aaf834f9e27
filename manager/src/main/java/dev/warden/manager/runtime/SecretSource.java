package dev.warden.manager.runtime;

import java.util.Optional;

/** Where {@link GrantedHttp} reads the value of a stored secret it is about to inject into a request. */
@FunctionalInterface
public interface SecretSource {

    /**
     * @param name the secret's name, as in {@code secret:<name>@host}
     * @return the secret's value, or empty if the person has not stored it
     */
    Optional<String> value(String name);
}
