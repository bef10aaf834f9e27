package dev.warden.manager.cli;

import java.util.OptionalInt;

/**
 * The command lines typed most, in the one form that has nothing to parse, run without picocli: building picocli's
 * model of even one command reads its annotations by reflection and spins a proxy class per annotation type, which
 * costs more than {@code warden list} of 500 plugins itself. Any other form of these commands (help, other options,
 * {@code --home} before them) goes through picocli as before; the command runs the same either way.
 */
final class DirectCommands {

    private DirectCommands() {
    }

    /** @return the exit code of {@code args} run here, or empty when picocli is to parse them */
    static OptionalInt run(CliContext context, String... args) {
        if (args.length == 0 || !args[0].equals("list")) {
            return OptionalInt.empty();
        }
        boolean json = args.length == 2 && args[1].equals("--json");
        if (args.length != 1 && !json) {
            return OptionalInt.empty();
        }
        ListCommand list = new ListCommand();
        list.json = json;
        return OptionalInt.of(list.runDirectly(new WardenCommand(context)));
    }
}
