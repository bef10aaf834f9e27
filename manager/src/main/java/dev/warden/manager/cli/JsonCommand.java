package dev.warden.manager.cli;

import picocli.CommandLine.Option;

/** A command that prints for people, or as JSON for scripts with {@code --json}. */
abstract class JsonCommand extends BaseCommand {

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    /** Prints {@code value} as the command's JSON result; returns exit 0. */
    final int printJson(Object value) {
        JsonOut.print(out(), value);
        return ExitCode.OK;
    }
}
