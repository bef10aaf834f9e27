package dev.warden.catalog.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed {@code plugin.json}: Warden's fields, typed, and Claude Code's fields kept as they were
 * written so that a Claude Code plugin survives a round trip through Warden unchanged.
 *
 * <p>Claude's metadata fields ({@code author}, {@code homepage}, {@code repository}, {@code license},
 * {@code keywords}) are typed. Its component and configuration fields ({@code skills}, {@code agents},
 * {@code commands}, {@code hooks}, {@code mcpServers}, {@code userConfig}, {@code dependencies}, ...)
 * can be a path, a list of paths or an inline object, so they are kept as raw JSON text in
 * {@link #claudeFields}, in the order they were written.
 *
 * @param name         the plugin's name, kebab-case, at most 64 characters
 * @param version      the plugin's version
 * @param publisher    the publisher's id, kebab-case, at most 64 characters
 * @param description  a one-line description, if given
 * @param author       the author, if given
 * @param homepage     the documentation URL, if given
 * @param repository   the source repository URL, if given
 * @param license      the SPDX license expression, if given
 * @param keywords     search keywords, possibly empty
 * @param requires     required host versions, e.g. {@code warden -> >=0.1}; possibly empty
 * @param pluginClass  the fully qualified name of the plugin's {@code WardenPlugin} class, if it has code
 * @param permissions  the permissions the plugin asks for, in declaration order
 * @param connectors   the tools the plugin serves, in declaration order, names unique
 * @param claudeFields Claude Code's other fields: field name to its raw JSON text
 * @since 0.1
 */
public record PluginManifest(
        String name,
        Version version,
        String publisher,
        Optional<String> description,
        Optional<Author> author,
        Optional<String> homepage,
        Optional<String> repository,
        Optional<String> license,
        List<String> keywords,
        Map<String, String> requires,
        Optional<String> pluginClass,
        List<Permission> permissions,
        List<ConnectorSpec> connectors,
        Map<String, String> claudeFields) {

    /** Field names that are typed components of this record and so cannot appear in {@link #claudeFields}. */
    private static final Set<String> TYPED_FIELDS = Set.of("name", "version", "publisher", "description", "author",
            "homepage", "repository", "license", "keywords", "requires", "pluginClass", "permissions", "connectors");

    /**
     * @throws IllegalArgumentException if the name or publisher is not kebab-case, two connectors
     *                                  share a name, or a Claude field shadows a typed field
     * @throws NullPointerException     if any component is null
     */
    public PluginManifest {
        new PluginId(publisher, name);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(homepage, "homepage");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(pluginClass, "pluginClass");
        keywords = List.copyOf(keywords);
        requires = Collections.unmodifiableMap(new LinkedHashMap<>(requires));
        permissions = List.copyOf(permissions);
        connectors = List.copyOf(connectors);
        Set<String> seen = new HashSet<>();
        for (ConnectorSpec connector : connectors) {
            if (!seen.add(connector.name())) {
                throw new IllegalArgumentException("connector " + connector.name() + " is declared twice");
            }
        }
        for (String field : claudeFields.keySet()) {
            if (TYPED_FIELDS.contains(field)) {
                throw new IllegalArgumentException(field + " is a typed field and cannot be kept as raw JSON");
            }
        }
        claudeFields = Collections.unmodifiableMap(new LinkedHashMap<>(claudeFields));
    }

    /** @return a builder for a manifest with the three required fields */
    public static Builder builder(String name, Version version, String publisher) {
        return new Builder(name, version, publisher);
    }

    /** @return {@code publisher/name} */
    public PluginId id() {
        return new PluginId(publisher, name);
    }

    /**
     * @param field a Claude Code field name such as {@code skills} or {@code mcpServers}
     * @return its raw JSON text, or empty if the manifest does not have it
     */
    public Optional<String> claudeField(String field) {
        return Optional.ofNullable(claudeFields.get(field));
    }

    /**
     * @param connectorName a tool name
     * @return the declared connector with that name, or empty if none is declared
     */
    public Optional<ConnectorSpec> connector(String connectorName) {
        return connectors.stream().filter(c -> c.name().equals(connectorName)).findFirst();
    }

    /** @return the permissions, highest risk first, declaration order among equal risks */
    public List<Permission> permissionsByRisk() {
        List<Permission> sorted = new ArrayList<>(permissions);
        sorted.sort(Comparator.comparing(Permission::risk).reversed());
        return List.copyOf(sorted);
    }

    /**
     * Collects the optional parts of a manifest; {@link #build()} validates the whole.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String name;
        private final Version version;
        private final String publisher;
        private String description;
        private Author author;
        private String homepage;
        private String repository;
        private String license;
        private final List<String> keywords = new ArrayList<>();
        private final Map<String, String> requires = new LinkedHashMap<>();
        private String pluginClass;
        private final List<Permission> permissions = new ArrayList<>();
        private final List<ConnectorSpec> connectors = new ArrayList<>();
        private final Map<String, String> claudeFields = new LinkedHashMap<>();

        private Builder(String name, Version version, String publisher) {
            this.name = name;
            this.version = version;
            this.publisher = publisher;
        }

        /** @return this builder */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** @return this builder */
        public Builder author(Author value) {
            this.author = value;
            return this;
        }

        /** @return this builder */
        public Builder homepage(String value) {
            this.homepage = value;
            return this;
        }

        /** @return this builder */
        public Builder repository(String value) {
            this.repository = value;
            return this;
        }

        /** @return this builder */
        public Builder license(String value) {
            this.license = value;
            return this;
        }

        /** @return this builder */
        public Builder keyword(String value) {
            keywords.add(value);
            return this;
        }

        /** @return this builder */
        public Builder requires(String host, String range) {
            requires.put(host, range);
            return this;
        }

        /** @return this builder */
        public Builder pluginClass(String value) {
            this.pluginClass = value;
            return this;
        }

        /** @return this builder */
        public Builder permission(Permission value) {
            permissions.add(value);
            return this;
        }

        /** @return this builder */
        public Builder connector(ConnectorSpec value) {
            connectors.add(value);
            return this;
        }

        /**
         * @param field   a Claude Code field name
         * @param rawJson its value as JSON text
         * @return this builder
         */
        public Builder claudeField(String field, String rawJson) {
            claudeFields.put(field, rawJson);
            return this;
        }

        /**
         * @return the manifest
         * @throws IllegalArgumentException as the record's constructor does
         */
        public PluginManifest build() {
            return new PluginManifest(name, version, publisher, Optional.ofNullable(description),
                    Optional.ofNullable(author), Optional.ofNullable(homepage), Optional.ofNullable(repository),
                    Optional.ofNullable(license), keywords, requires, Optional.ofNullable(pluginClass), permissions,
                    connectors, claudeFields);
        }
    }
}
