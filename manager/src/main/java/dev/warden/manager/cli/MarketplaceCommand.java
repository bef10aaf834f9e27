package dev.warden.manager.cli;

import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.lifecycle.RefusalException;
import dev.warden.manager.marketplace.MarketplaceEntry;
import dev.warden.manager.marketplace.MarketplaceKind;
import dev.warden.manager.marketplace.Marketplaces;
import dev.warden.manager.marketplace.OfferFile;
import dev.warden.manager.marketplace.RefreshReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "marketplace", mixinStandardHelpOptions = true,
        description = {"Add, refresh, list and remove the marketplaces plugins come from.", "",
            "Three kinds are spoken: static signed repositories (TUF metadata over http(s) or a folder), git",
            "marketplaces in Claude Code's format, and MCP Registry servers. When two marketplaces offer the",
            "same plugin id, the one added first wins and the other is shown as shadowed."},
        subcommands = {MarketplaceCommand.Add.class, MarketplaceCommand.ListAll.class, MarketplaceCommand.Update.class,
            MarketplaceCommand.Remove.class})
final class MarketplaceCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a marketplace, after showing what you are about to trust.", "",
                "For a signed repository the root key fingerprints are shown (compare them with ones the",
                "operator published). Plain http is accepted for signed repositories, with a warning unless the",
                "host is this machine, because the metadata is signed. Git plugins are unverified unless their",
                "folder carries a Warden signature ('warden sign FOLDER'); MCP Registry servers are unverified."},
            footer = {"", "Examples:", "  warden marketplace add acme-market https://plugins.acme.example/",
                "  warden marketplace add team-tools https://git.example.com/team/plugins.git",
                "  warden marketplace add official anthropics/claude-plugins-official",
                "  warden marketplace add local ./site --yes"})
    static final class Add extends BaseCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = {"Your name for it (kebab-case). Its unverified plugins get ids",
            "unverified-NAME/PLUGIN; a name like a trusted publisher's, a reserved one or another marketplace's is refused."})
        String name;

        @Parameters(index = "1", paramLabel = "LOCATION", description = {"An https:// or http:// URL, a git URL, or a local folder. GitHub's owner/repo and",
            "https://github.com/owner/repo mean https://github.com/owner/repo.git (unless owner/repo is a folder here)."})
        String location;

        @Option(names = "--kind", paramLabel = "KIND", description = "static, git or mcp-registry (found out from the location when not given).")
        String kind;

        @Option(names = "--yes", description = "Add without asking (for scripts; you vouch for what is shown).")
        boolean yes;

        @Override
        int execute() throws Exception {
            Optional<MarketplaceKind> wanted = Optional.empty();
            if (kind != null) {
                wanted = Optional.of(MarketplaceKind.byId(kind).orElseThrow(() -> CommandException.usage(
                        "--kind must be static, git or mcp-registry, not '" + UnsafeCharacters.escape(kind) + "'")));
            }
            Marketplaces marketplaces = marketplaces();
            MarketplaceEntry entry;
            try (Marketplaces.Proposal proposal = marketplaces.propose(name, location, wanted)) {
                entry = proposal.entry();
                if (proposal.insecure()) {
                    out().println("Warning: " + UnsafeCharacters.escape(entry.location()) + " is plain http. The metadata is signed, "
                            + "so it cannot be changed unseen, but others on the network can see what you fetch.");
                }
                for (String line : proposal.introduction()) {
                    out().println(UnsafeCharacters.escape(line));
                }
                // asked without the lock; the names are checked again when it is added
                if (!confirm("Add marketplace " + name + "?", yes)) {
                    marketplaces.decline(proposal);
                    throw new RefusalException(context().interactive() ? "marketplace " + name + " not added: you declined"
                            : "marketplace " + name + " not added: confirm at a terminal, or pass --yes");
                }
                RefreshReport report = marketplaces.add(proposal);
                report.lines().forEach(line -> out().println("  " + UnsafeCharacters.escape(line)));
            }
            out().printf("Added marketplace %s (%s). Find plugins with 'warden search WORDS'.%n", entry.name(), entry.kind().description());
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the marketplaces, in order of precedence.")
    static final class ListAll extends JsonCommand {

        @Override
        int execute() throws Exception {
            Marketplaces marketplaces = marketplaces();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (MarketplaceEntry entry : marketplaces.entries()) {
                Optional<OfferFile> offers = marketplaces.offers(entry);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", entry.name());
                row.put("kind", entry.kind().id());
                row.put("location", entry.location());
                row.put("plugins", offers.map(o -> o.offers().stream().map(x -> x.id()).distinct().count()).orElse(0L));
                row.put("refreshedAt", offers.map(o -> o.refreshedAt().toString()).orElse(null));
                row.put("pin", offers.flatMap(OfferFile::pin).orElse(null));
                rows.add(row);
            }
            if (json) {
                return printJson(rows);
            }
            if (rows.isEmpty()) {
                out().println("No marketplaces. Add one with 'warden marketplace add NAME LOCATION'.");
                return ExitCode.OK;
            }
            for (Map<String, Object> row : rows) {
                out().printf("%-20s %-13s %5s plugins  %s%s%n", row.get("name"), row.get("kind"), row.get("plugins"),
                        UnsafeCharacters.escape((String) row.get("location")),
                        row.get("pin") == null ? "" : "  @" + ((String) row.get("pin")).substring(0, 12));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Refresh one marketplace, or all of them.", "",
                "Signed repositories are checked against rollback, freezing and mixed metadata; git marketplaces",
                "move their pinned commit and show what changed. A marketplace that fails keeps what it had."})
    static final class Update extends BaseCommand {

        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The marketplace (all when not given).")
        String name;

        @Override
        int execute() throws Exception {
            var outcomes = marketplaces().update(Optional.ofNullable(name));
            int code = ExitCode.OK;
            for (var e : outcomes.entrySet()) {
                var outcome = e.getValue();
                if (outcome.failure().isPresent()) {
                    err().println("warden: " + e.getKey().name() + ": " + UnsafeCharacters.escapeMultiline(outcome.failure().get().getMessage())
                            + " (its cached listing is unchanged)");
                    code = Math.max(code, FailureHandler.exitCode(outcome.failure().get()));
                    continue;
                }
                var report = outcome.report().orElseThrow();
                out().printf("%s: %s%n", e.getKey().name(), report.changed() ? "updated" : "up to date");
                report.lines().forEach(line -> out().println("  " + UnsafeCharacters.escape(line)));
            }
            if (outcomes.isEmpty()) {
                out().println("No marketplaces to update. Add one with 'warden marketplace add NAME LOCATION'.");
            }
            return code;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Remove a marketplace and its cached listing.", "", "Plugins installed from it stay installed."})
    static final class Remove extends BaseCommand {

        @Parameters(paramLabel = "NAME", description = "The marketplace.")
        String name;

        @Override
        int execute() throws Exception {
            marketplaces().remove(name);
            out().printf("Removed marketplace %s.%n", name);
            return ExitCode.OK;
        }
    }
}
