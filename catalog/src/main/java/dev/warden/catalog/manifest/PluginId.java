package dev.warden.catalog.manifest;

/**
 * A plugin's identity, {@code publisher/name}, both parts kebab-case and at most 64 characters.
 *
 * @param publisher the publisher's id, e.g. {@code acme}
 * @param name      the plugin's name, e.g. {@code weather}
 * @since 0.1
 */
public record PluginId(String publisher, String name) {

    /**
     * @throws IllegalArgumentException if either part is not kebab-case or longer than 64 characters
     */
    public PluginId {
        Names.requireKebab("publisher", publisher);
        Names.requireKebab("name", name);
    }

    /**
     * @param text {@code publisher/name}, e.g. {@code acme/weather}
     * @return the id
     * @throws IllegalArgumentException if the text is not exactly two kebab-case parts separated by {@code /}
     */
    public static PluginId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("plugin id is missing; expected publisher/name");
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException("plugin id " + Names.quote(text)
                    + " must be publisher/name with exactly one '/', e.g. acme/weather");
        }
        return new PluginId(text.substring(0, slash), text.substring(slash + 1));
    }

    // equals and hashCode written out: a record's generated ones are bootstrapped through method handles at first use,
    // which spins about ten classes in every process that compares one (ARCHITECTURE §3.4)
    @Override
    public boolean equals(Object other) {
        return other instanceof PluginId id && publisher.equals(id.publisher) && name.equals(id.name);
    }

    @Override
    public int hashCode() {
        return 31 * publisher.hashCode() + name.hashCode();
    }

    /** @return {@code publisher/name} */
    @Override
    public String toString() {
        return publisher + "/" + name;
    }
}
