package dev.warden.manager.devtools;

import dev.warden.io.AtomicFiles;
import dev.warden.manager.home.WardenHome;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.KeyId;
import dev.warden.signing.PublisherEntries;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.SigningKey;
import dev.warden.signing.TrustException;
import dev.warden.signing.TrustedKey;
import dev.warden.io.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The development keys of a person's home ({@code $WARDEN_HOME/dev/keys}): one per publisher, made the first time
 * that publisher's plugin goes through {@code warden dev}, marked {@code "use":"development"} in its key file, with its
 * directory entry beside it. Only a development home trusts them; {@code warden release} refuses them.
 */
public final class DevelopmentKeys {

    /** How long a development key's signatures count: long enough never to get in the author's way. */
    static final Duration VALIDITY = Duration.ofDays(3650);

    private final Path folder;
    private final Clock clock;

    /** @param folder where the keys are ({@code $WARDEN_HOME/dev/keys}); made on first use */
    public DevelopmentKeys(Path folder, Clock clock) {
        this.folder = folder.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** @return the development keys of {@code person}'s home */
    public static DevelopmentKeys of(WardenHome person, Clock clock) {
        return new DevelopmentKeys(DevelopmentHome.folder(person).resolve("keys"), clock);
    }

    /**
     * @return {@code publisher}'s development key, made with its directory entry if there is none yet
     * @throws WardenException if a key file exists but cannot be read, or the files cannot be written
     */
    public SigningKey keyFor(String publisher) throws WardenException, IOException {
        if (!PublisherEntry.ID.matcher(publisher).matches() || publisher.length() > 64) {
            throw new DevelopmentException(WardenException.Category.USAGE, "publisher '" + publisher
                    + "' must be kebab-case: lowercase letters, digits and single hyphens, at most 64 characters");
        }
        Path keyFile = keyFile(publisher);
        if (Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
            SigningKey key = KeyFiles.read(keyFile);
            if (!key.development()) {
                throw new DevelopmentException(WardenException.Category.ERROR, keyFile + " is not marked as a development key;"
                        + " move it away and 'warden dev' makes a new one");
            }
            return key;
        }
        SigningKey key = SigningKey.generate(publisher, new SecureRandom()).asDevelopmentKey();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        PublisherEntry entry = new PublisherEntry(publisher, publisher + ", development key", List.of(publisher),
                List.of(new TrustedKey(key.publicKey(), now, now.plus(VALIDITY), Optional.empty())));
        Files.createDirectories(folder);
        AtomicFiles.write(entryFile(publisher), PublisherEntries.toJson(entry));
        KeyFiles.write(key, keyFile);
        return key;
    }

    /** @return {@code publisher}'s directory entry, as {@link #keyFor} wrote it */
    public PublisherEntry entry(String publisher) throws TrustException {
        return PublisherEntries.read(entryFile(publisher));
    }

    /** @return the publishers that have a development key, sorted; empty if none */
    public List<String> publishers() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".key"))
                    .map(n -> n.substring(0, n.length() - ".key".length())).sorted().forEach(found::add);
        }
        return found;
    }

    /** @return whether {@code key} is the public key of one of these development keys */
    public boolean isDevelopmentKey(KeyId key) throws IOException {
        for (String publisher : publishers()) {
            Path entry = entryFile(publisher);
            if (Files.isRegularFile(entry)) {
                try {
                    if (PublisherEntries.read(entry).keys().stream().anyMatch(k -> k.keyId().equals(key))) {
                        return true;
                    }
                } catch (TrustException e) {
                    // a damaged entry names no key; the key file beside it is what signs
                }
            }
        }
        return false;
    }

    /**
     * @param entryFile a publisher's directory entry file
     * @param entry     what it holds
     * @return whether it is the entry of a development key: one of {@code person}'s, or one whose key file beside it is
     *         marked as a development key (made under another home)
     */
    public static boolean isDevelopmentEntry(WardenHome person, Path entryFile, PublisherEntry entry, Clock clock)
            throws IOException {
        DevelopmentKeys own = of(person, clock);
        for (TrustedKey key : entry.keys()) {
            if (own.isDevelopmentKey(key.keyId())) {
                return true;
            }
        }
        Path beside = entryFile.toAbsolutePath().resolveSibling(entry.id() + ".key");
        if (Files.isRegularFile(beside)) {
            try {
                return KeyFiles.read(beside).development();
            } catch (WardenException e) {
                return false; // not a key file Warden can read: it says nothing about this entry
            }
        }
        return false;
    }

    Path keyFile(String publisher) {
        return folder.resolve(publisher + ".key");
    }

    Path entryFile(String publisher) {
        return folder.resolve(publisher + ".pub.json");
    }
}
