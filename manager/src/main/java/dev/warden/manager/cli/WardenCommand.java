package dev.warden.manager.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "warden",
        mixinStandardHelpOptions = true,
        versionProvider = WardenCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Installs, verifies and runs plugins for AI agents — every byte signed, every permission granted by you.",
        description = {
            "",
            "State lives in $WARDEN_HOME (default ~/.warden); --home picks another folder.",
            "Exit codes: 0 done, 1 error, 2 usage, 3 refused (trust, policy or consent), 4 integrity failure."
        },
        footer = {
            "",
            "A developer's first steps:",
            "  warden dev new acme/hello            scaffold a plugin project",
            "  cd hello && warden dev call greet --input '{\"name\":\"Ada\"}'",
            "                                       build, sign with a development key, install, call",
            "  warden dev serve --watch             serve it to an MCP client, rebuilding on each change",
            "  warden release --key keys/acme.key --repo ./site",
            "                                       sign with your real key and publish",
            "",
            "Run 'warden COMMAND --help' for a command's options and examples."
        },
        subcommands = {
            KeysCommand.class,
            PackCommand.class,
            SignCommand.class,
            VerifyCommand.class,
            LintCommand.class,
            DevCommand.class,
            ReleaseCommand.class,
            TrustCommand.class,
            RepoCommand.class,
            PublishCommand.class,
            MarketplaceCommand.class,
            SearchCommand.class,
            InstallCommand.class,
            UpdateCommand.class,
            ReviewCommand.class,
            ListCommand.class,
            InfoCommand.class,
            GrantsCommand.class,
            PluginStateCommands.Grant.class,
            PluginStateCommands.Revoke.class,
            PluginStateCommands.Enable.class,
            PluginStateCommands.Disable.class,
            PluginStateCommands.Remove.class,
            SecretCommand.class,
            ConfigCommand.class,
            AuthCommand.class,
            RunCommand.class,
            ServeCommand.class,
            AuditCommand.class,
            ScheduleCommand.class,
            PolicyCommand.class,
            QuickstartCommand.class,
            TufClientCommand.class,
        })
final class WardenCommand implements Runnable {

    final CliContext context;

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Warden's state folder (default: $WARDEN_HOME, else ~/.warden).")
    java.nio.file.Path home;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show stack traces for failures.")
    boolean debug;

    WardenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(context.out());
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = WardenCommand.class.getPackage().getImplementationVersion();
            return new String[] {"warden " + (version == null ? "development build" : version)};
        }
    }
}
