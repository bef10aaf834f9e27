package dev.warden.manager.cli;

import dev.warden.manager.marketplace.Catalogue;
import dev.warden.manager.marketplace.MarketplaceKind;
import dev.warden.manager.marketplace.Offer;
import dev.warden.manager.marketplace.SearchHit;
import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.TrustedPublishers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find plugins in every marketplace you added.", "",
            "Every word must match the name, id, keywords or description; name matches rank first. Shows the",
            "marketplace, whether its bundles are signed by a publisher you trust, and the newest version.",
            "Listings are as of the last 'warden marketplace update'."},
        footer = {"", "Examples:", "  warden search weather", "  warden search git commit --json"})
final class SearchCommand extends JsonCommand {

    /** How many hits the terminal view shows; --json shows all. */
    private static final int SHOWN = 50;

    @Parameters(paramLabel = "WORDS", arity = "0..*", description = "What to look for (nothing lists everything).")
    List<String> words = new ArrayList<>();

    @Override
    int execute() throws Exception {
        Catalogue catalogue = marketplaces().catalogue();
        List<SearchHit> hits = catalogue.search(String.join(" ", words));
        TrustedPublishers trust = lifecycle().trust().load();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SearchHit hit : hits) {
                Offer offer = hit.offer();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", offer.id().toString());
                row.put("version", offer.version().toString());
                row.put("description", offer.description());
                row.put("marketplace", offer.marketplace());
                row.put("publisher", offer.id().publisher());
                row.put("verification", verification(offer, trust));
                row.put("shadowed", hit.shadowed());
                rows.add(row);
            }
            return printJson(rows);
        }
        if (hits.isEmpty()) {
            out().println(catalogue.size() == 0
                    ? "Nothing to search: add a marketplace with 'warden marketplace add NAME LOCATION', then 'warden marketplace update'."
                    : "No plugin matches '" + UnsafeCharacters.escape(String.join(" ", words)) + "'.");
            return ExitCode.OK;
        }
        for (SearchHit hit : hits.subList(0, Math.min(SHOWN, hits.size()))) {
            Offer offer = hit.offer();
            out().printf("%-40s %-10s %-18s %s%n", UnsafeCharacters.escape(offer.id().toString()), offer.version(),
                    offer.marketplace(), verification(offer, trust));
            if (!offer.description().isEmpty()) {
                out().println("    " + UnsafeCharacters.escape(offer.description()));
            }
            if (!hit.shadowed().isEmpty()) {
                out().println("    also offered by " + String.join(", ", hit.shadowed()) + " (shadowed: " + offer.marketplace()
                        + " was added first and wins)");
            }
        }
        if (hits.size() > SHOWN) {
            out().printf("... %d more; add words to narrow it down, or use --json.%n", hits.size() - SHOWN);
        }
        return ExitCode.OK;
    }

    /** Verified only when the marketplace serves signed bundles and you trust their publisher; the signature is checked at install. */
    static String verification(Offer offer, TrustedPublishers trust) {
        if (offer.kind() == MarketplaceKind.MCP_REGISTRY) {
            return "UNVERIFIED: namespace verified by the registry, not signed by its publisher";
        }
        if (!offer.signed()) {
            return "UNVERIFIED";
        }
        boolean trusted = trust.find(offer.id().publisher()).isPresent();
        if (offer.kind() == MarketplaceKind.GIT) {
            return "signed by " + offer.id().publisher() + (trusted ? " (verified at install)" : ", publisher not trusted");
        }
        return trusted ? "verified" : "signed, publisher not trusted";
    }
}
