package dev.warden.manager.cli;

import dev.warden.manager.home.WardenHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the context, the home folder, output and the consent prompt. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final WardenCommand root() {
        return (WardenCommand) spec.root().userObject();
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

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    /** Runs the command; returns an exit code or throws a failure the handler maps. */
    abstract int execute() throws Exception;
}
