package dev.warden.registry.mcp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of one server as an MCP Registry lists it. Nothing here is signed: the registry is a
 * listing, and a server imported from it becomes an unverified plugin.
 *
 * @param name          the registry name, reverse-DNS namespace and a name, e.g. {@code io.github.user/weather}
 * @param version       the server version, as the registry wrote it (not necessarily SemVer)
 * @param description   what the server does; empty when the registry gives none
 * @param title         a display name, if given
 * @param repositoryUrl the source repository, if given
 * @param packages      ways to run the server locally, in the registry's order
 * @param remotes       hosted endpoints, in the registry's order
 * @param updatedAt     when the registry last changed this entry, if it says
 * @param latest        whether the registry marks this as the server's latest version
 * @param status        {@code active}, {@code deprecated} or {@code deleted} (kept as the registry wrote it)
 * @since 0.1
 */
public record McpServerListing(String name, String version, String description, Optional<String> title,
                               Optional<String> repositoryUrl, List<McpPackage> packages, List<McpRemote> remotes,
                               Optional<Instant> updatedAt, boolean latest, String status) {

    /** The status of an entry the registry has taken down. */
    public static final String DELETED = "deleted";

    /** @throws IllegalArgumentException if the name, version or status is blank */
    public McpServerListing {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(repositoryUrl, "repositoryUrl");
        Objects.requireNonNull(updatedAt, "updatedAt");
        for (String[] field : new String[][] {{"name", name}, {"version", version}, {"status", status}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new IllegalArgumentException("a server listing's " + field[0] + " must not be blank");
            }
        }
        packages = List.copyOf(packages);
        remotes = List.copyOf(remotes);
    }

    /** @return whether the registry has taken this entry down */
    public boolean deleted() {
        return DELETED.equals(status);
    }
}
