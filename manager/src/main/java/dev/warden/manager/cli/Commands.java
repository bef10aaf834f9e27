package dev.warden.manager.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import picocli.CommandLine;

/**
 * Every command {@code warden} has, by name, in the order the top-level help lists them. Building picocli's model
 * of a command costs reflection over its classes, so a run builds only the command it invokes; the whole tree is
 * built only for the top-level help and for a first word that names no command (picocli then says so, with
 * suggestions). Adding a command is one line in {@link #build}.
 */
final class Commands {

    private Commands() {
    }

    /**
     * Offers every command's name to {@code selection}, in help order, and builds those it takes. A command class is
     * loaded only when its line builds it: a lambda or class literal per command would load or spin a class each.
     */
    private static void build(Selection selection) {
        if (selection.takes("keys")) selection.add(new KeysCommand());
        if (selection.takes("pack")) selection.add(new PackCommand());
        if (selection.takes("sign")) selection.add(new SignCommand());
        if (selection.takes("verify")) selection.add(new VerifyCommand());
        if (selection.takes("lint")) selection.add(new LintCommand());
        if (selection.takes("dev")) selection.add(new DevCommand());
        if (selection.takes("release")) selection.add(new ReleaseCommand());
        if (selection.takes("trust")) selection.add(new TrustCommand());
        if (selection.takes("repo")) selection.add(new RepoCommand());
        if (selection.takes("publish")) selection.add(new PublishCommand());
        if (selection.takes("marketplace")) selection.add(new MarketplaceCommand());
        if (selection.takes("search")) selection.add(new SearchCommand());
        if (selection.takes("install")) selection.add(new InstallCommand());
        if (selection.takes("update")) selection.add(new UpdateCommand());
        if (selection.takes("review")) selection.add(new ReviewCommand());
        if (selection.takes("list")) selection.add(new ListCommand());
        if (selection.takes("info")) selection.add(new InfoCommand());
        if (selection.takes("grants")) selection.add(new GrantsCommand());
        if (selection.takes("grant")) selection.add(new PluginStateCommands.Grant());
        if (selection.takes("revoke")) selection.add(new PluginStateCommands.Revoke());
        if (selection.takes("enable")) selection.add(new PluginStateCommands.Enable());
        if (selection.takes("disable")) selection.add(new PluginStateCommands.Disable());
        if (selection.takes("remove")) selection.add(new PluginStateCommands.Remove());
        if (selection.takes("secret")) selection.add(new SecretCommand());
        if (selection.takes("config")) selection.add(new ConfigCommand());
        if (selection.takes("auth")) selection.add(new AuthCommand());
        if (selection.takes("run")) selection.add(new RunCommand());
        if (selection.takes("serve")) selection.add(new ServeCommand());
        if (selection.takes("audit")) selection.add(new AuditCommand());
        if (selection.takes("schedule")) selection.add(new ScheduleCommand());
        if (selection.takes("policy")) selection.add(new PolicyCommand());
        if (selection.takes("quickstart")) selection.add(new QuickstartCommand());
        if (selection.takes("tuf-client")) selection.add(new TufClientCommand());
    }

    /**
     * Parses {@code args} with picocli and runs the command they invoke; kept out of {@link WardenMain}, whose
     * {@code --version} must not load picocli (the verifier loads what a class's methods pass around).
     *
     * @return the command's exit code; never throws
     */
    static int execute(CliContext context, String... args) {
        // picocli's factory otherwise looks for Groovy's Closure class, which is nowhere: a class not found is looked
        // for in every jar of the class path, so all of them are opened (the large signed ones cost most)
        System.setProperty("picocli.disable.closures", "true");
        WardenCommand root = new WardenCommand(context);
        CommandLine cli = addTo(new CommandLine(root), args);
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(100);
        FailureHandler failures = new FailureHandler(root);
        cli.setExecutionExceptionHandler(failures);
        cli.setParameterExceptionHandler(failures);
        return cli.execute(args);
    }

    /** @return the names of all commands, in the order the help lists them */
    static List<String> names() {
        Selection all = new Selection(name -> false);
        build(all);
        return List.copyOf(all.offered);
    }

    /**
     * Adds to {@code root} what {@code args} need: the one command they invoke when the words before it are only
     * the root's {@code --home DIR} and {@code --debug}; otherwise every
     * command, so help, suggestions and errors read as they always did.
     *
     * @return {@code root}
     */
    static CommandLine addTo(CommandLine root, String... args) {
        Optional<String> invoked = invoked(args);
        Selection selection = new Selection(name -> invoked.isEmpty() || invoked.get().equals(name));
        build(selection);
        // a loop, not root::addSubcommand: see FailureHandler on method references to picocli's classes
        for (Map.Entry<String, Object> command : selection.built.entrySet()) {
            root.addSubcommand(command.getKey(), command.getValue());
        }
        return root;
    }

    /** @return the command {@code args} invoke, when nothing but the root's own options come before its name */
    static Optional<String> invoked(String... args) {
        for (int i = 0; i < args.length; i++) {
            String word = args[i];
            if (word.equals("--debug") || word.startsWith("--home=") && word.length() > "--home=".length()) {
                continue;
            }
            if (word.equals("--home") && i + 1 < args.length) {
                i++;
                continue;
            }
            return names().contains(word) ? Optional.of(word) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The names offered so far, and the commands built for those taken. */
    private static final class Selection {

        private final Predicate<String> takes;
        private final List<String> offered = new ArrayList<>();
        private final Map<String, Object> built = new LinkedHashMap<>();

        Selection(Predicate<String> takes) {
            this.takes = takes;
        }

        /** Offers {@code name}; @return whether the command of that name is to be built */
        boolean takes(String name) {
            if (offered.contains(name)) {
                throw new IllegalStateException("two commands are named " + name);
            }
            offered.add(name);
            return takes.test(name);
        }

        /** Adds the command of the name last offered. */
        void add(Object command) {
            built.put(offered.get(offered.size() - 1), command);
        }
    }
}
