package dev.warden.registry.tuf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's folder of trusted metadata kept the way the TUF specification's client does: one file
 * per role under its non-versioned name ({@code root.json}, {@code timestamp.json}, ...; delegated roles
 * as {@code <quoted name>.json}), each written as soon as it is accepted. Unlike a marketplace cache,
 * which is swapped in whole, the files may come from different refreshes, so each is checked again
 * against the root when read, and one that no longer verifies is ignored.
 */
public final class MetadataDirectory {

    private final Path dir;

    /** Nothing is read or created yet. */
    public MetadataDirectory(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * Starts trust from {@code rootJson}: stores it as {@code root.json} once it parses as a root signed by a
     * threshold of its own keys. Fetches nothing.
     *
     * @throws TufException for a malformed or insufficiently signed root; nothing is stored then
     */
    public void init(byte[] rootJson) throws TufException, IOException {
        TrustedMetadata.bootstrap(rootJson);
        Files.createDirectories(dir);
        RepositoryFiles.write(dir.resolve(TrustedMetadata.ROOT_FILE), rootJson);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /**
     * The root, which must verify, and whichever of timestamp, snapshot and targets are stored and signed
     * by its keys; their versions, hashes and expiry are checked by the refresh that starts from them.
     */
    TrustedMetadata load() throws TufException, IOException {
        Path rootFile = dir.resolve(TrustedMetadata.ROOT_FILE);
        if (!Files.isRegularFile(rootFile)) {
            throw new NoSuchFileException(rootFile.toString(), null, "no trusted root in " + dir
                    + "; initialise the folder with a root first");
        }
        RootMetadata root = TrustedMetadata.selfSignedRoot(Files.readAllBytes(rootFile), rootFile.toString());
        TimestampMetadata timestamp = read(TrustedMetadata.TIMESTAMP_FILE, root, Role.TIMESTAMP,
                b -> TimestampMetadata.parse(Envelope.parse(b, label(TrustedMetadata.TIMESTAMP_FILE))))
                .orElse(null);
        SnapshotMetadata snapshot = read(TrustedMetadata.SNAPSHOT_FILE, root, Role.SNAPSHOT,
                b -> SnapshotMetadata.parse(Envelope.parse(b, label(TrustedMetadata.SNAPSHOT_FILE)))).orElse(null);
        TargetsMetadata targets = read(TrustedMetadata.TARGETS_FILE, root, Role.TARGETS,
                b -> TargetsMetadata.parse(b, label(TrustedMetadata.TARGETS_FILE))).orElse(null);
        return new TrustedMetadata(root, timestamp, snapshot, targets);
    }

    private interface Parser<T> {
        T parse(byte[] bytes) throws TufException;
    }

    private <T> Optional<T> read(String file, RootMetadata root, String role, Parser<T> parser) throws IOException {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            T parsed = parser.parse(Files.readAllBytes(path));
            Envelope envelope = parsed instanceof TimestampMetadata t ? t.envelope()
                    : parsed instanceof SnapshotMetadata s ? s.envelope() : ((TargetsMetadata) parsed).envelope();
            return root.verifies(envelope, role) ? Optional.of(parsed) : Optional.empty();
        } catch (TufException e) {
            return Optional.empty(); // a stored file the root no longer vouches for is fetched again
        }
    }

    private String label(String file) {
        return dir.resolve(file).toString();
    }

    /** Stores each accepted file under its role's name, replacing the one before. */
    AcceptedFiles store() {
        return (roleName, bytes) -> {
            Files.createDirectories(dir);
            RepositoryFiles.write(dir.resolve(MetadataNames.file(roleName)), bytes);
        };
    }

    /** Delegated roles as loaded before, else as stored here (checked again by the loader before use). */
    DelegatedRoleLoader.Cached cached(Map<String, TargetsMetadata> loaded) {
        return name -> {
            TargetsMetadata known = loaded.get(name);
            if (known != null) {
                return Optional.of(known);
            }
            Path path = dir.resolve(MetadataNames.file(name));
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            try {
                return Optional.of(TargetsMetadata.parse(Files.readAllBytes(path), path.toString()));
            } catch (TufException e) {
                return Optional.empty();
            }
        };
    }
}
