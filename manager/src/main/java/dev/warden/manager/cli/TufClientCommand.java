package dev.warden.manager.cli;

import dev.warden.io.UnsafeCharacters;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Fetchers;
import dev.warden.registry.fetch.Progress;
import dev.warden.registry.tuf.MetadataDirectory;
import dev.warden.registry.tuf.TargetDirectory;
import dev.warden.registry.tuf.TargetSearchResult;
import dev.warden.registry.tuf.TrustedMetadata;
import dev.warden.registry.tuf.TufClient;
import dev.warden.registry.tuf.TufException;
import dev.warden.registry.tuf.TufLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The client-under-test command line of the TUF conformance suite (theupdateframework/tuf-conformance,
 * CLIENT-CLI.md), over the same client the marketplaces use. Exits 0 when the whole step succeeded and 1
 * otherwise, as the suite requires, instead of Warden's usual codes.
 */
@Command(name = "tuf-client", mixinStandardHelpOptions = true,
        description = {"A plain TUF client, for the public TUF conformance test suite.", "",
            "init stores a trusted root; refresh runs the TUF client workflow and stores each accepted",
            "file under its role's name; download refreshes, finds each target through the delegations,",
            "and stores it verified in --target-dir (not downloaded again while it matches). Exit codes:",
            "0 when every step succeeded, 1 otherwise."},
        footer = {"", "Examples:",
            "  warden tuf-client --metadata-dir md init root.json",
            "  warden tuf-client --metadata-dir md --metadata-url http://127.0.0.1:8000/metadata/ refresh",
            "  warden tuf-client --metadata-dir md --metadata-url http://127.0.0.1:8000/metadata/ \\",
            "      --target-name a/file.txt --target-base-url http://127.0.0.1:8000/targets/ --target-dir out download"})
final class TufClientCommand extends BaseCommand {

    static final int OK = 0;
    static final int FAILED = 1;

    @Option(names = "--metadata-dir", required = true, paramLabel = "DIR", description = "Where trusted metadata is kept.")
    Path metadataDir;

    @Option(names = "--metadata-url", paramLabel = "URL", description = "The repository's metadata location.")
    String metadataUrl;

    @Option(names = "--target-name", paramLabel = "PATH", description = "A target path to download (repeatable).")
    List<String> targetNames = new ArrayList<>();

    @Option(names = "--target-base-url", paramLabel = "URL", description = "The repository's targets location.")
    String targetBaseUrl;

    @Option(names = "--target-dir", paramLabel = "DIR", description = "Where verified targets are stored.")
    Path targetDir;

    @Parameters(index = "0", paramLabel = "COMMAND", description = "init, refresh or download.")
    String command;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TRUSTED_ROOT", description = "For init: the root to trust.")
    Path trustedRoot;

    @Override
    int execute() {
        try {
            switch (command) {
                case "init":
                    return init();
                case "refresh":
                    refresh(client());
                    return OK;
                case "download":
                    return download();
                default:
                    return fail("unknown command '" + command + "'; use init, refresh or download");
            }
        } catch (TufException | FetchException | IOException | IllegalArgumentException e) {
            return fail(FailureHandler.message(e));
        }
    }

    private int init() throws TufException, IOException {
        if (trustedRoot == null) {
            return fail("init needs the trusted root file");
        }
        new MetadataDirectory(metadataDir).init(Files.readAllBytes(trustedRoot));
        return OK;
    }

    private TrustedMetadata refresh(TufClient client) throws TufException, IOException {
        return client.refresh(new MetadataDirectory(metadataDir));
    }

    private int download() throws TufException, IOException, FetchException {
        if (targetBaseUrl == null || targetDir == null || targetNames.isEmpty()) {
            return fail("download needs --target-name, --target-base-url and --target-dir");
        }
        Fetcher targets = Fetchers.open(targetBaseUrl, settings());
        TufClient client = new TufClient(metadataFetcher(), targets, context().clock(), TufLimits.defaults());
        MetadataDirectory metadata = new MetadataDirectory(metadataDir);
        TrustedMetadata trusted = refresh(client);
        TargetDirectory store = new TargetDirectory(targetDir);
        for (String name : targetNames) {
            TargetSearchResult found = client.findTarget(metadata, trusted, name);
            trusted = found.metadata();
            if (found.target().isEmpty()) {
                return fail("the repository lists no target " + name + " (in any role that may sign it)");
            }
            store.fetch(client, trusted, found.target().get(), Progress.none());
        }
        return OK;
    }

    private TufClient client() throws FetchException {
        return new TufClient(metadataFetcher(), context().clock(), TufLimits.defaults());
    }

    private Fetcher metadataFetcher() throws FetchException {
        if (metadataUrl == null) {
            throw new IllegalArgumentException(command + " needs --metadata-url");
        }
        return Fetchers.open(metadataUrl, settings());
    }

    private FetchSettings settings() {
        return FetchSettingsFromEnv.of(context().env());
    }

    private int fail(String message) {
        err().println("warden tuf-client: " + UnsafeCharacters.escapeMultiline(String.valueOf(message)));
        err().flush();
        return FAILED;
    }
}
