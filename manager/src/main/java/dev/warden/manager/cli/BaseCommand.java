package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.UserConfigOption;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.policy.Policy;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.UnsafeCharacters;
import dev.warden.io.WardenException;
import dev.warden.manager.config.UserConfigAnswers;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.imports.UnverifiedNamespace;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.InstallResult;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.Review;
import dev.warden.manager.marketplace.MarketplaceProblem;
import dev.warden.manager.marketplace.Marketplaces;
import dev.warden.manager.marketplace.Offer;
import dev.warden.manager.marketplace.OfferQuery;
import dev.warden.manager.mcpb.McpbBundle;
import dev.warden.manager.sandbox.IsolationChoice;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationRequest;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.registry.fetch.TerminalProgress;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.TrustedPublishers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the context, the home folder, output and the consent prompt. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The root when the command runs without picocli ({@link #runDirectly}); otherwise null, and the spec's root. */
    private WardenCommand directRoot;

    final WardenCommand root() {
        return directRoot != null ? directRoot : (WardenCommand) spec.root().userObject();
    }

    final CliContext context() {
        return root().context;
    }

    final PrintWriter out() {
        return context().out();
    }

    final PrintWriter err() {
        return context().err();
    }

    final WardenHome home() {
        return WardenHome.resolve(Optional.ofNullable(root().home), context().env());
    }

    /**
     * Asks a yes/no question; the default is no. {@code yes} answers it in advance. Without a
     * terminal and without {@code yes} the answer is no, and the caller says how to go on.
     */
    final boolean confirm(String question, boolean yes) throws IOException {
        if (yes) {
            return true;
        }
        if (!context().interactive()) {
            return false;
        }
        out().print(question + " [y/N] ");
        out().flush();
        String answer = context().in().readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    /** Shows reviews on the output and asks through {@link #confirm}; for lifecycle steps that may ask the person. */
    final Consent consent() {
        return consent(Map.of());
    }

    /** As {@link #consent()}, with a plugin's option values given in advance ({@code --config KEY=VALUE}); others asked. */
    final Consent consent(Map<String, String> given) {
        UserConfigAnswers answers = new UserConfigAnswers() {
            @Override
            public Map<String, String> given() {
                return Map.copyOf(given);
            }

            @Override
            public Optional<String> ask(UserConfigOption option) throws IOException {
                return context().interactive() ? Optional.of(OptionPrompt.ask(context(), option)) : Optional.empty();
            }
        };
        return new Consent() {
            @Override
            public UserConfigAnswers userConfig() {
                return answers;
            }

            @Override
            public void show(Review review) {
                new ReviewRenderer(out()).show(review);
            }

            @Override
            public boolean confirm(String question) throws IOException {
                return BaseCommand.this.confirm(question, false);
            }

            @Override
            public boolean canAsk() {
                return context().interactive();
            }
        };
    }

    /** Says what an install, update or review did, in the words every command that can do one uses. */
    final void show(InstallResult result) {
        switch (result.outcome()) {
            case INSTALLED -> {
                for (InstallResult.Dependency dependency : result.dependencies()) {
                    out().printf("%s %s %s, which %s depends on.%n", dependency.installed() ? "Installed" : "Enabled",
                            dependency.id(), dependency.version(), result.id());
                }
                out().printf("Installed %s %s.%n", result.id(), result.version());
            }
            case UPDATED -> out().printf("Updated %s %s -> %s.%n", result.id(), result.previous().orElseThrow(), result.version());
            case ALREADY_INSTALLED -> out().printf("%s %s is already installed.%n", result.id(), result.version());
            case PENDING_REVIEW -> out().printf("%n%s %s is waiting for your review and the plugin is disabled until then:%n"
                    + "  warden review %s%n", result.id(), result.version(), result.id());
            case REJECTED -> out().printf("Rejected %s %s; %s stays %s at %s.%n", result.id(), result.version(), result.id(),
                    result.status().name().toLowerCase(Locale.ROOT), result.previous().orElseThrow());
        }
    }

    /** Says which offer is being downloaded, before a marketplace install begins. */
    final void getting(Offer offer) {
        // an unsigned offer says so before the download, in the words search and info use
        out().printf("Getting %s %s from marketplace %s%s...%n", offer.id(), offer.version(), offer.marketplace(),
                offer.signed() ? "" : " (" + SearchCommand.verification(offer, TrustedPublishers.empty()) + ")");
        out().flush();
    }

    /** The marketplaces of the home folder, with download limits from the environment and a progress bar on a terminal. */
    final Marketplaces marketplaces() throws Exception {
        return marketplaces(lifecycle());
    }

    /** The marketplaces of {@code lifecycle}'s home, with download limits from the environment and a progress bar on a terminal. */
    final Marketplaces marketplaces(Lifecycle lifecycle) throws Exception {
        FetchSettings settings;
        try {
            settings = FetchSettingsFromEnv.of(context().env());
        } catch (IllegalArgumentException e) {
            throw CommandException.error(e.getMessage());
        }
        return new Marketplaces(lifecycle, settings, new TerminalProgress(err(), context().interactive()));
    }

    /** The lifecycle of the home folder, with its policy loaded. */
    final Lifecycle lifecycle() throws Exception {
        return lifecycle(home(), consent());
    }

    /** The lifecycle of {@code home}, with its policy loaded, asking through {@code consent}. */
    final Lifecycle lifecycle(WardenHome home, Consent consent) throws Exception {
        try {
            return Lifecycle.open(home, context().env(), context().clock(), consent);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, e.getMessage());
        }
    }

    /**
     * Resolves a plugin argument: {@code publisher/name}, a bare name when exactly one installed plugin has it, or
     * Claude Code's {@code NAME@MARKETPLACE}.
     */
    final PluginId pluginId(String argument, WardenState state) throws Exception {
        if (argument.indexOf('@') >= 0) {
            OfferQuery query = InstallCommand.query(argument);
            if (query.marketplace().isEmpty() || query.version().isPresent()) {
                throw CommandException.usage("'" + UnsafeCharacters.escape(argument) + "' names a version; name an installed"
                        + " plugin as publisher/name, NAME or NAME@MARKETPLACE");
            }
            return installedFrom(query, state);
        }
        if (argument.contains("/")) {
            try {
                return PluginId.parse(argument);
            } catch (IllegalArgumentException e) {
                throw new CommandException(ExitCode.USAGE, "'" + argument + "' is not a plugin id: " + e.getMessage());
            }
        }
        List<PluginId> matches = state.plugins().keySet().stream().filter(id -> id.name().equals(argument)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new CommandException(matches.isEmpty() ? ExitCode.ERROR : ExitCode.USAGE, matches.isEmpty()
                ? "no installed plugin is named '" + argument + "' (see 'warden list')"
                : "'" + argument + "' is ambiguous: " + matches.stream().map(PluginId::toString).sorted().toList()
                        + "; name it as publisher/name");
    }

    /**
     * The installed plugin {@code NAME@MARKETPLACE} names: the one the marketplace offers under that name, or, when it
     * no longer does, the unverified plugin it was installed as ({@code unverified-<marketplace>/<name>}).
     */
    private PluginId installedFrom(OfferQuery query, WardenState state) throws Exception {
        String marketplace = query.marketplace().orElseThrow();
        Optional<PluginId> offered;
        try {
            offered = Optional.of(marketplaces().catalogue().resolve(query).id());
        } catch (MarketplaceProblem e) {
            offered = Optional.empty();
        }
        for (PluginId candidate : offered.map(List::of).orElse(List.of())) {
            if (state.plugin(candidate).isPresent()) {
                return candidate;
            }
        }
        try {
            PluginId unverified = UnverifiedNamespace.id(marketplace, query.idOrName());
            if (state.plugin(unverified).isPresent()) {
                return unverified;
            }
        } catch (IllegalArgumentException e) {
            // not a plugin name: nothing of that name can be installed
        }
        throw CommandException.error("no plugin of marketplace " + marketplace + " named '"
                + UnsafeCharacters.escape(query.idOrName()) + "' is installed (see 'warden list')");
    }

    /**
     * How plugins run on this machine under {@code policy} when {@code request} is asked for (DESIGN 6.5);
     * {@link IsolationDecision#require()} turns a refusal into exit 3 with its reason.
     */
    final IsolationDecision isolation(Policy policy, IsolationRequest request) {
        return IsolationChoice.decide(context().isolation(home()), policy, request);
    }

    /**
     * After plugins were installed, updated or enabled: warns once on the error stream when those that run
     * code will run in-process or not at all on this machine (DESIGN 6.5); says nothing when they get their
     * own sandbox.
     *
     * @param plugins the plugins, each at the version now installed
     */
    final void warnAboutIsolation(Lifecycle lifecycle, Map<PluginId, Version> plugins) throws Exception {
        List<PluginId> runningCode = new ArrayList<>();
        for (Map.Entry<PluginId, Version> plugin : plugins.entrySet()) {
            if (IsolationNotice.runsCode(lifecycle.installedManifest(plugin.getKey(), plugin.getValue()),
                    lifecycle.store().pluginDir(plugin.getKey(), plugin.getValue()))) {
                runningCode.add(plugin.getKey());
            }
        }
        if (!runningCode.isEmpty()) {
            IsolationNotice.warn(err(), runningCode, isolation(lifecycle.policy(), IsolationRequest.AUTO));
        }
    }

    /** An installed plugin as the read-only commands show it. */
    record Installed(Lifecycle lifecycle, WardenState state, InstalledPlugin plugin, PluginManifest manifest) {
        PluginId id() {
            return plugin.id();
        }
    }

    /** Resolves {@code argument} to an installed plugin and reads its installed manifest. */
    final Installed installed(String argument) throws Exception {
        Lifecycle lifecycle = lifecycle();
        WardenState state = lifecycle.store().read();
        PluginId id = pluginId(argument, state);
        InstalledPlugin plugin = state.plugin(id).orElseThrow(() -> CommandException.error(id + " is not installed"));
        return new Installed(lifecycle, state, plugin, lifecycle.installedManifest(plugin));
    }

    /**
     * Reads an MCPB bundle, its signature checked against the system CA store and the certificates of
     * Warden's trust directory ({@code <trust>/certificates/*.pem}, system folder first).
     */
    final McpbBundle mcpbBundle(Path file) throws WardenException {
        return McpbBundle.read(file, McpbBundle.anchors(home()), context().clock().instant(), BundleLimits.defaults());
    }

    /** Returns {@code bundle}; fails with exit 1 when it is not a file. */
    static Path existingBundle(Path bundle) throws CommandException {
        if (!Files.isRegularFile(bundle)) {
            throw CommandException.error(bundle + ": no such bundle file");
        }
        return bundle;
    }

    /** Returns {@code folder}; fails with exit 1 when it is not a folder. */
    static Path existingFolder(Path folder) throws CommandException {
        if (!Files.isDirectory(folder)) {
            throw CommandException.error(folder + ": not a folder");
        }
        return folder;
    }

    /** The absolute folder a {@code --workspace} option names, the current one when not given; exit 2 when it is no folder. */
    static Path workspace(Path option) throws CommandException {
        Path folder = (option == null ? Path.of("") : option).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw CommandException.usage("--workspace " + folder + " is not a folder");
        }
        return folder;
    }

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    /**
     * Runs the command under {@code root} without picocli, for a command line {@link DirectCommands} has parsed
     * itself: a failure becomes its message and exit code as {@link FailureHandler} makes them under picocli.
     *
     * @return the command's exit code; never throws an {@link Exception}
     */
    final int runDirectly(WardenCommand root) {
        directRoot = root;
        try {
            return execute();
        } catch (Exception failure) {
            return new FailureHandler(root).report(failure, root.context.err());
        }
    }

    /** Runs the command; returns an exit code or throws a failure the handler maps. */
    abstract int execute() throws Exception;
}
