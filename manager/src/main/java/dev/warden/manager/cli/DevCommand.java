package dev.warden.manager.cli;

import picocli.CommandLine.Command;

@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Tools for plugin developers.",
        subcommands = {
            DevNewCommand.class,
            DevCallCommand.class,
            DevServeCommand.class,
        })
final class DevCommand extends CommandGroup {
}
