package dev.warden.catalog.policy;

import dev.warden.io.WardenException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A policy file could not be read or broke the format; the message names the file and the JSON path
 * of the offending value, e.g. {@code /etc/warden/policy.json: $.hosts.block[2]: ...}.
 *
 * @since 0.1
 */
public final class PolicyException extends WardenException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String jsonPath;

    /**
     * @param file     the policy file
     * @param jsonPath where in it, {@code $} for the whole file
     * @param problem  what is wrong and what to write instead
     * @param cause    the underlying failure, or null
     */
    public PolicyException(Path file, String jsonPath, String problem, Throwable cause) {
        super(Category.ERROR, file + ": " + jsonPath + ": " + problem, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.jsonPath = Objects.requireNonNull(jsonPath, "jsonPath");
    }

    /** @return the policy file that was refused */
    public Path file() {
        return file;
    }

    /** @return the JSON path of the offending value, {@code $} when the file as a whole is at fault */
    public String jsonPath() {
        return jsonPath;
    }
}
