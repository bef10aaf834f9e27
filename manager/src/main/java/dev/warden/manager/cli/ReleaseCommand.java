package dev.warden.manager.cli;

import dev.warden.manager.devtools.PluginProject;
import dev.warden.manager.devtools.Release;
import dev.warden.manager.devtools.StaticRepositoryTarget;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "release", mixinStandardHelpOptions = true,
        description = {
            "Build the plugin in DIR and publish it, signed with your real publisher key, to a signed repository.",
            "",
            "The same build and lint as 'warden dev call' (findings name your source files), then the plugin is",
            "packed at the version it declares, signed with --key, and published into the static signed",
            "repository SITE (made by 'warden repo init') as 'warden publish' does: --key also signs the",
            "repository's targets (it is the repository's key, or holds the role the repository delegated to",
            "you), and --repo-key, the repository's key, signs the snapshot and timestamp. A development key is",
            "refused, and so is a key of another publisher than the plugin's."
        },
        footer = {"", "Examples:",
            "  warden release --key ~/keys/acme.key --repo ./site",
            "  warden release ./hello --key ~/keys/acme.key --repo ./site --repo-key ~/keys/acme-market.key",
            "",
            "Exit codes: 0 published, 1 the build, the lint or publishing failed, 2 bad arguments, 3 a development",
            "key or another publisher's key."})
final class ReleaseCommand extends BaseCommand {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The project folder (default: the current one).")
    Path dir = Path.of(".");

    @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "Your publisher key, from 'warden keys generate'.")
    Path keyFile;

    @Option(names = "--repo", required = true, paramLabel = "SITE", description = "The signed repository folder (from 'warden repo init').")
    Path site;

    @Option(names = "--repo-key", paramLabel = "KEYFILE",
            description = "The repository's key, to sign the snapshot and timestamp when --key holds a delegated role.")
    Path repoKeyFile;

    @Option(names = "--offline", description = "Run Maven offline (-o).")
    boolean offline;

    @Override
    int execute() throws Exception {
        PluginProject project = PluginProject.at(dir);
        SigningKey key = KeyFiles.read(keyFile);
        Optional<SigningKey> repoKey = repoKeyFile == null ? Optional.empty() : Optional.of(KeyFiles.read(repoKeyFile));
        if (!Files.isDirectory(site)) {
            throw CommandException.error(site + " is not a folder; make a signed repository with 'warden repo init " + site
                    + " --key KEYFILE'");
        }
        Release release = new Release(project, new StaticRepositoryTarget(site, repoKey, context().clock()), home(),
                context().env(), context().clock(), line -> {
                    err().println(line);
                    err().flush();
                });
        out().println(release.run(key, offline) + ".");
        return ExitCode.OK;
    }
}
