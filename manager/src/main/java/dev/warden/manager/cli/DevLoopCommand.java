package dev.warden.manager.cli;

import dev.warden.manager.devtools.DevelopmentHome;
import dev.warden.manager.devtools.DevelopmentLoop;
import dev.warden.manager.devtools.PluginProject;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.Review;
import dev.warden.manager.marketplace.Marketplaces;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What {@code warden dev call} and {@code warden dev serve} share: the development home under the person's home, and
 * one turn of the development loop into it, its steps told on standard error.
 */
abstract class DevLoopCommand extends BaseCommand {

    @Option(names = "--publisher", paramLabel = "ID",
            description = "For a Claude plugin folder: the publisher to build it as (default: the only one with a development key).")
    String publisher;

    @Option(names = "--offline", description = "Run Maven offline (-o). Rebuilds under --watch always do, after a first good build.")
    boolean offline;

    DevelopmentHome dev;
    Lifecycle devLifecycle;
    Marketplaces devMarketplaces;

    /** Opens (and makes, the first time) the development home of the person's home. */
    final void openDevelopmentHome() throws Exception {
        WardenHome person = home();
        if (person.isDevelopmentHome()) {
            throw CommandException.usage(person.root() + " is a development home; run 'warden dev' with your own home");
        }
        dev = DevelopmentHome.of(person, context().clock());
        dev.create();
        devLifecycle = lifecycle(dev.home(), developmentConsent());
        devMarketplaces = marketplaces(devLifecycle);
    }

    /** One turn of the loop on {@code project}; the same project each turn, so that it knows what its last build did. */
    final DevelopmentLoop.Result runLoop(PluginProject project, boolean offlineBuild) throws Exception {
        return new DevelopmentLoop(project, dev, devLifecycle, devMarketplaces, context().env(), this::progress)
                .run(new DevelopmentLoop.Options(offlineBuild, Optional.ofNullable(publisher)));
    }

    /** A step's line, on standard error: standard output is the tool's result, or the MCP channel. */
    final void progress(String line) {
        err().println(line);
        err().flush();
    }

    /** Shows the review on standard error and accepts it: the author's own plugin, in a home of its own. */
    private Consent developmentConsent() {
        return new Consent() {
            @Override
            public void show(Review review) {
                new ReviewRenderer(err()).show(review);
                err().flush();
            }

            @Override
            public boolean confirm(String question) {
                progress(question + " yes: it is your own plugin, in the development home " + dev.home().root());
                return true;
            }

            @Override
            public boolean canAsk() {
                return true;
            }
        };
    }
}
