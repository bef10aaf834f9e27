package dev.warden.signing;

import dev.warden.io.AtomicFiles;
import dev.warden.io.Digests;
import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A Warden signature for a Claude Code plugin folder, kept inside the folder so the folder still installs
 * in Claude Code unchanged: {@value #FILE} lists every other regular file under the folder (recursively;
 * a top-level {@code .git} is left out) with its size and SHA-256, the identity it is published as, and
 * Ed25519 signatures over the same kind of payload a bundle signature signs (ARCHITECTURE §2.6). Trust is
 * decided by the code that decides it for bundles.
 *
 * @since 0.1
 */
public final class FolderSignature {

    /** Where the signature lives, relative to the plugin folder. */
    public static final String FILE = ".claude-plugin/warden-signature.json";
    /** The {@code type} of the signature file. */
    static final String FILE_TYPE = "warden.folder-signature/v1";
    /** The {@code type} of the signed payload; not the bundles' type, so neither signature passes for the other. */
    static final String PAYLOAD_TYPE = "warden.folder/v1";
    private static final String GIT = ".git";
    private static final Set<String> FIELDS = Set.of("type", "publisher", "name", "version", "files", "signatures");
    private static final String SUBJECT = "plugin folder";

    private FolderSignature() {
    }

    /**
     * Signs {@code folder} as {@code identity} with {@code key}: lists every file, then writes {@value #FILE}
     * atomically. Signing again with the same key replaces that key's signature; the signatures of other
     * keys are kept only while identity and files are unchanged (otherwise they would no longer verify).
     *
     * @return {@code identity}
     * @throws BundleException WRONG_PUBLISHER_KEY when {@code key} does not sign for {@code identity.publisher()};
     *     UNSAFE_ENTRY for a link, a special file or a name the bundle format refuses; LIMIT_EXCEEDED above
     *     {@link BundleLimits#defaults()}; MALFORMED_SIGNATURE when a signature file is there but unreadable;
     *     IO. The folder is unchanged then.
     */
    public static BundleIdentity sign(Path folder, BundleIdentity identity, SigningKey key) throws BundleException {
        Objects.requireNonNull(identity, "identity");
        if (!key.publisher().equals(identity.publisher())) {
            throw BundleException.forKey(Failure.WRONG_PUBLISHER_KEY, key.keyId().hex(), "key "
                    + key.keyId().shortForm() + " signs for publisher '" + key.publisher() + "', but the plugin folder "
                    + folder + " is to be published as " + identity + "; sign with a key of '" + identity.publisher() + "'");
        }
        BundleLimits limits = BundleLimits.defaults();
        List<FileEntry> files = new ArrayList<>();
        for (Map.Entry<String, Path> file : scan(folder, limits).entrySet()) {
            files.add(hash(file.getKey(), file.getValue(), limits));
        }
        Statement statement = new Statement(identity, files, List.of());
        byte[] signature = key.sign(statement.payload());
        List<BundleSignature> signatures = new ArrayList<>();
        Optional<byte[]> existing = readFile(folder, limits);
        if (existing.isPresent()) {
            Statement before = Statement.parse(existing.get(), limits);
            if (before.identity().equals(identity) && before.files().equals(files)) {
                before.signatures().stream().filter(s -> !s.keyId().equals(key.keyId().hex())).forEach(signatures::add);
            }
        }
        signatures.add(new BundleSignature(key.keyId().hex(), BundleMetadata.ALG, signature));
        byte[] json = new Statement(identity, files, signatures).toJson();
        if (json.length > limits.maxMetadataBytes()) {
            throw new BundleException(Failure.LIMIT_EXCEEDED, FILE, FILE + " would be " + json.length
                    + " bytes, above the limit of " + limits.maxMetadataBytes() + "; the plugin has too many files to sign");
        }
        Path target = folder.resolve(FILE);
        try {
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, json);
        } catch (IOException e) {
            throw new BundleException(Failure.IO, FILE, "cannot write " + target + ": " + e.getMessage(), e);
        }
        return identity;
    }

    /**
     * Verifies {@code folder} without writing anything. Checks run as for bundles: the signature file
     * (UNSIGNED when there is none, MALFORMED_SIGNATURE, LIMIT_EXCEEDED), the folder's names and kinds
     * against the list (UNSAFE_ENTRY for a link or special file, UNLISTED_ENTRY for an added file,
     * MISSING_ENTRY for a removed one, CONTENT_MISMATCH for another size), trust on the signed payload
     * alone (as {@link BundleVerifier}), and last every file's SHA-256 (CONTENT_MISMATCH).
     *
     * @return the verified identity, publisher, key and files
     * @throws BundleException the first failed check, naming the file or key
     */
    public static VerifiedFolder verify(Path folder, TrustedPublishers trust, Clock clock, BundleLimits limits)
            throws BundleException {
        byte[] bytes = readFile(folder, limits).orElseThrow(() -> new BundleException(Failure.UNSIGNED, FILE,
                "plugin folder " + folder + " has no " + FILE + " (it is not signed); ask its publisher to sign it with"
                        + " 'warden sign FOLDER --key KEY'"));
        Statement statement = Statement.parse(bytes, limits);
        Map<String, Path> present = scan(folder, limits);
        crossCheck(statement.files(), present);
        SignatureTrust.Accepted accepted = SignatureTrust.decide(trust, clock.instant(), SUBJECT, statement.identity(),
                statement.payload(), statement.signatures(), FILE);
        for (FileEntry listed : statement.files()) {
            FileEntry actual = hash(listed.path(), present.get(listed.path()), limits);
            if (!actual.equals(listed)) {
                throw new BundleException(Failure.CONTENT_MISMATCH, listed.path(), "file '"
                        + EntryNames.printable(listed.path()) + "' differs from what " + FILE + " lists (changed after"
                        + " signing); do not install this plugin");
            }
        }
        return new VerifiedFolder(statement.identity(), accepted.publisher(), accepted.key(), statement.files());
    }

    /**
     * The identity a folder's signature claims, checked for form but not verified — for listings, which
     * say "signed by" only as a claim that install verifies.
     *
     * @return empty when the folder has no signature file
     * @throws BundleException MALFORMED_SIGNATURE, LIMIT_EXCEEDED or UNSAFE_ENTRY for a bad signature file; IO
     */
    public static Optional<BundleIdentity> claimedIdentity(Path folder, BundleLimits limits) throws BundleException {
        return claim(folder, limits).map(Claim::identity);
    }

    /**
     * What a folder's signature file states, checked for form but not verified.
     *
     * @param identity the identity it claims
     * @param files    the files it lists, sorted by path
     */
    public record Claim(BundleIdentity identity, List<FileEntry> files) {

        public Claim {
            Objects.requireNonNull(identity, "identity");
            files = List.copyOf(files);
        }
    }

    /**
     * The identity and files a folder's signature file claims, not verified (for listings and reports).
     *
     * @return empty when the folder has no signature file
     * @throws BundleException MALFORMED_SIGNATURE, LIMIT_EXCEEDED or UNSAFE_ENTRY for a bad signature file; IO
     */
    public static Optional<Claim> claim(Path folder, BundleLimits limits) throws BundleException {
        Optional<byte[]> bytes = readFile(folder, limits);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Statement statement = Statement.parse(bytes.get(), limits);
        return Optional.of(new Claim(statement.identity(), statement.files()));
    }

    /**
     * The identity the bytes of a signature file claim (read, for example, from a git tree), checked for form only.
     *
     * @throws BundleException MALFORMED_SIGNATURE or LIMIT_EXCEEDED
     */
    public static BundleIdentity claimedIdentity(byte[] signatureFile, BundleLimits limits) throws BundleException {
        if (signatureFile.length > limits.maxMetadataBytes()) {
            throw tooLarge(signatureFile.length, limits);
        }
        return Statement.parse(signatureFile, limits).identity();
    }

    /** Every listed file is present with its size, and every present file is listed. */
    private static void crossCheck(List<FileEntry> listed, Map<String, Path> present) throws BundleException {
        Map<String, FileEntry> byPath = new TreeMap<>();
        for (FileEntry f : listed) {
            byPath.put(f.path(), f);
        }
        for (Map.Entry<String, Path> file : present.entrySet()) {
            String shown = EntryNames.printable(file.getKey());
            FileEntry line = byPath.get(file.getKey());
            if (line == null) {
                throw new BundleException(Failure.UNLISTED_ENTRY, file.getKey(), "file '" + shown + "' is not listed in "
                        + FILE + " (added after signing); do not install this plugin");
            }
            long size = size(file.getValue());
            if (size != line.size()) {
                throw new BundleException(Failure.CONTENT_MISMATCH, file.getKey(), "file '" + shown + "' is " + size
                        + " bytes but " + FILE + " says " + line.size() + " (changed after signing); do not install this plugin");
            }
        }
        for (FileEntry f : listed) {
            if (!present.containsKey(f.path())) {
                throw new BundleException(Failure.MISSING_ENTRY, f.path(), FILE + " lists '" + EntryNames.printable(f.path())
                        + "' but the folder does not hold it (removed after signing); do not install this plugin");
            }
        }
    }

    /**
     * The regular files of {@code folder} by their relative {@code /} names, sorted, without the signature
     * file and a top-level {@code .git}; names checked as bundle entry names, counts and sizes against limits.
     */
    private static Map<String, Path> scan(Path folder, BundleLimits limits) throws BundleException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException(Failure.IO, folder + " is not a folder (or is a link to one)");
        }
        Path root = folder.toAbsolutePath().normalize();
        Path signature = root.resolve(FILE);
        Path git = root.resolve(GIT);
        Map<String, Path> files = FolderFiles.collect(root, p -> p.equals(signature) || p.equals(git));
        FolderFiles.check(files, limits, root, 0);
        return files;
    }

    private static long size(Path file) throws BundleException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        } catch (IOException e) {
            throw new BundleException(Failure.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's size and SHA-256 as streamed, never following a link, never past the per-file limit. */
    private static FileEntry hash(String name, Path file, BundleLimits limits) throws BundleException {
        MessageDigest sha256 = Digests.sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > limits.maxEntryBytes()) {
                    throw new BundleException(Failure.LIMIT_EXCEEDED, name, "'" + EntryNames.printable(name)
                            + "' grew past the limit of " + limits.maxEntryBytes() + " bytes while it was read");
                }
                sha256.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new BundleException(Failure.IO, name, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return new FileEntry(name, size, HexFormat.of().formatHex(sha256.digest()));
    }

    /** The signature file's bytes; empty when there is none. */
    private static Optional<byte[]> readFile(Path folder, BundleLimits limits) throws BundleException {
        Path file = folder.resolve(FILE);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BundleException(Failure.IO, FILE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!attrs.isRegularFile()) {
            throw new BundleException(Failure.UNSAFE_ENTRY, FILE, FILE + " is not a regular file (a link?); refused");
        }
        if (attrs.size() > limits.maxMetadataBytes()) {
            throw tooLarge(attrs.size(), limits);
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) limits.maxMetadataBytes() + 1);
            if (bytes.length > limits.maxMetadataBytes()) {
                throw tooLarge(bytes.length, limits);
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new BundleException(Failure.IO, FILE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static BundleException tooLarge(long size, BundleLimits limits) {
        return new BundleException(Failure.LIMIT_EXCEEDED, FILE, FILE + " is " + size + " bytes, above the limit of "
                + limits.maxMetadataBytes());
    }

    /** What a signature file states: who publishes which plugin and version, with which files, and who signed. */
    private record Statement(BundleIdentity identity, List<FileEntry> files, List<BundleSignature> signatures) {

        /** The signed payload; its file list is the canonical JSON of {@code {"files":[...]}}. */
        byte[] payload() {
            return BundleMetadata.payload(PAYLOAD_TYPE, identity, CanonicalJson.encode(Map.of("files", lines())));
        }

        List<Map<String, Object>> lines() {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (FileEntry f : files) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("path", f.path());
                line.put("size", f.size());
                line.put("sha256", f.sha256());
                lines.add(line);
            }
            return lines;
        }

        /** The file as Warden writes it: pretty, fields in the documented order, trailing newline. */
        byte[] toJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("type", FILE_TYPE);
            root.put("publisher", identity.publisher());
            root.put("name", identity.name());
            root.put("version", identity.version());
            root.put("files", lines());
            List<Map<String, Object>> sigs = new ArrayList<>();
            for (BundleSignature s : signatures) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("keyid", s.keyId());
                line.put("alg", s.alg());
                line.put("sig", Base64.getEncoder().encodeToString(s.signature()));
                sigs.add(line);
            }
            root.put("signatures", sigs);
            return (Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8);
        }

        static Statement parse(byte[] bytes, BundleLimits limits) throws BundleException {
            JsonNode json = BundleMetadata.parse(bytes, FILE, Failure.MALFORMED_SIGNATURE, FILE);
            if (!json.isObject() || !Set.copyOf(json.propertyNames()).equals(FIELDS)) {
                throw malformed(null, FILE + " must be {\"type\", \"publisher\", \"name\", \"version\", \"files\","
                        + " \"signatures\"} and nothing else");
            }
            if (!json.get("type").isString() || !json.get("type").stringValue().equals(FILE_TYPE)) {
                throw malformed(null, FILE + ": type must be \"" + FILE_TYPE + "\"");
            }
            for (String field : List.of("publisher", "name", "version")) {
                if (!json.get(field).isString()) {
                    throw malformed(null, FILE + ": " + field + " must be a string");
                }
            }
            BundleIdentity identity;
            try {
                identity = new BundleIdentity(json.get("publisher").stringValue(), json.get("name").stringValue(),
                        json.get("version").stringValue());
            } catch (IllegalArgumentException e) {
                throw malformed(null, FILE + ": " + EntryNames.printable(e.getMessage()));
            }
            JsonNode files = json.get("files");
            JsonNode signatures = json.get("signatures");
            if (!files.isArray() || !signatures.isArray()) {
                throw malformed(null, FILE + ": files and signatures must be arrays");
            }
            if (files.size() > limits.maxEntries()) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, FILE, FILE + " lists " + files.size()
                        + " files, above the limit of " + limits.maxEntries());
            }
            return new Statement(identity,
                    BundleMetadata.fileList(files, FILE, limits, FolderSignature::unlistable, FolderSignature.Statement::malformed),
                    BundleMetadata.signatureList(signatures, FILE,
                            (keyId, message) -> BundleException.forKey(Failure.MALFORMED_SIGNATURE, keyId, message + HINT)));
        }

        private static final String HINT = "; sign the plugin folder again with 'warden sign'";

        private static BundleException malformed(String path, String message) {
            return new BundleException(Failure.MALFORMED_SIGNATURE, path == null ? FILE : path, message + HINT);
        }
    }

    /** Names a signature never lists: itself, and what lies under a top-level {@code .git}. */
    private static boolean unlistable(String path) {
        return path.equals(FILE) || path.equals(GIT) || path.startsWith(GIT + "/");
    }
}
