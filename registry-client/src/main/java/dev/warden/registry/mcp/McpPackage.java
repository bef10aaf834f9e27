package dev.warden.registry.mcp;

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
 * @since 0.1
 */
public record McpPackage(String registryType, String identifier, String version, Optional<String> runtimeHint,
                         String transportType, List<String> runtimeArguments, List<String> packageArguments,
                         List<McpEnvVar> environmentVariables) {

    /** @throws IllegalArgumentException if the registry type, identifier or transport type is blank */
    public McpPackage {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(runtimeHint, "runtimeHint");
        requireNonBlank("registry type", registryType);
        requireNonBlank("identifier", identifier);
        requireNonBlank("transport type", transportType);
        runtimeArguments = List.copyOf(runtimeArguments);
        packageArguments = List.copyOf(packageArguments);
        environmentVariables = List.copyOf(environmentVariables);
    }

    private static void requireNonBlank(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a package's " + what + " must not be blank");
        }
    }
}
