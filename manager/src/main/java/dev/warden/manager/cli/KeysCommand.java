package dev.warden.manager.cli;

import dev.warden.io.AtomicFiles;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.PublisherEntries;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.SigningKey;
import dev.warden.signing.TrustedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage publisher signing keys.",
        subcommands = KeysCommand.Generate.class)
final class KeysCommand extends CommandGroup {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {
                "Create an Ed25519 publisher signing key.",
                "",
                "Writes DIR/ID.key (private, owner-only) and DIR/ID.pub.json,",
                "the trusted-publisher directory entry others add with 'warden trust add'."
            },
            footer = {"", "Example:", "  warden keys generate --publisher acme --out ~/keys"})
    static final class Generate extends BaseCommand {

        @Option(names = "--publisher", required = true, paramLabel = "ID",
                description = "Publisher id, kebab-case (e.g. acme). Your plugins use it as their \"publisher\".")
        String publisher;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the two files.")
        Path out;

        @Option(names = "--name", paramLabel = "TEXT", description = "Display name in the directory entry (default: the id).")
        String name;

        @Option(names = "--valid-days", paramLabel = "N", defaultValue = "730",
                description = "How long signatures by this key count (default: ${DEFAULT-VALUE} days).")
        int validDays;

        @Override
        int execute() throws Exception {
            if (!PublisherEntry.ID.matcher(publisher).matches() || publisher.length() > 64) {
                throw new CommandException(ExitCode.USAGE, "publisher id '" + publisher
                        + "' must be kebab-case: lowercase letters, digits and single hyphens, at most 64 characters");
            }
            if (PublisherEntry.isUnverifiedNamespace(publisher)) {
                throw new CommandException(ExitCode.USAGE, "publisher id '" + publisher + "' starts with '"
                        + PublisherEntry.UNVERIFIED_PREFIX + "', which Warden keeps for the ids of unverified plugins; choose another");
            }
            if (validDays < 1 || validDays > 3650) {
                throw new CommandException(ExitCode.USAGE, "--valid-days must be between 1 and 3650");
            }
            Path keyFile = out.resolve(publisher + ".key");
            Path pubFile = out.resolve(publisher + ".pub.json");
            for (Path existing : List.of(keyFile, pubFile)) {
                if (Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw CommandException.error(existing + " already exists; Warden never overwrites a key."
                            + " Choose another --out folder or move the old files away.");
                }
            }
            SigningKey key = SigningKey.generate(publisher, new SecureRandom());
            Instant now = context().clock().instant().truncatedTo(ChronoUnit.SECONDS);
            PublisherEntry entry = new PublisherEntry(publisher, name == null ? publisher : name, List.of(publisher),
                    List.of(new TrustedKey(key.publicKey(), now, now.plus(Duration.ofDays(validDays)), Optional.empty())));
            Files.createDirectories(out);
            AtomicFiles.write(pubFile, PublisherEntries.toJson(entry));
            try {
                KeyFiles.write(key, keyFile);
            } catch (Exception e) {
                Files.deleteIfExists(pubFile);
                throw e;
            }
            out().println("Created the publisher key for '" + publisher + "'");
            out().println("  private key   " + keyFile + "  (keep it secret; never commit it)");
            out().println("  public entry  " + pubFile);
            out().println("  fingerprint   " + key.keyId().fingerprint());
            out().println("  valid until   " + entry.keys().get(0).notAfter());
            out().println();
            out().println("Next: sign a bundle with 'warden sign FILE.wpk --key " + keyFile + "'; people who trust you run");
            out().println("'warden trust add " + pubFile + "' after checking the fingerprint with you.");
            return ExitCode.OK;
        }
    }
}
