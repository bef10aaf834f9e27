package dev.warden.registry.tuf;

import dev.warden.io.Digests;
import dev.warden.signing.CanonicalJson;
import dev.warden.signing.Ed25519PublicKey;
import dev.warden.signing.SigningKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Writes a static signed repository into a folder that any web server can serve as it is: metadata
 * at the top ({@code root.json}, {@code N.root.json}, {@code N.targets.json}, {@code N.snapshot.json},
 * {@code timestamp.json}) and bundles under {@code targets/}. The writer behind {@code warden repo init}
 * and {@code warden publish}; one key signs all four roles.
 */
public final class TufRepository {

    static final String SPEC_VERSION = "1.0.31";
    private static final Pattern PATH_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private TufRepository() {
    }

    /** {@link #init(Path, SigningKey, Clock, Expiries)} with {@link Expiries#defaults()}. */
    public static RepositoryInfo init(Path dir, SigningKey key, Clock clock) throws TufException, IOException {
        return init(dir, key, clock, Expiries.defaults());
    }

    /**
     * Creates a repository with no targets: {@code key} holds the root, targets, snapshot and timestamp
     * roles with threshold 1, and consistent snapshots are on. Writes {@code 1.targets.json},
     * {@code 1.snapshot.json}, {@code timestamp.json}, then {@code 1.root.json} and {@code root.json}.
     *
     * @param dir created if missing
     * @throws FileAlreadyExistsException when {@code dir} already holds a {@code root.json}
     * @throws TufException               never in practice; declared for symmetry with {@link #publish}
     */
    public static RepositoryInfo init(Path dir, SigningKey key, Clock clock, Expiries expiries)
            throws TufException, IOException {
        Path rootFile = dir.resolve(TrustedMetadata.ROOT_FILE);
        if (Files.exists(rootFile)) {
            throw new FileAlreadyExistsException(rootFile.toString(), null, dir + " already holds a repository ("
                    + rootFile + " exists); publish into it with `warden publish`, or choose an empty folder");
        }
        Files.createDirectories(dir);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Ed25519PublicKey publicKey = key.publicKey();
        String keyId = TufKeys.keyId(publicKey);

        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put(keyId, TufKeys.keyObject(publicKey));
        Map<String, Object> roles = new LinkedHashMap<>();
        for (String role : RootMetadata.TOP_LEVEL) {
            Map<String, Object> roleTree = new LinkedHashMap<>();
            roleTree.put("keyids", new ArrayList<Object>(List.of(keyId)));
            roleTree.put("threshold", 1L);
            roles.put(role, roleTree);
        }
        Map<String, Object> root = header(Role.ROOT, 1, now, expiries.root());
        root.put("consistent_snapshot", Boolean.TRUE);
        root.put("keys", keys);
        root.put("roles", roles);

        Map<String, Object> targets = header(Role.TARGETS, 1, now, expiries.targets());
        targets.put("targets", new LinkedHashMap<String, Object>());
        byte[] targetsBytes = sign(targets, keyId, key);
        RepositoryFiles.write(dir.resolve("1.targets.json"), targetsBytes);

        Map<String, Object> snapshot = header(Role.SNAPSHOT, 1, now, expiries.snapshot());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(TrustedMetadata.TARGETS_FILE, listing(1, targetsBytes));
        snapshot.put("meta", meta);
        byte[] snapshotBytes = sign(snapshot, keyId, key);
        RepositoryFiles.write(dir.resolve("1.snapshot.json"), snapshotBytes);

        RepositoryFiles.write(dir.resolve(TrustedMetadata.TIMESTAMP_FILE),
                sign(timestamp(1, now, expiries.timestamp(), 1, snapshotBytes), keyId, key));

        byte[] rootBytes = sign(root, keyId, key);
        RepositoryFiles.write(dir.resolve("1.root.json"), rootBytes);
        RepositoryFiles.write(rootFile, rootBytes);
        return new RepositoryInfo(dir, List.of(publicKey), 1);
    }

    /** {@link #publish(Path, SigningKey, Path, TargetListing, Clock, Expiries)} with {@link Expiries#defaults()}. */
    public static PublishResult publish(Path dir, SigningKey key, Path bundle, TargetListing listing, Clock clock)
            throws TufException, IOException {
        return publish(dir, key, bundle, listing, clock, Expiries.defaults());
    }

    /**
     * Adds {@code bundle} as the target {@code <publisher>/<name>/<publisher>-<name>-<version>.wpk} with
     * its listing, then signs a new targets version, a new snapshot and last a new timestamp, each
     * written whole before the next. Publishing the same bytes again changes nothing.
     *
     * @throws TufException {@link TufException.Kind#MISMATCH} when that version is already published with
     *                      other content; {@link TufException.Kind#KEY_REFUSED} when {@code key} is not the
     *                      repository's targets, snapshot and timestamp key; any other kind when the
     *                      repository's own metadata does not verify
     * @throws IllegalArgumentException when the listing's publisher, name or version cannot form a target path
     */
    public static PublishResult publish(Path dir, SigningKey key, Path bundle, TargetListing listing, Clock clock,
                                        Expiries expiries) throws TufException, IOException {
        return publish(dir, key, Optional.empty(), bundle, listing, clock, expiries);
    }

    /**
     * Like {@link #publish(Path, SigningKey, Path, TargetListing, Clock, Expiries)}, where {@code key} may also be
     * a publisher's key that {@link #delegate} gave a role: the target then goes into that publisher's role
     * ({@code N.<publisher>.json}), which may list only {@code <publisher>/*}{@code /*} paths. The snapshot
     * and timestamp are signed with {@code repositoryKey} when given; otherwise the operator's next
     * {@link #resign} lists the new role version.
     *
     * @throws TufException {@link TufException.Kind#KEY_REFUSED} when {@code key} is neither the repository's key
     *                      nor the key of the role delegated to the bundle's publisher
     */
    public static PublishResult publish(Path dir, SigningKey key, Optional<SigningKey> repositoryKey, Path bundle,
                                        TargetListing listing, Clock clock, Expiries expiries)
            throws TufException, IOException {
        String path = targetPath(listing);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Current current = Current.read(dir);
        RootMetadata root = current.root;
        if (!isKeyOf(root, Role.TARGETS, key)) {
            return publishDelegated(dir, key, repositoryKey, bundle, listing, path, current, now, expiries);
        }
        // a wrong key is refused before anything is copied
        keyIdFor(root, Role.TARGETS, key);
        keyIdFor(root, Role.SNAPSHOT, key);
        keyIdFor(root, Role.TIMESTAMP, key);

        RepositoryFiles.Content content = RepositoryFiles.content(bundle);
        Path stored = dir.resolve(TufClient.TARGETS_DIR).resolve(storedName(root.consistentSnapshot(), path,
                content.sha256()));
        TargetEntry existing = current.targets.targets().get(path);
        if (existing != null) {
            String sha256 = existing.hashes().get("sha256");
            if (existing.length() == content.length() && sha256 != null && Digests.sameHex(sha256, content.sha256())) {
                if (!Files.exists(stored)) {
                    RepositoryFiles.copy(bundle, stored);
                }
                return new PublishResult(path, current.targets.version(), true);
            }
            throw new TufException(TufException.Kind.MISMATCH, listing.id() + " version " + listing.version()
                    + " is already published with different content (" + path + "); publish a new version");
        }
        RepositoryFiles.copy(bundle, stored);
        long targetsVersion = signNewVersions(dir, key, repositoryKey.orElse(key), current, now, expiries,
                targets -> JsonObject.of(targets.get("targets"), "targets", "signed.targets").map().put(path, target(content, listing)));
        return new PublishResult(path, targetsVersion, false);
    }

    private static boolean isKeyOf(RootMetadata root, String roleName, SigningKey key) {
        VerificationKey wanted = new VerificationKey.Ed25519(key.publicKey());
        return root.role(roleName).keyids().stream().anyMatch(id -> wanted.equals(root.keys().get(id)));
    }

    /**
     * Gives {@code publisher} a delegated role for the target paths {@code <publisher>/*}{@code /*} (a bundle's
     * path is {@code <publisher>/<name>/<file>}), signed by {@code publisherKeys} with threshold 1 and
     * terminating, so that no other role is searched for those paths. Replaces an earlier delegation to
     * the same publisher (a key rotation). Signs new targets, snapshot and timestamp versions with {@code key}.
     *
     * @return the new targets version
     * @throws TufException as {@link #publish}
     * @throws IllegalArgumentException for a publisher id that cannot be a path segment, or no keys
     */
    public static long delegate(Path dir, SigningKey key, String publisher, List<Ed25519PublicKey> publisherKeys,
                                Clock clock, Expiries expiries) throws TufException, IOException {
        if (!PATH_PART.matcher(publisher).matches() || publisher.contains("..")
                || RootMetadata.TOP_LEVEL.contains(publisher)) {
            throw new IllegalArgumentException("'" + publisher + "' cannot name a publisher's role (letters, digits,"
                    + " '.', '_', '+' and '-' only, and not a top-level role's name)");
        }
        if (publisherKeys.isEmpty()) {
            throw new IllegalArgumentException("a delegation to " + publisher + " needs at least one key");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Current current = Current.read(dir);
        return signNewVersions(dir, key, key, current, now, expiries, targets -> {
            Map<String, Object> delegations = targets.get("delegations") instanceof Map<?, ?>
                    ? JsonObject.of(targets.get("delegations"), "targets", "signed.delegations").map() : null;
            if (delegations == null) {
                delegations = new LinkedHashMap<>();
                delegations.put("keys", new LinkedHashMap<String, Object>());
                delegations.put("roles", new ArrayList<Object>());
                targets.put("delegations", delegations);
            }
            Map<String, Object> keys = JsonObject.of(delegations.get("keys"), "targets", "signed.delegations.keys").map();
            @SuppressWarnings("unchecked")
            List<Object> roles = (List<Object>) delegations.get("roles");
            roles.removeIf(r -> r instanceof Map<?, ?> m && publisher.equals(m.get("name")));
            List<Object> ids = new ArrayList<>();
            for (Ed25519PublicKey publisherKey : publisherKeys) {
                keys.put(TufKeys.keyId(publisherKey), TufKeys.keyObject(publisherKey));
                ids.add(TufKeys.keyId(publisherKey));
            }
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("name", publisher);
            role.put("keyids", ids);
            role.put("threshold", 1L);
            role.put("terminating", Boolean.TRUE);
            role.put("paths", new ArrayList<Object>(List.of(publisher + "/*/*")));
            roles.add(role);
        });
    }

    private static PublishResult publishDelegated(Path dir, SigningKey key, Optional<SigningKey> repositoryKey,
                                                  Path bundle, TargetListing listing, String path, Current current,
                                                  Instant now, Expiries expiries) throws TufException, IOException {
        String keyId = TufKeys.keyId(key.publicKey());
        VerificationKey wanted = new VerificationKey.Ed25519(key.publicKey());
        Delegations delegations = current.targets.delegations().orElse(null);
        DelegatedRole role = null;
        List<String> signable = new ArrayList<>();
        if (delegations != null) {
            for (DelegatedRole candidate : delegations.roles()) {
                boolean holds = candidate.keys().keyids().stream().anyMatch(id -> wanted.equals(delegations.keys().get(id)));
                if (holds) {
                    signable.add(candidate.name());
                    if (candidate.name().equals(listing.publisher())) {
                        role = candidate;
                    }
                }
            }
        }
        if (role == null) {
            List<String> expected = new ArrayList<>();
            for (VerificationKey k : current.root.keysOf(Role.TARGETS)) {
                k.ed25519().ifPresent(e -> expected.add(e.keyId().fingerprint()));
            }
            throw new TufException(TufException.Kind.KEY_REFUSED, signable.isEmpty()
                    ? "the key " + key.keyId().fingerprint() + " is neither this repository's targets key (root.json"
                    + " expects " + String.join(" or ", expected) + ") nor the key of a publisher it delegates to —"
                    + " publish with the key the repository was created with, or have the operator give the publisher"
                    + " a role with `warden publish --delegate`"
                    : "the key " + key.keyId().fingerprint() + " signs for the publisher role(s) " + signable + ", which may"
                    + " not sign " + path + " (a publisher role signs only its own <publisher>/... paths)");
        }
        if (!role.covers(path)) {
            throw new TufException(TufException.Kind.KEY_REFUSED, "the role " + role.name() + " is delegated " + role.paths()
                    + ", which does not cover " + path);
        }
        if (role.keys().threshold() > 1) {
            throw new TufException(TufException.Kind.KEY_REFUSED, "the role " + role.name() + " needs "
                    + role.keys().threshold() + " signatures, but publishing signs with one key");
        }
        long version = latestRoleVersion(dir, current.root, role.name(), current.snapshot);
        Map<String, Object> tree;
        if (version == 0) {
            tree = header(Role.TARGETS, 0, now, expiries.targets());
            tree.put("targets", new LinkedHashMap<String, Object>());
        } else {
            Path file = dir.resolve(MetadataNames.remote(current.root, role.name(), version));
            tree = TargetsMetadata.parse(Files.readAllBytes(file), file.toString()).envelope().signedTree();
        }
        Map<String, Object> targets = JsonObject.of(tree.get("targets"), role.name(), "signed.targets").map();
        RepositoryFiles.Content content = RepositoryFiles.content(bundle);
        Path stored = dir.resolve(TufClient.TARGETS_DIR).resolve(storedName(current.root.consistentSnapshot(), path,
                content.sha256()));
        if (targets.get(path) instanceof Map<?, ?> existing && existing.get("hashes") instanceof Map<?, ?> hashes) {
            if (Long.valueOf(content.length()).equals(existing.get("length")) && hashes.get("sha256") instanceof String sha
                    && Digests.sameHex(sha, content.sha256())) {
                if (!Files.exists(stored)) {
                    RepositoryFiles.copy(bundle, stored);
                }
                return new PublishResult(path, version, true);
            }
            throw new TufException(TufException.Kind.MISMATCH, listing.id() + " version " + listing.version()
                    + " is already published with different content (" + path + "); publish a new version");
        }
        RepositoryFiles.copy(bundle, stored);
        targets.put(path, target(content, listing));
        renew(tree, version + 1, now, expiries.targets());
        RepositoryFiles.write(dir.resolve(MetadataNames.remote(current.root, role.name(), version + 1)),
                sign(tree, keyId, key));
        if (repositoryKey.isPresent()) {
            signNewVersions(dir, null, repositoryKey.get(), Current.read(dir), now, expiries, t -> { });
        }
        return new PublishResult(path, version + 1, false);
    }

    /** The newest version of a delegated role written in {@code dir}: at least the one the snapshot lists, 0 for none. */
    private static long latestRoleVersion(Path dir, RootMetadata root, String role, SnapshotMetadata snapshot) {
        long version = snapshot.metaFor(role).map(MetaFile::version).orElse(0L);
        while (Files.exists(dir.resolve(MetadataNames.remote(root, role, version + 1)))) {
            version++;
        }
        return version;
    }

    /** {@link #resign(Path, SigningKey, Clock, Expiries)} with {@link Expiries#defaults()}. */
    public static long resign(Path dir, SigningKey key, Clock clock) throws TufException, IOException {
        return resign(dir, key, clock, Expiries.defaults());
    }

    /**
     * Signs new versions of targets, snapshot and timestamp with fresh expiry dates and nothing else
     * changed, so that clients do not take a repository nobody published to lately for a frozen one.
     * Run it more often than the timestamp expires (e.g. daily from cron).
     *
     * @return the new targets version
     * @throws TufException as {@link #publish}
     */
    public static long resign(Path dir, SigningKey key, Clock clock, Expiries expiries) throws TufException, IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return signNewVersions(dir, key, key, Current.read(dir), now, expiries, targets -> { });
    }

    /** An edit of the targets tree before it is signed. */
    private interface TargetsChange {
        void accept(Map<String, Object> targets) throws TufException;
    }

    /**
     * Signs targets (after {@code change}; kept as it is when {@code targetsKey} is null), then snapshot, then
     * timestamp, each written whole before the next. The snapshot lists the newest version written of
     * each delegated role, so that a publisher's new role version is picked up.
     */
    private static long signNewVersions(Path dir, SigningKey targetsKey, SigningKey key, Current current, Instant now,
                                        Expiries expiries, TargetsChange change) throws TufException, IOException {
        RootMetadata root = current.root;
        String snapshotKeyId = keyIdFor(root, Role.SNAPSHOT, key);
        String timestampKeyId = keyIdFor(root, Role.TIMESTAMP, key);
        long snapshotVersion = current.snapshot.version() + 1;
        Map<String, Object> snapshot = current.snapshot.envelope().signed().map();
        Map<String, Object> meta = JsonObject.of(snapshot.get("meta"), "snapshot", "signed.meta").map();
        long targetsVersion = current.targets.version();
        TargetsMetadata targetsMetadata = current.targets;
        if (targetsKey != null) {
            String targetsKeyId = keyIdFor(root, Role.TARGETS, targetsKey);
            // The trees were parsed from this repository's own files for this call only, so they are edited in place;
            // the targets were streamed into entries when read, so their whole tree is parsed again here.
            targetsVersion++;
            Map<String, Object> targets = current.targets.envelope().signedTree();
            renew(targets, targetsVersion, now, expiries.targets());
            change.accept(targets);
            byte[] targetsBytes = sign(targets, targetsKeyId, targetsKey);
            Path targetsFile = dir.resolve(metadataName(root, targetsVersion, TrustedMetadata.TARGETS_FILE));
            RepositoryFiles.write(targetsFile, targetsBytes);
            meta.put(TrustedMetadata.TARGETS_FILE, listing(targetsVersion, targetsBytes));
            targetsMetadata = TargetsMetadata.parse(targetsBytes, targetsFile.toString());
        }
        if (targetsMetadata.delegations().isPresent()) {
            for (DelegatedRole role : targetsMetadata.delegations().get().roles()) {
                long latest = latestRoleVersion(dir, root, role.name(), current.snapshot);
                if (latest > 0) {
                    meta.put(role.name() + ".json", listing(latest,
                            Files.readAllBytes(dir.resolve(MetadataNames.remote(root, role.name(), latest)))));
                }
            }
        }
        renew(snapshot, snapshotVersion, now, expiries.snapshot());
        byte[] snapshotBytes = sign(snapshot, snapshotKeyId, key);
        RepositoryFiles.write(dir.resolve(metadataName(root, snapshotVersion, TrustedMetadata.SNAPSHOT_FILE)),
                snapshotBytes);

        RepositoryFiles.write(dir.resolve(TrustedMetadata.TIMESTAMP_FILE), sign(timestamp(current.timestamp.version() + 1,
                now, expiries.timestamp(), snapshotVersion, snapshotBytes), timestampKeyId, key));
        return targetsVersion;
    }

    /** The repository's current metadata, verified against its own root (expiry aside: publishing renews it). */
    private static final class Current {
        final RootMetadata root;
        final TimestampMetadata timestamp;
        final SnapshotMetadata snapshot;
        final TargetsMetadata targets;

        private Current(RootMetadata root, TimestampMetadata timestamp, SnapshotMetadata snapshot,
                        TargetsMetadata targets) {
            this.root = root;
            this.timestamp = timestamp;
            this.snapshot = snapshot;
            this.targets = targets;
        }

        static Current read(Path dir) throws TufException, IOException {
            Path rootFile = dir.resolve(TrustedMetadata.ROOT_FILE);
            if (!Files.exists(rootFile)) {
                throw new NoSuchFileException(rootFile.toString(), null, dir
                        + " holds no repository; create one with `warden repo init`");
            }
            RootMetadata root = TrustedMetadata.selfSignedRoot(Files.readAllBytes(rootFile), rootFile.toString());
            Path tsFile = dir.resolve(TrustedMetadata.TIMESTAMP_FILE);
            TimestampMetadata timestamp = TimestampMetadata.parse(Envelope.parse(Files.readAllBytes(tsFile),
                    tsFile.toString()));
            root.verify(timestamp.envelope(), Role.TIMESTAMP);

            Path snapFile = dir.resolve(metadataName(root, timestamp.snapshot().version(), TrustedMetadata.SNAPSHOT_FILE));
            SnapshotMetadata snapshot = SnapshotMetadata.parse(Envelope.parse(Files.readAllBytes(snapFile),
                    snapFile.toString()));
            root.verify(snapshot.envelope(), Role.SNAPSHOT);
            requireVersion(snapFile, snapshot.version(), timestamp.snapshot().version());

            MetaFile targetsMeta = snapshot.metaFor(Role.TARGETS).orElseThrow(() -> JsonObject.malformed(
                    snapFile.toString(), "signed.meta lists no targets.json"));
            Path targetsFile = dir.resolve(metadataName(root, targetsMeta.version(), TrustedMetadata.TARGETS_FILE));
            TargetsMetadata targets = TargetsMetadata.parse(Files.readAllBytes(targetsFile),
                    targetsFile.toString());
            root.verify(targets.envelope(), Role.TARGETS);
            requireVersion(targetsFile, targets.version(), targetsMeta.version());
            return new Current(root, timestamp, snapshot, targets);
        }

        private static void requireVersion(Path file, long actual, long listed) throws TufException {
            if (actual != listed) {
                throw new TufException(TufException.Kind.MISMATCH, file + " is version " + actual + " where version "
                        + listed + " is listed; the repository folder was changed by hand or by a crashed write");
            }
        }
    }

    static String targetPath(TargetListing listing) {
        for (String part : new String[] {listing.publisher(), listing.name(), listing.version()}) {
            if (!PATH_PART.matcher(part).matches() || part.contains("..")) {
                throw new IllegalArgumentException("'" + part + "' of " + listing.id()
                        + " cannot be part of a target path (letters, digits, '.', '_', '+' and '-' only)");
            }
        }
        return listing.publisher() + "/" + listing.name() + "/" + listing.publisher() + "-" + listing.name() + "-"
                + listing.version() + ".wpk";
    }

    private static String storedName(boolean consistent, String path, String sha256) {
        if (!consistent) {
            return path;
        }
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + sha256 + "." + path.substring(slash + 1);
    }

    private static String metadataName(RootMetadata root, long version, String file) {
        return root.consistentSnapshot() ? version + "." + file : file;
    }

    private static String keyIdFor(RootMetadata root, String roleName, SigningKey key) throws TufException {
        Role role = root.role(roleName);
        for (String id : role.keyids()) {
            if (new VerificationKey.Ed25519(key.publicKey()).equals(root.keys().get(id))) {
                if (role.threshold() > 1) {
                    throw new TufException(TufException.Kind.KEY_REFUSED, "the " + roleName + " role of this repository"
                            + " needs " + role.threshold() + " signatures, but publishing signs with one key");
                }
                return id;
            }
        }
        List<String> expected = new ArrayList<>();
        for (VerificationKey k : root.keysOf(roleName)) {
            k.ed25519().ifPresent(e -> expected.add(e.keyId().fingerprint()));
        }
        throw new TufException(TufException.Kind.KEY_REFUSED, "the key " + key.keyId().fingerprint() + " is not this"
                + " repository's " + roleName + " key; root.json expects " + (expected.isEmpty() ? "a key Warden"
                + " cannot use" : String.join(" or ", expected)) + " — publish with the key the repository was"
                + " created with");
    }

    private static Map<String, Object> header(String type, long version, Instant now, Duration validity) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("_type", type);
        signed.put("spec_version", SPEC_VERSION);
        signed.put("version", version);
        signed.put("expires", Header.format(now.plus(validity)));
        return signed;
    }

    private static void renew(Map<String, Object> signed, long version, Instant now, Duration validity) {
        signed.put("version", version);
        signed.put("expires", Header.format(now.plus(validity)));
    }

    private static Map<String, Object> timestamp(long version, Instant now, Duration validity, long snapshotVersion,
                                                 byte[] snapshotBytes) {
        Map<String, Object> timestamp = header(Role.TIMESTAMP, version, now, validity);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(TrustedMetadata.SNAPSHOT_FILE, listing(snapshotVersion, snapshotBytes));
        timestamp.put("meta", meta);
        return timestamp;
    }

    private static Map<String, Object> listing(long version, byte[] bytes) {
        return new MetaFile(version, OptionalLong.of(bytes.length), Map.of("sha256", Digests.sha256Hex(bytes))).toTree();
    }

    private static Map<String, Object> target(RepositoryFiles.Content content, TargetListing listing) {
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("sha256", content.sha256());
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("warden", Listings.toTree(listing));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("length", content.length());
        target.put("hashes", hashes);
        target.put("custom", custom);
        return target;
    }

    /** The envelope around {@code signed}, signed over its canonical JSON, written indented for people. */
    static byte[] sign(Map<String, Object> signed, String keyId, SigningKey key) {
        byte[] signature = key.sign(CanonicalJson.encode(signed));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("keyid", keyId);
        entry.put("sig", HexFormat.of().formatHex(signature));
        List<Object> signatures = new ArrayList<>();
        signatures.add(entry);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("signatures", signatures);
        envelope.put("signed", signed);
        byte[] canonical = CanonicalJson.encode(envelope);
        for (byte b : canonical) {
            if (b >= 0 && b < 0x20) {
                // canonical JSON leaves control characters unescaped, which JSON parsers refuse: write escaped instead
                return StrictJson.pretty(envelope);
            }
        }
        return canonical;
    }
}
