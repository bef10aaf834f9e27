package dev.warden.manager.cli;

import dev.warden.catalog.state.AuditEvent;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.auth.AuthException;
import dev.warden.manager.auth.AuthHttp;
import dev.warden.manager.auth.OAuthLogin;
import dev.warden.manager.auth.OAuthRevocation;
import dev.warden.manager.auth.StoredToken;
import dev.warden.manager.auth.TokenStore;
import dev.warden.manager.gateway.ServerDeclaration;
import dev.warden.manager.gateway.ServerDeclarationReader;
import dev.warden.io.UnsafeCharacters;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "auth", mixinStandardHelpOptions = true,
        description = {
            "Sign in to the remote MCP servers of plugins that ask for OAuth.",
            "",
            "A remote server that answers 401 names its authorization server; 'warden auth login'",
            "signs you in there through your browser (PKCE, a loopback redirect on 127.0.0.1) and",
            "stores the token, bound to that plugin, server and URL, in $WARDEN_HOME/auth/tokens.json,",
            "readable by you only. 'warden serve' sends it to that server only and refreshes it.",
            "Tokens are never printed, logged or audited."
        },
        subcommands = {AuthCommand.Login.class, AuthCommand.ListTokens.class, AuthCommand.Logout.class})
final class AuthCommand extends CommandGroup {

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = {"Sign in to a plugin's remote MCP server through your browser.", "",
                "The address to open is printed on standard error and opened with $BROWSER (given the",
                "address as its one argument, no shell), else with xdg-open where it exists. Warden",
                "registers itself at the authorization server (dynamic client registration) unless you",
                "give --client-id. It cannot use a Client ID Metadata Document: that needs an https",
                "address of Warden's own, which it does not have."},
            footer = {"", "Examples:", "  warden auth login acme/linear",
                "  warden auth login acme/linear linear --client-id 8f2c1"})
    static final class Login extends BaseCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The installed plugin.")
        String plugin;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SERVER",
                description = "The server's name in the plugin; needed when it has more than one remote server.")
        String server;

        @Option(names = "--client-id", paramLabel = "ID", description = "A client id you registered at the authorization server.")
        String clientId;

        @Option(names = "--yes", description = "Sign in at the authorization server the MCP server names without asking.")
        boolean yes;

        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "300",
                description = "How long to wait for the browser to come back (default: ${DEFAULT-VALUE}).")
        long waitSeconds;

        @Override
        int execute() throws Exception {
            if (waitSeconds <= 0) {
                throw CommandException.usage("--wait must be a positive number of seconds");
            }
            Installed installed = installed(plugin);
            ServerDeclaration remote = remoteServer(installed, server);
            String url = remote.url().orElseThrow();
            OAuthLogin login = new OAuthLogin(new AuthHttp(), new TokenStore(home().root()), context().clock(),
                    new OAuthLogin.Request(installed.id(), remote.name(), url, Optional.ofNullable(clientId),
                            Duration.ofSeconds(waitSeconds)));
            OAuthLogin.Target target = login.discover();
            out().println("The MCP server '" + UnsafeCharacters.escape(remote.name()) + "' of " + installed.id()
                    + " at " + UnsafeCharacters.escape(url) + " asks you to sign in at "
                    + UnsafeCharacters.escape(target.origin())
                    + " (issuer " + UnsafeCharacters.escape(target.issuer()) + ")"
                    + target.scope().map(s -> " for the scope '" + UnsafeCharacters.escape(s) + "'").orElse("") + ".");
            if (!confirm("Open your browser to sign in at " + UnsafeCharacters.escape(target.origin()) + "?", yes)) {
                throw CommandException.refused(context().interactive() ? "not signed in"
                        : "not signed in: confirm at a terminal, or pass --yes");
            }
            StoredToken token = login.signIn(this::visit);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("server", remote.name());
            details.put("resource", token.resource());
            details.put("issuer", token.issuer());
            token.scope().ifPresent(scope -> details.put("scope", scope));
            token.expiresAt().ifPresent(at -> details.put("expiresAt", at.toString()));
            installed.lifecycle().record(AuditEvent.AUTH_LOGIN, Optional.of(installed.id()), details);
            out().println("Signed in to the MCP server '" + UnsafeCharacters.escape(remote.name()) + "' of "
                    + installed.id() + " at " + UnsafeCharacters.escape(token.issuer()) + "; the token "
                    + token.expiresAt().map(at -> "expires " + at).orElse("has no stated expiry")
                    + token.scope().map(s -> ", scopes: " + UnsafeCharacters.escape(s)).orElse("")
                    + (token.refreshToken().isPresent() ? ", refreshed by 'warden serve' when it expires" : "") + ".");
            out().println("It is stored in " + new TokenStore(home().root()).file() + ", readable by you only.");
            return ExitCode.OK;
        }

        private ServerDeclaration remoteServer(Installed installed, String name) throws CommandException {
            Path folder = installed.lifecycle().store().pluginDir(installed.id(), installed.manifest().version());
            List<ServerDeclaration> remotes = ServerDeclarationReader.read(installed.manifest(), folder).servers()
                    .stream().filter(s -> s.url().isPresent()).toList();
            List<String> names = remotes.stream().map(s -> UnsafeCharacters.escape(s.name())).toList();
            if (remotes.isEmpty()) {
                throw CommandException.usage(installed.id() + " declares no remote MCP server to sign in to");
            }
            if (name == null) {
                if (remotes.size() > 1) {
                    throw CommandException.usage(installed.id() + " has " + remotes.size() + " remote MCP servers "
                            + names + ": name one, as in 'warden auth login " + installed.id() + " " + names.get(0) + "'");
                }
                return remotes.get(0);
            }
            return remotes.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                    CommandException.usage(installed.id() + " has no remote MCP server named '"
                            + UnsafeCharacters.escape(name) + "'; its remote servers: " + names));
        }

        /** Shows the address, then opens it with $BROWSER or xdg-open, the address as one argument and no shell. */
        private void visit(URI address) {
            err().println("Open this address in your browser to sign in:");
            err().println("  " + address);
            err().flush();
            Optional<String> browser = Optional.ofNullable(context().env().get("BROWSER")).filter(b -> !b.isBlank())
                    .or(() -> onPath("xdg-open"));
            if (browser.isEmpty()) {
                err().println("(no $BROWSER and no xdg-open: open it yourself; Warden waits for the answer)");
                return;
            }
            try {
                new ProcessBuilder(browser.get(), address.toString())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                err().println("(" + UnsafeCharacters.escape(browser.get()) + " could not be started: open the address yourself)");
            }
            err().flush();
        }

        private Optional<String> onPath(String program) {
            for (String folder : context().env().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                Path candidate = Path.of(folder.isEmpty() ? "." : folder, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
            return Optional.empty();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the remote servers you are signed in to: plugin, server, issuer, expiry, scopes; never a token.")
    static final class ListTokens extends JsonCommand {

        @Override
        int execute() throws Exception {
            List<StoredToken> tokens = new TokenStore(home().root()).list();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (StoredToken token : tokens) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("plugin", token.plugin().toString());
                    row.put("server", token.server());
                    row.put("resource", token.resource());
                    row.put("issuer", token.issuer());
                    row.put("expiresAt", token.expiresAt().map(Object::toString).orElse(null));
                    row.put("scope", token.scope().orElse(null));
                    row.put("refreshable", token.refreshToken().isPresent());
                    row.put("obtainedAt", token.obtainedAt().toString());
                    rows.add(row);
                }
                return printJson(rows);
            }
            if (tokens.isEmpty()) {
                out().println("Not signed in to any remote MCP server. Sign in with 'warden auth login ID [SERVER]'.");
                return ExitCode.OK;
            }
            for (StoredToken token : tokens) {
                out().printf("%s  %s  issuer %s  %s  scopes: %s%n", token.plugin(), UnsafeCharacters.escape(token.server()),
                        UnsafeCharacters.escape(token.issuer()),
                        token.expiresAt().map(at -> "expires " + at).orElse("no stated expiry"),
                        token.scope().map(UnsafeCharacters::escape).orElse("(none stated)"));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true,
            description = {"Forget the tokens of a plugin's remote server (all its servers when none is named).", "",
                "Where the authorization server offers revocation, the tokens are revoked there too; a failed",
                "revocation is reported, and the tokens are forgotten all the same."},
            footer = {"", "Examples:", "  warden auth logout acme/linear", "  warden auth logout acme/linear linear"})
    static final class Logout extends BaseCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The plugin, as publisher/name or its name.")
        String plugin;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SERVER", description = "The server's name in the plugin.")
        String server;

        @Override
        int execute() throws Exception {
            TokenStore store = new TokenStore(home().root());
            PluginId id = plugin.contains("/") ? pluginId(plugin, null) : stored(store, plugin);
            List<StoredToken> removed = store.remove(t -> t.plugin().equals(id) && (server == null || t.server().equals(server)));
            if (removed.isEmpty()) {
                throw CommandException.error("not signed in to " + (server == null ? "any remote server of " + id
                        : "the MCP server '" + UnsafeCharacters.escape(server) + "' of " + id) + " (see 'warden auth list')");
            }
            int failures = 0;
            for (StoredToken token : removed) {
                out().println("Forgot the tokens of the MCP server '" + UnsafeCharacters.escape(token.server()) + "' of "
                        + id + ".");
                String revoked;
                try {
                    revoked = OAuthRevocation.revoke(new AuthHttp(), token) ? "yes" : "not offered";
                    if (revoked.equals("yes")) {
                        out().println("Revoked them at " + UnsafeCharacters.escape(token.issuer()) + ".");
                    }
                } catch (AuthException e) {
                    failures++;
                    revoked = "failed";
                    err().println("warden: the tokens could not be revoked at " + UnsafeCharacters.escape(token.issuer())
                            + ": " + e.getMessage() + "; they are forgotten here, and stay valid there until they expire");
                }
                lifecycle().record(AuditEvent.AUTH_LOGOUT, Optional.of(id),
                        Map.of("server", token.server(), "issuer", token.issuer(), "revoked", revoked));
            }
            return failures == 0 ? ExitCode.OK : ExitCode.ERROR;
        }

        private static PluginId stored(TokenStore store, String name) throws Exception {
            List<PluginId> matches = store.list().stream().map(StoredToken::plugin).filter(p -> p.name().equals(name))
                    .distinct().toList();
            if (matches.size() != 1) {
                throw CommandException.usage(matches.isEmpty() ? "not signed in to any remote server of a plugin named '"
                        + UnsafeCharacters.escape(name) + "' (see 'warden auth list')"
                        : "'" + UnsafeCharacters.escape(name) + "' is ambiguous: " + matches + "; name it as publisher/name");
            }
            return matches.get(0);
        }
    }
}
