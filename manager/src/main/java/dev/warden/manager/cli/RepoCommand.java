package dev.warden.manager.cli;

import dev.warden.registry.tuf.RepositoryInfo;
import dev.warden.registry.tuf.TufRepository;
import dev.warden.signing.Ed25519PublicKey;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "repo", mixinStandardHelpOptions = true,
        description = {"Create a static signed marketplace, and keep its metadata fresh.", "",
            "A static signed repository is a folder of TUF-format metadata and bundles that any web server,",
            "object store or CDN serves as it is. Add bundles with 'warden publish'."},
        subcommands = {RepoCommand.Init.class, RepoCommand.Refresh.class})
final class RepoCommand extends CommandGroup {

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create an empty signed repository in DIR.", "",
                "The key signs every metadata role (root, targets, snapshot, timestamp). Give its fingerprint",
                "to the people who add the marketplace, so they can check what 'marketplace add' shows them."},
            footer = {"", "Example:", "  warden repo init ./site --key keys/acme.key",
                "  python3 -m http.server --bind 127.0.0.1 8000 --directory ./site"})
    static final class Init extends BaseCommand {

        @Parameters(paramLabel = "DIR", description = "The folder to create the repository in (new or empty).")
        Path dir;

        @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "The private key that signs the metadata.")
        Path keyFile;

        @Override
        int execute() throws Exception {
            SigningKey key = KeyFiles.read(keyFile);
            RepositoryInfo info = TufRepository.init(dir, key, context().clock());
            out().printf("Created a signed repository in %s (root version %d).%n", info.dir(), info.rootVersion());
            out().println("Root key fingerprint(s), for the people who add it:");
            for (Ed25519PublicKey rootKey : info.rootKeys()) {
                out().println("  " + rootKey.keyId().fingerprint());
            }
            out().println("Next: warden publish FILE.wpk --repo " + dir + " --key " + keyFile);
            return ExitCode.OK;
        }
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = {"Sign the repository's metadata again with fresh expiry dates.", "",
                "Clients refuse metadata past its expiry (a frozen repository looks exactly like one an attacker",
                "stopped updating). Publishing renews it; a repository nobody publishes to needs this more often",
                "than the timestamp expires (14 days): run it daily from cron."},
            footer = {"", "Example:", "  warden repo refresh ./site --key keys/acme-market.key"})
    static final class Refresh extends BaseCommand {

        @Parameters(paramLabel = "DIR", description = "The repository folder.")
        Path dir;

        @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "The repository's metadata key.")
        Path keyFile;

        @Override
        int execute() throws Exception {
            long version = TufRepository.resign(dir, KeyFiles.read(keyFile), context().clock());
            out().printf("Signed the metadata of %s again (targets version %d); the timestamp is valid for %d days.%n", dir, version,
                    dev.warden.registry.tuf.Expiries.defaults().timestamp().toDays());
            return ExitCode.OK;
        }
    }
}
