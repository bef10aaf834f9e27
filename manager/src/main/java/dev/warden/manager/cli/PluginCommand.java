package dev.warden.manager.cli;

import picocli.CommandLine.Parameters;

/** A command about one installed plugin, named by its first argument. */
abstract class PluginCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The plugin (publisher/name, or a unique name).")
    String id;
}
