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

    public PublisherEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!ID.matcher(id).matches() || id.length() > 64) {
            throw new IllegalArgumentException("publisher id '" + id + "' must be kebab-case (a-z, 0-9, single hyphens), at most 64 characters");
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
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("publisher '" + id + "' lists no keys");
        }
    }

    public Optional<TrustedKey> key(KeyId keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    public boolean covers(String pluginPublisher) {
        return namespaces.contains(pluginPublisher);
    }
}
