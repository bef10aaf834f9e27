package dev.warden.manager.gateway;

import dev.warden.catalog.manifest.PluginId;

/**
 * The names plugins' tools, prompts and resources have in the gateway (DESIGN 6.4): a tool {@code forecast} of
 * {@code acme/weather} is {@code acme_weather__forecast}, so two plugins never clash and a client always sees
 * whose tool it calls.
 */
final class GatewayNames {

    static final String SEPARATOR = "__";
    static final String RESOURCE_SCHEME = "warden://";

    private GatewayNames() {
    }

    static String of(PluginId plugin, String item) {
        return plugin.publisher() + "_" + plugin.name() + SEPARATOR + item;
    }

    /** @return the resource URI of a file inside a plugin's folder, e.g. {@code warden://acme/weather/skills/x/SKILL.md} */
    static String resource(PluginId plugin, String relativePath) {
        return RESOURCE_SCHEME + plugin.publisher() + "/" + plugin.name() + "/" + relativePath;
    }
}
