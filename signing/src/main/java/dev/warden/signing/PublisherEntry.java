package dev.warden.signing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One publisher of the trusted-publisher directory (DESIGN §3.3): who it is, which plugin
 * namespaces it may sign for, and its keys.
 *
 * @param id the publisher id, kebab-case (the file is {@code <id>.json})
 * @param name a display name
 * @param namespaces the plugin publishers ({@code publisher} in plugin.json) its keys may sign for
 * @param keys its keys, at least one
 */
public record PublisherEntry(String id, String name, List<String> namespaces, List<TrustedKey> keys) {

    /** Kebab-case as Claude Code names plugins: lowercase letters and digits, single hyphens inside. */
    public static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * The start of the publisher part of every unverified plugin's id ({@code unverified-<marketplace>/<name>}).
     * No trusted publisher may have it as its id or namespace, so a signed plugin and an unverified one can
     * never share an id, whatever names people give their marketplaces.
     */
    public static final String UNVERIFIED_PREFIX = "unverified-";

    public PublisherEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!ID.matcher(id).matches() || id.length() > 64) {
            throw new IllegalArgumentException("publisher id '" + id + "' must be kebab-case (a-z, 0-9, single hyphens), at most 64 characters");
        }
        if (isUnverifiedNamespace(id)) {
            throw new IllegalArgumentException("publisher id '" + id + "' starts with '" + UNVERIFIED_PREFIX
                    + "', which Warden keeps for the ids of unverified plugins; a trusted publisher cannot use it");
        }
        namespaces = List.copyOf(namespaces);
        keys = List.copyOf(keys);
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("publisher '" + id + "' lists no namespaces");
        }
        for (String ns : namespaces) {
            if (!ID.matcher(ns).matches()) {
                throw new IllegalArgumentException("publisher '" + id + "': namespace '" + ns + "' must be kebab-case");
            }
            if (isUnverifiedNamespace(ns)) {
                throw new IllegalArgumentException("publisher '" + id + "': namespace '" + ns + "' starts with '"
                        + UNVERIFIED_PREFIX + "', which Warden keeps for the ids of unverified plugins; no key may sign for it");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("publisher '" + id + "' lists no keys");
        }
    }

    /** @return whether {@code publisher} is in the namespace kept for unverified plugins, which no key may sign for */
    public static boolean isUnverifiedNamespace(String publisher) {
        return publisher.startsWith(UNVERIFIED_PREFIX);
    }

    public Optional<TrustedKey> key(KeyId keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    public boolean covers(String pluginPublisher) {
        return namespaces.contains(pluginPublisher);
    }
}
