package dev.warden.manager.cli;

import dev.warden.manager.devtools.GitMarketplaceTarget;
import dev.warden.manager.devtools.PluginProject;
import dev.warden.manager.devtools.Release;
import dev.warden.manager.devtools.ReleaseTarget;
import dev.warden.manager.devtools.StaticRepositoryTarget;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "release", mixinStandardHelpOptions = true,
        description = {
            "Build the plugin in DIR and publish it, signed with your real publisher key, to a signed repository",
            "or, for a Claude plugin folder, to a git marketplace.",
            "",
            "The same build and lint as 'warden dev call' (findings name your source files), then the plugin is",
            "packed at the version it declares, signed with --key, and published into the static signed",
            "repository SITE (made by 'warden repo init') as 'warden publish' does: --key also signs the",
            "repository's targets (it is the repository's key, or holds the role the repository delegated to",
            "you), and --repo-key, the repository's key, signs the snapshot and timestamp. A development key is",
            "refused, and so is a key of another publisher than the plugin's.",
            "",
            "With --git-marketplace DIR, a Claude plugin folder is signed in place (.claude-plugin/warden-signature.json",
            "covers every other file, so Claude Code installs the folder unchanged and Warden as verified), copied to",
            "DIR/plugins/NAME, listed in DIR/.claude-plugin/marketplace.json and committed."
        },
        footer = {"", "Examples:",
            "  warden release --key ~/keys/acme.key --repo ./site",
            "  warden release ./hello --key ~/keys/acme.key --repo ./site --repo-key ~/keys/acme-market.key",
            "  warden release ./hello --key ~/keys/acme.key --git-marketplace ~/src/acme-plugins",
            "",
            "Exit codes: 0 published, 1 the build, the lint or publishing failed, 2 bad arguments, 3 a development",
            "key or another publisher's key."})
final class ReleaseCommand extends BaseCommand {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The project folder (default: the current one).")
    Path dir = Path.of(".");

    @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "Your publisher key, from 'warden keys generate'.")
    Path keyFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    /** Where the release goes: one of the two. */
    static final class Destination {
        @Option(names = "--repo", required = true, paramLabel = "SITE", description = "The signed repository folder (from 'warden repo init').")
        Path site;

        @Option(names = "--git-marketplace", required = true, paramLabel = "DIR",
                description = {"A local git repository holding a Claude Code marketplace (made when DIR is missing or empty):",
                    "a Claude plugin folder is signed in place and committed to DIR/plugins/NAME."})
        Path gitMarketplace;
    }

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
        ReleaseTarget target;
        if (destination.gitMarketplace != null) {
            if (repoKey.isPresent()) {
                throw new CommandException(ExitCode.USAGE, "--repo-key is for a signed repository (--repo); a git marketplace"
                        + " is signed by nobody but the plugin's publisher");
            }
            target = GitMarketplaceTarget.of(destination.gitMarketplace, project);
        } else {
            Path site = destination.site;
            if (!Files.isDirectory(site)) {
                throw CommandException.error(site + " is not a folder; make a signed repository with 'warden repo init " + site
                        + " --key KEYFILE'");
            }
            target = new StaticRepositoryTarget(site, repoKey, context().clock());
        }
        Release release = new Release(project, target, home(),
                context().env(), context().clock(), line -> {
                    err().println(line);
                    err().flush();
                });
        out().println(release.run(key, offline) + ".");
        return ExitCode.OK;
    }
}
