package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.RefusalException;
import dev.warden.manager.lifecycle.StateChange;
import dev.warden.manager.review.PermissionSummary;
import java.util.LinkedHashMap;
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
    static final class Enable extends PluginCommand {

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            PluginId plugin = pluginId(id, lifecycle.store().read());
            StateChange.Toggled enabled = new StateChange(lifecycle).enable(plugin);
            enabled.alsoEnabled().forEach(needed -> out().println("Enabled " + needed + ", which " + plugin + " depends on."));
            out().println(enabled.changed() ? "Enabled " + plugin + "." : plugin + " is already enabled.");
            Map<PluginId, Version> now = new LinkedHashMap<>();
            for (PluginId each : enabled.alsoEnabled()) {
                lifecycle.store().read().plugin(each).ifPresent(p -> now.put(each, p.version()));
            }
            lifecycle.store().read().plugin(plugin).ifPresent(p -> now.put(plugin, p.version()));
            if (!now.isEmpty()) {
                warnAboutIsolation(lifecycle, now);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Turn a plugin off without removing it; its grants and data are kept.")
    static final class Disable extends PluginCommand {

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            PluginId plugin = pluginId(id, lifecycle.store().read());
            StateChange.Toggled disabled = new StateChange(lifecycle).disable(plugin);
            out().println(disabled.changed()
                    ? "Disabled " + plugin + ". Its grants are kept; 'warden enable " + plugin + "' turns it back on."
                    : plugin + " is already disabled.");
            return ExitCode.OK;
        }
    }

    /** Grant and revoke: a plugin, then a permission kind and scope. */
    abstract static class PermissionChange extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The plugin.")
        String id;
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = {"Grant a permission the plugin declares, typically an optional one.", "",
                "Shows the permission in plain words and asks first."},
            footer = {"", "Example:", "  warden grant acme/weather fs.write '${workspace}/reports/**'"})
    static final class Grant extends PermissionChange {
        @Parameters(index = "1", paramLabel = "KIND", description = "The permission kind, e.g. fs.write.")
        String kind;

        @Parameters(index = "2", paramLabel = "SCOPE", description = "The scope exactly as the plugin declares it.")
        String scope;

        @Option(names = "--yes", description = "Grant without asking.")
        boolean yes;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            StateChange changes = new StateChange(lifecycle);
            PluginId plugin = pluginId(id, lifecycle.store().read());
            StateChange.GrantRequest request = changes.requestGrant(plugin, kind(kind), scope);
            if (request.alreadyActive()) {
                out().println(plugin + " already has " + request.permission().kind().id() + " " + scope + ".");
                return ExitCode.OK;
            }
            PermissionSummary.Item item = request.item();
            out().printf("Grant %s: %s%n  risk %s, enforced as %s %s%n  risk: %s%n  reason: %s%n", plugin,
                    UnsafeCharacters.escape(item.description()), PermissionText.riskLabel(item.risk()),
                    request.permission().kind().id(), UnsafeCharacters.escape(scope), UnsafeCharacters.escape(item.riskReason()),
                    UnsafeCharacters.escape(request.permission().reason()));
            // asked without the lock (a person reading must not block other processes); committed only if unchanged
            if (!confirm("Grant it?", yes)) {
                throw new RefusalException("not granted; nothing was changed");
            }
            changes.grant(request);
            out().println("Granted.");
            return ExitCode.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Take back a permission.", "",
                "It leaves the granted set too, so a later version that asks for it asks you again.",
                "Revoking a permission the plugin requires disables the plugin."},
            footer = {"", "Example:", "  warden revoke acme/weather net.egress https://api.weather.gov"})
    static final class Revoke extends PermissionChange {
        @Parameters(index = "1", paramLabel = "KIND", description = "The permission kind, e.g. net.egress.")
        String kind;

        @Parameters(index = "2", paramLabel = "SCOPE", description = "The scope as shown by 'warden grants'.")
        String scope;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            StateChange.Revoked revoked = new StateChange(lifecycle).revoke(pluginId(id, lifecycle.store().read()), kind(kind), scope);
            out().println("Revoked " + revoked.kind().id() + " " + revoked.scope() + " from " + revoked.id() + "."
                    + (revoked.disabled() ? " The plugin needs it, so it is disabled until you grant it again." : ""));
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Uninstall a plugin.", "",
                "Its data folder is kept unless --purge, which moves it to Warden's trash folder."})
    static final class Remove extends PluginCommand {

        @Option(names = "--purge", description = "Also move the plugin's data to $WARDEN_HOME/trash.")
        boolean purge;

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            StateChange.Removal removal = new StateChange(lifecycle).remove(pluginId(id, lifecycle.store().read()), purge);
            removal.pinsProblem().ifPresent(problem -> out().println("warning: could not drop the tool pins of "
                    + removal.id() + ": " + problem));
            String dataNote = removal.trashed().map(t -> " Its data is in " + t + ".")
                    .or(() -> removal.keptData().map(d -> " Its data is kept in " + d + "; 'remove --purge' moves it to the trash."))
                    .orElse("");
            out().println("Removed " + removal.id() + " " + removal.version() + "." + dataNote);
            return ExitCode.OK;
        }
    }

    static PermissionKind kind(String id) throws CommandException {
        return PermissionKind.byId(id).orElseThrow(() -> new CommandException(ExitCode.USAGE,
                "unknown permission kind '" + id + "'; kinds are " + java.util.Arrays.stream(PermissionKind.values())
                        .map(PermissionKind::id).toList()));
    }
}
