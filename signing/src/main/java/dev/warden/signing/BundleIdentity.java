package dev.warden.signing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who published a bundle, which plugin and which version, as plugin.json says and the signature covers.
 *
 * @param publisher kebab-case publisher id
 * @param name kebab-case plugin name
 * @param version letters, digits, {@code . + -}, starting with a letter or digit, at most 64 characters
 */
public record BundleIdentity(String publisher, String name, String version) {

    static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,63}");

    public BundleIdentity {
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (!PublisherEntry.ID.matcher(publisher).matches() || publisher.length() > 64) {
            throw new IllegalArgumentException("publisher '" + publisher + "' must be kebab-case (a-z, 0-9, single hyphens), at most 64 characters");
        }
        if (!PublisherEntry.ID.matcher(name).matches() || name.length() > 64) {
            throw new IllegalArgumentException("name '" + name + "' must be kebab-case (a-z, 0-9, single hyphens), at most 64 characters");
        }
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version '" + version + "' must be letters, digits, '.', '+' or '-' (at most 64)");
        }
    }

    /** {@code publisher/name}. */
    public String pluginId() {
        return publisher + "/" + name;
    }

    @Override
    public String toString() {
        return pluginId() + "@" + version;
    }
}
