package dev.warden.signing;

import dev.warden.io.AtomicFiles;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes private key files: {@code {"type":"warden.private-key/v1","publisher":..,
 * "alg":"ed25519","keyid":..,"seed":"<base64 of 32 bytes>"}}, created owner-only (0600) and never
 * overwritten. A development key ({@link SigningKey#development()}) has {@code "use":"development"} as well; a
 * file without {@code "use"} holds a publisher's real key, as every file written before the field existed.
 */
public final class KeyFiles {

    static final String TYPE = "warden.private-key/v1";
    static final String DEVELOPMENT_USE = "development";

    private KeyFiles() {
    }

    /**
     * Writes {@code key} to a new file readable by its owner only.
     *
     * @throws KeyFileException if the file exists or cannot be written
     */
    public static void write(SigningKey key, Path file) throws KeyFileException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", TYPE);
        json.put("publisher", key.publisher());
        json.put("alg", "ed25519");
        json.put("keyid", key.keyId().hex());
        json.put("seed", Base64.getEncoder().encodeToString(key.seed()));
        if (key.development()) {
            json.put("use", DEVELOPMENT_USE);
        }
        byte[] bytes = (Json.pretty(json) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file, "already exists; Warden never overwrites a key. Choose another --out folder or move the old key away");
        } catch (UnsupportedOperationException e) {
            throw new KeyFileException(file, "this file system cannot make an owner-only file; choose a folder on a POSIX file system");
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot create the key file: " + e.getMessage(), e);
        }
        try {
            // the empty owner-only file above claims the name; the key itself arrives whole and synced
            AtomicFiles.writeOwnerOnly(file, bytes);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot write the key file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a key file written by {@link #write}.
     *
     * @throws KeyFileException if it is missing, readable by others, malformed, or its key id does
     *     not match its seed
     */
    public static SigningKey read(Path file) throws KeyFileException {
        if (!Files.isRegularFile(file)) {
            throw new KeyFileException(file, "no such key file (create one with: warden keys generate --publisher ID --out DIR)");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.retainAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE));
            if (!perms.isEmpty()) {
                throw new KeyFileException(file, "a private key must be readable by its owner only; run: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read permissions: " + e.getMessage(), e);
        }
        JsonNode json;
        try {
            json = StrictJson.standard().read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read: " + e.getMessage(), e);
        } catch (StrictJsonException e) {
            throw new KeyFileException(file, "is not a Warden key file (bad JSON: " + e.problem().describe() + ")");
        }
        if (!json.isObject() || !TYPE.equals(json.path("type").asString(""))) {
            throw new KeyFileException(file, "is not a Warden private key file (expected \"type\": \"" + TYPE + "\")");
        }
        if (!"ed25519".equals(json.path("alg").asString(""))) {
            throw new KeyFileException(file, "uses algorithm '" + json.path("alg").asString("") + "'; Warden signs with ed25519 only");
        }
        String publisher = json.path("publisher").asString("");
        if (publisher.isEmpty()) {
            throw new KeyFileException(file, "names no publisher");
        }
        SigningKey key;
        try {
            key = SigningKey.fromSeed(publisher, Base64.getDecoder().decode(json.path("seed").asString("")));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, "has a malformed seed: " + e.getMessage());
        }
        if (!key.keyId().hex().equals(json.path("keyid").asString(""))) {
            throw new KeyFileException(file, "is damaged: its keyid does not match its seed");
        }
        if (json.has("use")) {
            // only one use is known; any other value is refused rather than taken for a real key
            if (!DEVELOPMENT_USE.equals(json.path("use").asString(""))) {
                throw new KeyFileException(file, "has \"use\": " + json.path("use") + "; the only use Warden knows is \""
                        + DEVELOPMENT_USE + "\"");
            }
            return key.asDevelopmentKey();
        }
        return key;
    }
}
