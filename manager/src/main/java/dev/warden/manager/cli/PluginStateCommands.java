package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.StateChange;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The one-line state changes of an installed plugin; each is its own subcommand. */
final class PluginStateCommands {

    private PluginStateCommands() {
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = {"Turn an installed plugin back on.", "",
        "Warns when its code will run in-process (no working bwrap) or not at all (policy requires process",
        "isolation and this machine cannot give it)."})
    static final class Enable extends BaseCommand {
        @Parameters(paramLabel = "ID", description = "The plugin (publisher/name, or a unique name).")
        String id;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            PluginId plugin = pluginId(id, lifecycle.store().read());
            new StateChange(lifecycle).enable(plugin);
            Optional<InstalledPlugin> enabled = lifecycle.store().read().plugin(plugin);
            if (enabled.isPresent()) {
                warnAboutIsolation(lifecycle, Map.of(plugin, enabled.get().version()));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Turn a plugin off without removing it; its grants and data are kept.")
    static final class Disable extends BaseCommand {
        @Parameters(paramLabel = "ID", description = "The plugin (publisher/name, or a unique name).")
        String id;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            new StateChange(lifecycle).disable(pluginId(id, lifecycle.store().read()));
            return ExitCode.OK;
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = {"Grant a permission the plugin declares, typically an optional one.", "",
                "Shows the permission in plain words and asks first."},
            footer = {"", "Example:", "  warden grant acme/weather fs.write '${workspace}/reports/**'"})
    static final class Grant extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The plugin.")
        String id;

        @Parameters(index = "1", paramLabel = "KIND", description = "The permission kind, e.g. fs.write.")
        String kind;

        @Parameters(index = "2", paramLabel = "SCOPE", description = "The scope exactly as the plugin declares it.")
        String scope;

        @Option(names = "--yes", description = "Grant without asking.")
        boolean yes;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            new StateChange(lifecycle).grant(pluginId(id, lifecycle.store().read()), kind(kind), scope, yes);
            return ExitCode.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Take back a permission.", "",
                "It leaves the granted set too, so a later version that asks for it asks you again.",
                "Revoking a permission the plugin requires disables the plugin."},
            footer = {"", "Example:", "  warden revoke acme/weather net.egress https://api.weather.gov"})
    static final class Revoke extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The plugin.")
        String id;

        @Parameters(index = "1", paramLabel = "KIND", description = "The permission kind, e.g. net.egress.")
        String kind;

        @Parameters(index = "2", paramLabel = "SCOPE", description = "The scope as shown by 'warden grants'.")
        String scope;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            new StateChange(lifecycle).revoke(pluginId(id, lifecycle.store().read()), kind(kind), scope);
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Uninstall a plugin.", "",
                "Its data folder is kept unless --purge, which moves it to Warden's trash folder."})
    static final class Remove extends BaseCommand {
        @Parameters(paramLabel = "ID", description = "The plugin (publisher/name, or a unique name).")
        String id;

        @Option(names = "--purge", description = "Also move the plugin's data to $WARDEN_HOME/trash.")
        boolean purge;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            new StateChange(lifecycle).remove(pluginId(id, lifecycle.store().read()), purge);
            return ExitCode.OK;
        }
    }

    static PermissionKind kind(String id) throws CommandException {
        return PermissionKind.byId(id).orElseThrow(() -> new CommandException(ExitCode.USAGE,
                "unknown permission kind '" + id + "'; kinds are " + java.util.Arrays.stream(PermissionKind.values())
                        .map(PermissionKind::id).toList()));
    }
}
