package dev.warden.catalog.manifest;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One option of a plugin's typed {@code userConfig} (Claude Code's {@code plugin.json}, and MCPB's
 * {@code user_config}, which the MCPB import writes as {@code userConfig}): what the person is asked at install
 * and what {@code ${user_config.KEY}} is filled with.
 *
 * @param key          the name {@code ${user_config.KEY}} uses: 1 to 64 letters, digits, {@code _} or {@code -}
 * @param type         what the value is
 * @param title        what the person is asked (the key when the plugin gives none)
 * @param description  one more line about it; may be empty
 * @param sensitive    a secret: kept in the secret store, never shown, never put into a URL
 * @param required     the plugin needs a value; install asks until there is one
 * @param defaultValue the value used when the person gives none, as text
 * @param min          the smallest number allowed ({@code number} only)
 * @param max          the largest number allowed ({@code number} only)
 * @param multiple     several values, separated by commas ({@code directory} and {@code file} may be several)
 * @since 0.2
 */
public record UserConfigOption(String key, Type type, String title, String description, boolean sensitive,
                               boolean required, Optional<String> defaultValue, Optional<Double> min,
                               Optional<Double> max, boolean multiple) {

    /** The value types of Claude Code's {@code userConfig} and MCPB's {@code user_config}. */
    public enum Type {
        STRING, NUMBER, BOOLEAN, DIRECTORY, FILE;

        /** @return the type's name as written in a manifest */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the type written {@code id}, if there is one */
        public static Optional<Type> of(String id) {
            for (Type type : values()) {
                if (type.id().equals(id)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    public UserConfigOption {
        if (!isKey(key)) {
            throw new IllegalArgumentException("userConfig option " + Names.quote(String.valueOf(key))
                    + " is not a name: use 1 to 64 letters, digits, '_' or '-'");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if ((min.isPresent() || max.isPresent()) && type != Type.NUMBER) {
            throw new IllegalArgumentException("userConfig option " + key + " is of type " + type.id()
                    + ": only a number has min and max");
        }
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw new IllegalArgumentException("userConfig option " + key + " has min " + min.get() + " above max " + max.get());
        }
        if (multiple && type != Type.DIRECTORY && type != Type.FILE) {
            throw new IllegalArgumentException("userConfig option " + key + " is of type " + type.id()
                    + ": only a directory or file option may be multiple");
        }
    }

    /** @return whether {@code key} may name an option: 1 to 64 letters, digits, {@code _} or {@code -} */
    public static boolean isKey(String key) {
        return key != null && !key.isEmpty() && key.length() <= Names.MAX_NAME_LENGTH
                && key.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '_' || c == '-');
    }
}
