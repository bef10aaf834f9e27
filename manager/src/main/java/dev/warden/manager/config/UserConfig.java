package dev.warden.manager.config;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.UserConfigOption;
import dev.warden.catalog.manifest.UserConfigOptions;
import dev.warden.catalog.manifest.UserConfigUrl;
import dev.warden.manager.runtime.SecretSource;
import dev.warden.manager.runtime.SecretStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ${user_config.KEY}} of one plugin is filled with: a declared non-sensitive option's stored value (or
 * its default), and for a sensitive option, or a key the plugin does not declare, the secret
 * {@code <publisher>_<name>__KEY} ({@code warden secret set} keeps working for those). Only non-sensitive options
 * may fill a URL ({@link UserConfigUrl}), so a secret never becomes part of an address, a grant or the audit log.
 */
public final class UserConfig {

    private final PluginId plugin;
    private final Map<String, UserConfigOption> options = new LinkedHashMap<>();
    private final Map<String, String> values;
    private final SecretSource secrets;

    /**
     * @param options the plugin's declared options
     * @param values  the non-sensitive values stored, by key
     * @param secrets where sensitive values are read
     */
    public UserConfig(PluginId plugin, List<UserConfigOption> options, Map<String, String> values, SecretSource secrets) {
        this.plugin = plugin;
        options.forEach(option -> this.options.put(option.key(), option));
        this.values = Map.copyOf(values);
        this.secrets = secrets;
    }

    /** A plugin that declares no option: every reference is a secret, as before typed options. */
    public static UserConfig undeclared(PluginId plugin, SecretSource secrets) {
        return new UserConfig(plugin, List.of(), Map.of(), secrets);
    }

    /**
     * @return the installed plugin's options with what is stored for them in {@code wardenHome}
     * @throws IOException if its config file cannot be read
     */
    public static UserConfig load(Path wardenHome, PluginId plugin, PluginManifest manifest) throws IOException {
        return new UserConfig(plugin, UserConfigOptions.of(manifest), new PluginConfigStore(wardenHome).values(plugin),
                new SecretStore(wardenHome));
    }

    /** @return the secret that holds {@code ${user_config.KEY}} of the plugin when it is sensitive or undeclared */
    public static String secretName(PluginId plugin, String key) {
        return plugin.publisher() + "_" + plugin.name() + "__" + key;
    }

    public PluginId plugin() {
        return plugin;
    }

    /** @return the declared options, in manifest order */
    public List<UserConfigOption> options() {
        return List.copyOf(options.values());
    }

    /** @return the option declared under {@code key}; empty if the plugin declares none */
    public Optional<UserConfigOption> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** @return whether {@code ${user_config.KEY}} is a plain setting rather than a secret */
    public boolean isSetting(String key) {
        return option(key).map(o -> !o.sensitive()).orElse(false);
    }

    /** @return the value of a declared non-sensitive option: stored, else its default; empty if neither */
    public Optional<String> setting(String key) {
        if (!isSetting(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(values.get(key)).or(() -> options.get(key).defaultValue());
    }

    /**
     * @return what fills {@code ${user_config.KEY}}: the setting, or the stored secret when sensitive or undeclared
     * @throws java.io.UncheckedIOException if the secret store cannot be read
     */
    public Optional<String> value(String key) {
        return isSetting(key) ? setting(key) : secrets.value(secretName(plugin, key));
    }

    /**
     * @return the secret {@code <publisher>_<name>__KEY}, whatever the option says (a Claude Code {@code ${KEY}} in a
     *         header is always a secret)
     * @throws java.io.UncheckedIOException if the secret store cannot be read
     */
    public Optional<String> secret(String key) {
        return secrets.value(secretName(plugin, key));
    }

    /** @return how the person sets {@code KEY}, as a command */
    public String howToSet(String key) {
        return option(key).isPresent() ? "warden config set " + plugin + " " + key + (isSetting(key) ? " VALUE" : "")
                : "warden secret set " + secretName(plugin, key);
    }

    /** @return why the URL cannot be filled from this configuration; empty if it can (or holds no reference) */
    public Optional<String> urlProblem(String url) {
        Optional<String> shape = UserConfigUrl.shapeProblem(url);
        if (shape.isPresent()) {
            return shape;
        }
        for (String key : UserConfigUrl.keys(url)) {
            if (option(key).isEmpty()) {
                return Optional.of("its URL refers to ${user_config." + key + "}, which the plugin does not declare in"
                        + " userConfig; only a declared non-sensitive option may fill a URL");
            }
            if (!isSetting(key)) {
                return Optional.of("its URL refers to ${user_config." + key + "}, a sensitive option; a secret is never"
                        + " put into a URL");
            }
        }
        return Optional.empty();
    }

    /**
     * @return the URL with its references filled in
     * @throws UserConfigException naming the option, if one is not a declared non-sensitive option, has no value, or
     *                             its value would change the URL's shape
     */
    public String url(String declared) throws UserConfigException {
        Optional<String> problem = urlProblem(declared);
        if (problem.isPresent()) {
            throw new UserConfigException(problem.get());
        }
        try {
            return UserConfigUrl.fill(declared, this::setting).replace("warden config set ID ", "warden config set " + plugin + " ");
        } catch (IllegalArgumentException e) {
            throw new UserConfigException(e.getMessage().replace("warden config set ID ", "warden config set " + plugin + " "));
        }
    }

    /**
     * @return the permissions with each {@code mcp.server} and {@code net.egress} URL filled in, as they are granted;
     *         one that cannot be filled now stays as declared (and so is never granted or covered)
     */
    public List<Permission> permissions(List<Permission> declared) {
        List<Permission> filled = new ArrayList<>();
        for (Permission p : declared) {
            filled.add(filled(p).orElse(p));
        }
        return filled;
    }

    /**
     * @return the permissions filled in as {@link #permissions}
     * @throws UserConfigException naming the option, if one cannot be
     */
    public List<Permission> requirePermissions(List<Permission> declared) throws UserConfigException {
        for (Permission p : declared) {
            if (templated(p)) {
                try {
                    Permission.of(p.kind(), url(p.scope()), p.reason());
                } catch (IllegalArgumentException e) {
                    throw new UserConfigException(p.kind().id() + " " + p.scope() + ", filled in, is not a valid scope: "
                            + e.getMessage());
                }
            }
        }
        return permissions(declared);
    }

    /**
     * Checks that {@code value} for {@code key} keeps the shape of every URL that refers to it, whatever the other
     * options hold.
     *
     * @throws UserConfigException naming the key, the value and the URL, if it would not
     */
    public void checkInUrls(String key, String value, List<String> urls) throws UserConfigException {
        for (String url : urls) {
            if (UserConfigUrl.keys(url).contains(key)) {
                try {
                    UserConfigUrl.fill(url, k -> Optional.of(k.equals(key) ? value : "user-config"));
                } catch (IllegalArgumentException e) {
                    throw new UserConfigException(e.getMessage());
                }
            }
        }
    }

    /** @return the manifest asking for {@code permissions} instead of its own (the review and grants show URLs filled in) */
    public static PluginManifest withPermissions(PluginManifest m, List<Permission> permissions) {
        return new PluginManifest(m.name(), m.version(), m.publisher(), m.description(), m.author(), m.homepage(),
                m.repository(), m.license(), m.keywords(), m.requires(), m.pluginClass(), permissions, m.connectors(),
                m.claudeFields());
    }

    private Optional<Permission> filled(Permission p) {
        if (!templated(p)) {
            return Optional.of(p);
        }
        try {
            String scope = url(p.scope());
            return Optional.of(new Permission(p.kind(), scope, p.reason(), p.optional()));
        } catch (UserConfigException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return whether the permission is a URL (not a stdio command line) with {@code ${user_config.KEY}} in it */
    public static boolean templated(Permission p) {
        return (p.kind() == PermissionKind.NET_EGRESS || p.kind() == PermissionKind.MCP_SERVER)
                && (p.scope().startsWith("https://") || p.scope().startsWith("http://")) && UserConfigUrl.isTemplate(p.scope());
    }
}
