package dev.warden.manager.cli;

import dev.warden.catalog.manifest.Risk;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.manager.marketplace.Catalogue;
import dev.warden.manager.marketplace.MarketplaceProblem;
import dev.warden.manager.marketplace.Offer;
import dev.warden.io.UnsafeCharacters;
import dev.warden.registry.tuf.TargetListing.ListedPermission;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code warden info ID[@VERSION]} for a plugin that is offered but not installed. */
final class OfferInfo {

    private final InfoCommand command;

    OfferInfo(InfoCommand command) {
        this.command = command;
    }

    int show(String argument) throws Exception {
        Catalogue catalogue = command.marketplaces().catalogue();
        Offer offer;
        try {
            offer = catalogue.resolve(InstallCommand.query(argument));
        } catch (MarketplaceProblem e) {
            throw CommandException.error("no installed plugin is named '" + UnsafeCharacters.escape(argument)
                    + "' (see 'warden list'), and " + e.getMessage());
        }
        List<Offer> versions = catalogue.versions(offer.id());
        List<String> shadowed = catalogue.shadowed(offer.id());
        String verification = SearchCommand.verification(offer, command.lifecycle().trust().load());
        if (command.json) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("id", offer.id().toString());
            info.put("version", offer.version().toString());
            info.put("installed", false);
            info.put("marketplace", offer.marketplace());
            info.put("verification", verification);
            info.put("description", offer.description());
            info.put("versions", versions.stream().map(o -> o.version().toString()).toList());
            info.put("permissions", offer.permissions().map(ps -> ps.stream().map(p -> Map.of("kind", p.kind(), "scope", p.scope(),
                    "risk", p.risk(), "optional", p.optional())).toList()).orElse(null));
            info.put("shadowed", shadowed);
            return command.printJson(info);
        }
        var out = command.out();
        out.printf("%s %s  (not installed)%n", UnsafeCharacters.escape(offer.id().toString()), offer.version());
        if (!offer.description().isEmpty()) {
            out.printf("  about        %s%n", UnsafeCharacters.escape(offer.description()));
        }
        out.printf("  marketplace  %s (%s)%n", offer.marketplace(), offer.kind().description());
        out.printf("  signed       %s%n", verification);
        out.printf("  versions     %s%n", String.join(", ", versions.stream().map(o -> o.version().toString()).toList()));
        if (!shadowed.isEmpty()) {
            out.printf("  shadowed     also offered by %s, which lose%s to %s (added first)%n", String.join(", ", shadowed),
                    shadowed.size() == 1 ? "s" : "", offer.marketplace());
        }
        if (offer.permissions().isEmpty()) {
            out.println("Permissions: shown by the review when you install it (this marketplace does not list them).");
        } else if (offer.permissions().get().isEmpty()) {
            out.println("Permissions: none listed.");
        } else {
            out.println("Permissions the listing names (the signed manifest decides at install):");
            offer.permissions().get().stream().sorted(Comparator.comparingInt(ListedPermission::risk).reversed())
                    .forEach(p -> out.printf("  %-9s %s %s%s%n", PermissionText.riskLabel(Risk.ofLevel(Math.max(0, Math.min(4, p.risk())))), p.kind(),
                            UnsafeCharacters.escape(p.scope()), p.optional() ? " (optional)" : ""));
        }
        out.println("Install: warden install " + offer.id() + "@" + offer.version());
        return ExitCode.OK;
    }
}
