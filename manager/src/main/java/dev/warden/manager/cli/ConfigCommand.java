package dev.warden.manager.cli;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.UserConfigOption;
import dev.warden.catalog.manifest.UserConfigOptions;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.config.OptionValues;
import dev.warden.manager.config.PluginConfigStore;
import dev.warden.manager.config.UserConfig;
import dev.warden.manager.lifecycle.Change;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.SecretStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {
            "Show and change the options a plugin declares (its userConfig).",
            "",
            "Install asks for them (or takes --config KEY=VALUE). A sensitive option is a secret: it is kept in the",
            "secret store as <publisher>_<name>__KEY, read from the terminal or standard input, never from the",
            "command line, and never shown. Other values are kept in $WARDEN_HOME/config/<publisher>/<name>.json.",
            "A value that changes the address of a server the plugin reaches needs a new grant of that address:",
            "'warden serve' refuses the server until you run the 'warden grant' this command prints."
        },
        subcommands = {ConfigCommand.Set.class, ConfigCommand.ListOptions.class, ConfigCommand.Unset.class})
final class ConfigCommand extends CommandGroup {

    /** An installed plugin with its manifest and declared options. */
    private record Configured(PluginId id, PluginManifest manifest, List<UserConfigOption> options) {

        UserConfigOption option(String key) throws CommandException {
            for (UserConfigOption option : options) {
                if (option.key().equals(key)) {
                    return option;
                }
            }
            throw CommandException.usage(id + " has no option " + UnsafeCharacters.quote(key) + (options.isEmpty()
                    ? "; it declares none" : "; its options are " + String.join(", ",
                    options.stream().map(UserConfigOption::key).toList())));
        }
    }

    private static Configured configured(BaseCommand command, Lifecycle lifecycle, String argument) throws Exception {
        WardenState state = lifecycle.store().read();
        PluginId id = command.pluginId(argument, state);
        InstalledPlugin plugin = state.plugin(id).orElseThrow(() -> CommandException.error(id + " is not installed"));
        PluginManifest manifest = lifecycle.installedManifest(plugin);
        return new Configured(id, manifest, UserConfigOptions.of(manifest));
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set one of a plugin's options.", "",
                "A sensitive option's value is asked at the terminal without being shown, or read from standard",
                "input; giving it on the command line is refused. Values are checked against the option's type",
                "(a number's range, true/false, a folder or file that exists; ~ is your home)."},
            footer = {"", "Examples:", "  warden config set acme/crm tenant acme",
                "  printf '%s' \"$TOKEN\" | warden config set acme/crm api_token"})
    static final class Set extends BaseCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The plugin.")
        String id;

        @Parameters(index = "1", paramLabel = "KEY", description = "The option, as the plugin declares it.")
        String key;

        @Parameters(index = "2", paramLabel = "VALUE", arity = "0..1",
                description = "The value (not for a sensitive option).")
        String value;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            Configured plugin = configured(this, lifecycle, id);
            UserConfigOption option = plugin.option(key);
            String given;
            if (option.sensitive()) {
                if (value != null) {
                    throw CommandException.usage("option " + key + " of " + plugin.id() + " is sensitive, so its value is"
                            + " not taken from the command line (where others may see it); nothing was stored. Type it"
                            + " when asked, or pipe it in: printf '%s' \"$VALUE\" | warden config set " + plugin.id() + " " + key);
                }
                given = SecretCommand.readHidden(context(), UnsafeCharacters.escape(option.title()) + " (" + key
                        + ", not shown): ", "option " + key, "warden config set " + plugin.id() + " " + key);
            } else if (value != null) {
                given = value;
            } else if (context().interactive()) {
                given = OptionPrompt.ask(context(), option);
            } else {
                throw CommandException.usage("no value for option " + key + " of " + plugin.id() + ": give it, as in"
                        + " warden config set " + plugin.id() + " " + key + " VALUE");
            }
            String checked = OptionValues.check(option, given, home().userHome());
            List<String> urls = plugin.manifest().permissions().stream().filter(UserConfig::templated)
                    .map(Permission::scope).toList();
            if (!option.sensitive()) {
                new UserConfig(plugin.id(), plugin.options(), Map.of(), name -> Optional.empty()).checkInUrls(key, checked, urls);
            }
            PluginConfigStore store = new PluginConfigStore(home().root());
            SecretStore secrets = new SecretStore(home().root());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("key", key);
            details.put("sensitive", option.sensitive());
            List<Permission> ungranted = lifecycle.change("config set " + plugin.id() + " " + key, state -> {
                if (option.sensitive()) {
                    secrets.set(UserConfig.secretName(plugin.id(), key), checked, lifecycle.clock().instant());
                } else {
                    Map<String, String> values = new TreeMap<>(store.values(plugin.id()));
                    values.put(key, checked);
                    store.write(plugin.id(), values);
                }
                UserConfig config = UserConfig.load(home().root(), plugin.id(), plugin.manifest());
                List<Permission> missing = new ArrayList<>();
                List<Permission> filled = config.permissions(plugin.manifest().permissions());
                for (int i = 0; i < filled.size(); i++) {
                    Permission declared = plugin.manifest().permissions().get(i);
                    if (UserConfig.templated(declared) && !state.grants(plugin.id()).isActive(filled.get(i))) {
                        missing.add(filled.get(i));
                    }
                }
                return Change.audited(AuditEvent.CONFIG_SET, Optional.of(plugin.id()), details, missing);
            });
            out().println("Set option " + key + " of " + plugin.id() + (option.sensitive() ? " (in the secret store)." : " to "
                    + UnsafeCharacters.quote(checked) + "."));
            if (!ungranted.isEmpty()) {
                out().println("Its servers now reach an address you have not granted; 'warden serve' refuses them until"
                        + " you grant it:");
                for (Permission p : ungranted) {
                    out().println("  warden grant " + plugin.id() + " " + p.kind().id() + " '" + UnsafeCharacters.escape(p.scope()) + "'");
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show a plugin's options and their values; a sensitive one only as set or not set.")
    static final class ListOptions extends JsonCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The plugin.")
        String id;

        @Override
        int execute() throws Exception {
            Configured plugin = configured(this, lifecycle(), id);
            UserConfig config = UserConfig.load(home().root(), plugin.id(), plugin.manifest());
            Map<String, String> stored = new PluginConfigStore(home().root()).values(plugin.id());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (UserConfigOption option : plugin.options()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", option.key());
                row.put("type", option.type().id());
                row.put("title", option.title());
                row.put("sensitive", option.sensitive());
                row.put("required", option.required());
                if (option.sensitive()) {
                    row.put("value", config.secret(option.key()).isPresent() ? "set" : "not set");
                } else {
                    row.put("value", config.setting(option.key()).orElse(null));
                    row.put("default", !stored.containsKey(option.key()) && option.defaultValue().isPresent());
                }
                rows.add(row);
            }
            if (json) {
                return printJson(rows);
            }
            if (rows.isEmpty()) {
                out().println(plugin.id() + " declares no options.");
                return ExitCode.OK;
            }
            for (Map<String, Object> row : rows) {
                Object shown = row.get("value");
                boolean sensitive = (Boolean) row.get("sensitive");
                out().printf("%s  %s%s%s  %s%n", row.get("key"), row.get("type"), sensitive ? ", sensitive" : "",
                        (Boolean) row.get("required") ? ", required" : "", sensitive ? shown : shown == null ? "not set"
                        : UnsafeCharacters.quote((String) shown) + (Boolean.TRUE.equals(row.get("default")) ? " (default)" : ""));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true,
            description = {"Forget the value of one of a plugin's options.", "",
                "A setting falls back to its default; a sensitive value leaves the secret store."})
    static final class Unset extends BaseCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The plugin.")
        String id;

        @Parameters(index = "1", paramLabel = "KEY", description = "The option.")
        String key;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            Configured plugin = configured(this, lifecycle, id);
            UserConfigOption option = plugin.option(key);
            PluginConfigStore store = new PluginConfigStore(home().root());
            SecretStore secrets = new SecretStore(home().root());
            boolean removed = lifecycle.change("config unset " + plugin.id() + " " + key, state -> {
                boolean was;
                if (option.sensitive()) {
                    was = secrets.remove(UserConfig.secretName(plugin.id(), key));
                } else {
                    Map<String, String> values = new TreeMap<>(store.values(plugin.id()));
                    was = values.remove(key) != null;
                    store.write(plugin.id(), values);
                }
                return Change.audited(AuditEvent.CONFIG_UNSET, Optional.of(plugin.id()),
                        Map.of("key", key, "sensitive", option.sensitive()), was);
            });
            if (!removed) {
                out().println("Option " + key + " of " + plugin.id() + " had no value set; nothing changed.");
                return ExitCode.OK;
            }
            out().println("Unset option " + key + " of " + plugin.id() + (option.sensitive() || option.defaultValue().isEmpty()
                    ? "." : "; its default " + UnsafeCharacters.quote(option.defaultValue().get()) + " applies."));
            if (option.required() && (option.sensitive() || option.defaultValue().isEmpty())) {
                out().println("The plugin needs it: its servers that use it do not start until you set it again.");
            }
            return ExitCode.OK;
        }
    }
}
