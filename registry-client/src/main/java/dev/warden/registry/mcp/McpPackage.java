package dev.warden.registry.mcp;

import dev.warden.io.Digests;
import dev.warden.io.UnsafeCharacters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A package that runs an MCP server locally, e.g. an npm package started with {@code npx}.
 *
 * <p>Arguments are already resolved to command-line words: a positional argument gives its value, a
 * named one its name and value (a boolean flag only its name). Arguments that need the person's
 * input (no fixed value, or a {@code {placeholder}} in it) are left out.
 *
 * @param registryType         where the package lives: {@code npm}, {@code pypi}, {@code oci}, {@code nuget}, ...
 * @param identifier           the package name in that registry, e.g. {@code @acme/weather-mcp}
 * @param version              the package version, as the registry wrote it
 * @param runtimeHint          the runner the publisher suggests ({@code npx}, {@code uvx}, {@code docker}), if any
 * @param transportType        {@code stdio}, {@code streamable-http} or {@code sse}; {@code stdio} when not given
 * @param runtimeArguments     words for the runner, before the package
 * @param packageArguments     words for the server, after the package
 * @param environmentVariables the variables the server reads
 * @param fileSha256           for a package that is a file ({@code mcpb}), the SHA-256 of that file, 64
 *                             lowercase hex digits; empty when the registry gives none
 * @since 0.1
 */
public record McpPackage(String registryType, String identifier, String version, Optional<String> runtimeHint,
                         String transportType, List<String> runtimeArguments, List<String> packageArguments,
                         List<McpEnvVar> environmentVariables, Optional<String> fileSha256) {

    /** The registry type of a package that is an MCPB bundle file, named by its download URL. */
    public static final String MCPB = "mcpb";

    /**
     * @throws IllegalArgumentException if the registry type, identifier or transport type is blank, or
     *                                  the file hash is not 64 lowercase hex digits
     */
    public McpPackage {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(runtimeHint, "runtimeHint");
        Objects.requireNonNull(fileSha256, "fileSha256");
        fileSha256.filter(hash -> !Digests.isSha256Hex(hash)).ifPresent(hash -> {
            throw new IllegalArgumentException("a package's fileSha256 " + UnsafeCharacters.quote(hash)
                    + " must be 64 lowercase hex digits");
        });
        requireNonBlank("registry type", registryType);
        requireNonBlank("identifier", identifier);
        requireNonBlank("transport type", transportType);
        runtimeArguments = List.copyOf(runtimeArguments);
        packageArguments = List.copyOf(packageArguments);
        environmentVariables = List.copyOf(environmentVariables);
    }

    /** A package without a file hash, as every package of a registry type other than {@code mcpb} is. */
    public McpPackage(String registryType, String identifier, String version, Optional<String> runtimeHint,
                      String transportType, List<String> runtimeArguments, List<String> packageArguments,
                      List<McpEnvVar> environmentVariables) {
        this(registryType, identifier, version, runtimeHint, transportType, runtimeArguments, packageArguments,
                environmentVariables, Optional.empty());
    }

    private static void requireNonBlank(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a package's " + what + " must not be blank");
        }
    }
}
