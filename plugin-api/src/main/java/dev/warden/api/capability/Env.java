package dev.warden.api.capability;

import dev.warden.api.Api;
import java.util.Optional;
import java.util.Set;

/**
 * Environment variables granted by {@code env.read}.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface Env {

    /**
     * @param name a variable name
     * @return its value, or empty if the variable is not set
     * @throws dev.warden.api.PermissionDeniedException if no grant covers this name
     */
    Optional<String> get(String name);

    /** @return the names of the granted variables that are set, sorted; empty if there are none */
    Set<String> names();
}
