package dev.warden.manager.cli;

import dev.warden.manager.lifecycle.InstallResult;
import dev.warden.manager.lifecycle.Installation;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = {
            "Install a plugin from a signed bundle, after you review what it asks to do.",
            "",
            "The bundle is verified (publisher signature, trust, every byte) and its text scanned before",
            "you are asked. A bundle of an installed plugin is an update: anything it asks for beyond",
            "what you granted is shown for approval. A refusal changes nothing and exits 3."
        },
        footer = {"", "Examples:", "  warden install acme-weather-1.2.0.wpk",
            "  warden install acme-weather-1.2.0.wpk --yes --with-optional"})
final class InstallCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE.wpk", description = "The bundle. (Installing by id from a marketplace comes with marketplaces.)")
    Path bundle;

    @Option(names = "--yes", description = "Accept the review as shown (policy still applies; an update's new permissions still wait for 'warden review').")
    boolean yes;

    @Option(names = "--allow-unverified",
            description = "Install even if no publisher you trust signed it (shown as UNVERIFIED; policy may forbid it).")
    boolean allowUnverified;

    @Option(names = "--with-optional", description = "Also grant the optional permissions (those policy allows).")
    boolean withOptional;

    @Override
    int execute() throws Exception {
        if (!Files.isRegularFile(bundle)) {
            throw CommandException.error(bundle + ": no such bundle file (marketplace installs by id are not available yet)");
        }
        InstallResult result = new Installation(lifecycle(), bundle, new Installation.Options(yes, withOptional, allowUnverified,
                java.util.Optional.empty())).run();
        return report(result);
    }

    int report(InstallResult result) {
        switch (result.outcome()) {
            case INSTALLED -> out().printf("Installed %s %s.%n", result.id(), result.version());
            case PENDING_REVIEW -> {
                return ExitCode.REFUSED;
            }
            default -> { }
        }
        return ExitCode.OK;
    }
}
