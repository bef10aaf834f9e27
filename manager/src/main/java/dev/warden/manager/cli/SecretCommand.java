package dev.warden.manager.cli;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.StateStore;
import dev.warden.catalog.state.WardenState;
import dev.warden.manager.lifecycle.Change;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.SecretStore;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "secret", mixinStandardHelpOptions = true,
        description = {
            "Store the secrets plugins may use without seeing them.",
            "",
            "A plugin granted secret.use secret:NAME@HOST gets a reference to the secret; Warden puts the value",
            "into its requests to HOST and nowhere else. Values live in $WARDEN_HOME/secrets/secrets.json,",
            "readable by you only, and are never printed, logged or audited."
        },
        subcommands = {SecretCommand.Set.class, SecretCommand.ListSecrets.class, SecretCommand.Remove.class})
final class SecretCommand extends CommandGroup {

    /** A plugin whose active grants let it use a secret, and for which host. */
    record Use(PluginId plugin, String host) {
        @Override
        public String toString() {
            return plugin + " (for " + host + ")";
        }
    }

    /** @return the installed plugins whose active {@code secret.use} grants name the secret, sorted */
    static List<Use> uses(WardenState state, String name) {
        List<Use> uses = new ArrayList<>();
        state.grants().forEach((plugin, grants) -> {
            for (Permission p : grants.active()) {
                String prefix = "secret:" + name + "@";
                if (p.kind() == PermissionKind.SECRET_USE && p.scope().startsWith(prefix)) {
                    uses.add(new Use(plugin, p.scope().substring(prefix.length())));
                }
            }
        });
        uses.sort((a, b) -> (a.plugin + "@" + a.host).compareTo(b.plugin + "@" + b.host));
        return uses;
    }

    static String name(String argument) throws CommandException {
        try {
            return SecretStore.requireName(argument);
        } catch (IllegalArgumentException e) {
            throw CommandException.usage(e.getMessage());
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Store a secret, or replace its value.", "",
                "At a terminal the value is asked for and not shown as you type; otherwise it is read from",
                "standard input (one line break at its end is dropped). It is never printed."},
            footer = {"", "Examples:", "  warden secret set gh-token", "  printf '%s' \"$GH_TOKEN\" | warden secret set gh-token"})
    static final class Set extends BaseCommand {

        @Parameters(paramLabel = "NAME", description = "The secret's name, as in secret:NAME@host.")
        String name;

        @Override
        int execute() throws Exception {
            name(name);
            String value = readValue();
            Lifecycle lifecycle = lifecycle();
            SecretStore secrets = new SecretStore(home().root());
            record Stored(boolean replaced, List<Use> uses) {
            }
            Stored stored = lifecycle.change("secret set " + name, state -> {
                boolean replacing = secrets.set(name, value, lifecycle.clock().instant());
                return Change.audited(AuditEvent.SECRET_SET, Optional.empty(), Map.of("name", name, "replaced", replacing),
                        new Stored(replacing, uses(state, name)));
            });
            boolean replaced = stored.replaced();
            List<Use> uses = stored.uses();
            out().println((replaced ? "Replaced" : "Stored") + " the value of secret '" + name + "'.");
            if (uses.isEmpty()) {
                out().println("No installed plugin is granted it yet: a plugin that declares secret.use secret:" + name
                        + "@HOST can use it once you grant that.");
            } else {
                out().println("Granted to: " + String.join(", ", uses.stream().map(Use::toString).toList()) + ".");
            }
            return ExitCode.OK;
        }

        private String readValue() throws IOException, CommandException {
            return readHidden(context(), "Value of secret '" + name + "' (not shown): ", "secret '" + name + "'",
                    "warden secret set " + name);
        }
    }

    /**
     * Reads a secret value: at a terminal asked without echo, otherwise all of standard input (one line break at its
     * end dropped). Never from the command line, where other users may see it.
     *
     * @param what    what the value is, for messages ({@code secret 'gh-token'})
     * @param command the command to pipe the value into, for the message when none was given
     * @throws CommandException (usage) if the value is empty or longer than {@link SecretStore#MAX_VALUE_CHARS}
     */
    static String readHidden(CliContext context, String prompt, String what, String command)
            throws IOException, CommandException {
        String value;
        if (context.interactive()) {
            Optional<char[]> typed = context.hidden().readLine(prompt);
            if (typed.isPresent()) {
                value = new String(typed.get());
                Arrays.fill(typed.get(), '\0');
            } else {
                context.err().print(prompt);
                context.err().flush();
                value = Optional.ofNullable(context.in().readLine()).orElse("");
            }
        } else {
            value = withoutLastLineBreak(readAll(context.in(), what));
        }
        if (value.isEmpty()) {
            throw CommandException.usage("no value for " + what + ": nothing was stored. Type it at the"
                    + " prompt, or pipe it in: printf '%s' \"$VALUE\" | " + command);
        }
        if (value.length() > SecretStore.MAX_VALUE_CHARS) {
            throw tooLong(what);
        }
        return value;
    }

    private static String readAll(Reader in, String what) throws IOException, CommandException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            text.append(buffer, 0, n);
            if (text.length() > SecretStore.MAX_VALUE_CHARS + 2) {
                throw tooLong(what);
            }
        }
        return text.toString();
    }

    private static CommandException tooLong(String what) {
        return CommandException.usage("the value of " + what + " is longer than "
                + SecretStore.MAX_VALUE_CHARS + " characters: nothing was stored");
    }

    private static String withoutLastLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the names of the stored secrets, when each was set and who may use it; never a value.")
    static final class ListSecrets extends JsonCommand {

        @Override
        int execute() throws Exception {
            List<SecretStore.Entry> secrets = new SecretStore(home().root()).list();
            WardenState state = new StateStore(home().root()).read();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SecretStore.Entry secret : secrets) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", secret.name());
                    row.put("setAt", secret.setAt().toString());
                    row.put("grantedTo", uses(state, secret.name()).stream()
                            .map(u -> Map.of("plugin", u.plugin().toString(), "host", u.host())).toList());
                    rows.add(row);
                }
                return printJson(rows);
            }
            if (secrets.isEmpty()) {
                out().println("No secrets stored. Store one with 'warden secret set NAME'.");
                return ExitCode.OK;
            }
            for (SecretStore.Entry secret : secrets) {
                List<Use> uses = uses(state, secret.name());
                out().printf("%s  set %s  %s%n", secret.name(), secret.setAt(), uses.isEmpty()
                        ? "not granted to any installed plugin"
                        : "granted to " + String.join(", ", uses.stream().map(Use::toString).toList()));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Forget a stored secret.")
    static final class Remove extends BaseCommand {

        @Parameters(paramLabel = "NAME", description = "The secret's name.")
        String name;

        @Override
        int execute() throws Exception {
            name(name);
            Lifecycle lifecycle = lifecycle();
            SecretStore secrets = new SecretStore(home().root());
            List<Use> uses = lifecycle.change("secret remove " + name, state -> {
                if (!secrets.remove(name)) {
                    throw CommandException.error("no secret named '" + name + "' is stored (see 'warden secret list')");
                }
                return Change.audited(AuditEvent.SECRET_REMOVE, Optional.empty(), Map.of("name", name), uses(state, name));
            });
            out().println("Removed secret '" + name + "'.");
            if (!uses.isEmpty()) {
                out().println("Still granted to " + String.join(", ", uses.stream().map(Use::toString).toList())
                        + ": requests that need it fail until you set it again.");
            }
            return ExitCode.OK;
        }
    }
}
