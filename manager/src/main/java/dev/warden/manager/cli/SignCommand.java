package dev.warden.manager.cli;

import dev.warden.signing.BundleIdentity;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleSigner;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {
            "Sign a bundle in place with a publisher key.",
            "",
            "Every entry is checked against files.json first, so a bundle changed after packing is never",
            "signed. Signing again with the same key replaces that key's signature."
        },
        footer = {"", "Example:", "  warden sign acme-hello-0.1.0.wpk --key ~/keys/acme.key"})
final class SignCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE.wpk", description = "The bundle to sign.")
    Path bundle;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "A key made by 'warden keys generate'.")
    Path keyFile;

    @Override
    int execute() throws Exception {
        existingBundle(bundle);
        SigningKey key = KeyFiles.read(keyFile);
        BundleIdentity identity = BundleSigner.sign(bundle, key, BundleLimits.defaults());
        out().printf("Signed %s %s as publisher '%s' with key %s%n", identity.pluginId(), identity.version(),
                key.publisher(), key.keyId().fingerprint());
        return ExitCode.OK;
    }
}
