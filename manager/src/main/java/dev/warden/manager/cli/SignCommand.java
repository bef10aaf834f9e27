package dev.warden.manager.cli;

import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.imports.ClaudeFolderSigning;
import dev.warden.signing.BundleIdentity;
import dev.warden.signing.FolderSignature;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleSigner;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {
            "Sign a bundle, or a Claude Code plugin folder, in place with a publisher key.",
            "",
            "Every entry of a bundle is checked against files.json first, so a bundle changed after packing",
            "is never signed. A Claude plugin folder gets .claude-plugin/warden-signature.json, which covers",
            "every other file (a top-level .git aside) and names the plugin as the key's publisher with the",
            "name and version of .claude-plugin/plugin.json; the folder still installs in Claude Code",
            "unchanged, and Warden installs it from a git marketplace as verified. Signing again with the",
            "same key replaces that key's signature."
        },
        footer = {"", "Examples:", "  warden sign acme-hello-0.1.0.wpk --key ~/keys/acme.key",
            "  warden sign plugins/hello --key ~/keys/acme.key"})
final class SignCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE.wpk|FOLDER", description = "The bundle, or the Claude plugin folder, to sign.")
    Path bundle;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "A key made by 'warden keys generate'.")
    Path keyFile;

    @Override
    int execute() throws Exception {
        if (Files.isDirectory(bundle, LinkOption.NOFOLLOW_LINKS)) {
            return signFolder(KeyFiles.read(keyFile));
        }
        existingBundle(bundle);
        SigningKey key = KeyFiles.read(keyFile);
        BundleIdentity identity = BundleSigner.sign(bundle, key, BundleLimits.defaults());
        out().printf("Signed %s %s as publisher '%s' with key %s%n", identity.pluginId(), identity.version(),
                key.publisher(), key.keyId().fingerprint());
        return ExitCode.OK;
    }

    private int signFolder(SigningKey key) throws Exception {
        BundleIdentity identity = ClaudeFolderSigning.sign(bundle, key);
        int files = FolderSignature.claim(bundle, BundleLimits.defaults()).map(c -> c.files().size()).orElse(0);
        out().printf("Signed %s %s as publisher '%s' with key %s%n", identity.pluginId(), identity.version(),
                key.publisher(), key.keyId().fingerprint());
        out().printf("  %s covers %d file%s of %s%n", FolderSignature.FILE, files, files == 1 ? "" : "s",
                UnsafeCharacters.escape(bundle.toString()));
        return ExitCode.OK;
    }
}
