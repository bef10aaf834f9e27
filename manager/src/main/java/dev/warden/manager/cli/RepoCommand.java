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
        description = {"Create a static signed marketplace.", "",
            "A static signed repository is a folder of TUF-format metadata and bundles that any web server,",
            "object store or CDN serves as it is. Add bundles with 'warden publish'."},
        subcommands = {RepoCommand.Init.class})
final class RepoCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

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
}
