package dev.warden.signing;

import dev.warden.io.Digests;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.signing.BundleException.Failure;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** Parses the three metadata files of a bundle — plugin.json's identity, files.json, signature.json — strictly. */
final class BundleMetadata {

    static final String PAYLOAD_TYPE = "warden.bundle/v1";
    static final String ALG = "ed25519";

    private BundleMetadata() {
    }

    /** The signed payload: canonical JSON of type, publisher, name, version and the SHA-256 of the exact files.json bytes. */
    static byte[] payload(BundleIdentity identity, byte[] filesJson) {
        return payload(PAYLOAD_TYPE, identity, filesJson);
    }

    /**
     * The signed payload of a statement of {@code type} ({@code warden.bundle/v1}, {@code warden.folder/v1}):
     * canonical JSON of type, publisher, name, version and the SHA-256 of the file list's bytes.
     */
    static byte[] payload(String type, BundleIdentity identity, byte[] fileList) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("publisher", identity.publisher());
        payload.put("name", identity.name());
        payload.put("version", identity.version());
        payload.put("files", Digests.sha256Hex(fileList));
        return CanonicalJson.encode(payload);
    }

    /** Reads publisher, name and version (strings) from plugin.json; nothing else of the manifest. */
    static BundleIdentity identity(byte[] manifest, String where) throws BundleException {
        JsonNode json = parse(manifest, EntryNames.PLUGIN_JSON, Failure.MALFORMED_ARCHIVE, where);
        if (!json.isObject()) {
            throw new BundleException(Failure.MALFORMED_ARCHIVE, EntryNames.PLUGIN_JSON, where + " is not a JSON object");
        }
        String publisher = string(json, "publisher", where);
        String name = string(json, "name", where);
        String version = string(json, "version", where);
        try {
            return new BundleIdentity(publisher, name, version);
        } catch (IllegalArgumentException e) {
            throw new BundleException(Failure.MALFORMED_ARCHIVE, EntryNames.PLUGIN_JSON, where + ": " + e.getMessage(), e);
        }
    }

    private static String string(JsonNode json, String field, String where) throws BundleException {
        JsonNode value = json.get(field);
        if (value == null || !value.isString()) {
            throw new BundleException(Failure.MALFORMED_ARCHIVE, EntryNames.PLUGIN_JSON, where + " has no string \""
                    + field + "\"; every bundle's plugin.json names its publisher, name and version");
        }
        return value.stringValue();
    }

    /**
     * Parses files.json: {@code {"files":[{"path","size","sha256"}...]}}, paths valid, sorted by code
     * point, each once, never a metadata file or folder.
     */
    static List<FileEntry> files(byte[] bytes, BundleLimits limits) throws BundleException {
        String where = EntryNames.FILES_JSON;
        JsonNode json = parse(bytes, where, Failure.MALFORMED_ARCHIVE, where);
        if (!json.isObject() || !Set.copyOf(json.propertyNames()).equals(Set.of("files")) || !json.get("files").isArray()) {
            throw malformedFiles(null, where + " must be {\"files\": [...]} and nothing else");
        }
        return fileList(json.get("files"), where, limits,
                p -> p.equals(EntryNames.FILES_JSON) || p.equals(EntryNames.SIGNATURE_JSON), BundleMetadata::malformedFiles);
    }

    /** How a parser names a malformed list: the failure kind and the hint differ between bundles and folders. */
    @FunctionalInterface
    interface Malformed {
        BundleException of(String entry, String message);
    }

    /**
     * Parses a file list, {@code [{"path","size","sha256"}...]}: paths valid, sorted by code point, each
     * once, never a folder and never one {@code unlistable} accepts.
     */
    static List<FileEntry> fileList(JsonNode array, String where, BundleLimits limits, Predicate<String> unlistable,
                                    Malformed malformed) throws BundleException {
        List<FileEntry> files = new ArrayList<>(array.size());
        String previous = null;
        for (JsonNode item : array) {
            if (!item.isObject() || !Set.copyOf(item.propertyNames()).equals(Set.of("path", "size", "sha256"))) {
                throw malformed.of(null, where + ": each file is {\"path\", \"size\", \"sha256\"} and nothing else");
            }
            JsonNode path = item.get("path");
            JsonNode size = item.get("size");
            JsonNode sha = item.get("sha256");
            if (!path.isString() || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0
                    || !sha.isString() || !FileEntry.SHA256.matcher(sha.stringValue()).matches()) {
                throw malformed.of(path.isString() ? path.stringValue() : null, where + ": a file has a non-string path,"
                        + " a size that is not a non-negative integer, or a sha256 that is not 64 lowercase hex digits");
            }
            String p = path.stringValue();
            if (p.endsWith("/") || unlistable.test(p)) {
                throw malformed.of(p, where + " lists '" + EntryNames.printable(p) + "', which it must not list");
            }
            try {
                EntryNames.check(p, false, limits);
            } catch (BundleException e) {
                throw malformed.of(p, where + " lists an unsafe path: " + e.getMessage());
            }
            if (previous != null) {
                int order = CanonicalJson.compareCodePoints(previous, p);
                if (order == 0) {
                    throw malformed.of(p, where + " lists '" + EntryNames.printable(p) + "' twice");
                }
                if (order > 0) {
                    throw malformed.of(p, where + " is not sorted by path ('" + EntryNames.printable(p)
                            + "' comes after '" + EntryNames.printable(previous) + "')");
                }
            }
            previous = p;
            files.add(new FileEntry(p, size.longValue(), sha.stringValue()));
        }
        return files;
    }

    private static BundleException malformedFiles(String entry, String message) {
        return new BundleException(Failure.MALFORMED_ARCHIVE, entry == null ? EntryNames.FILES_JSON : entry,
                message + "; rebuild the bundle with 'warden pack'");
    }

    /** Parses signature.json: {@code {"signatures":[{"keyid","alg":"ed25519","sig"}...]}}. */
    static List<BundleSignature> signatures(byte[] bytes) throws BundleException {
        String where = EntryNames.SIGNATURE_JSON;
        JsonNode json = parse(bytes, where, Failure.MALFORMED_SIGNATURE, where);
        if (!json.isObject() || !Set.copyOf(json.propertyNames()).equals(Set.of("signatures"))
                || !json.get("signatures").isArray()) {
            throw malformedSignature(null, where + " must be {\"signatures\": [...]} and nothing else");
        }
        return signatureList(json.get("signatures"), where, BundleMetadata::malformedSignature);
    }

    /** Parses a signature list, {@code [{"keyid","alg":"ed25519","sig"}...]}, each key at most once. */
    static List<BundleSignature> signatureList(JsonNode array, String where, Malformed malformed) throws BundleException {
        List<BundleSignature> signatures = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonNode item : array) {
            if (!item.isObject() || !Set.copyOf(item.propertyNames()).equals(Set.of("keyid", "alg", "sig"))
                    || !item.get("keyid").isString() || !item.get("alg").isString() || !item.get("sig").isString()) {
                throw malformed.of(null, where + ": each signature is {\"keyid\", \"alg\", \"sig\"} (strings) and nothing else");
            }
            String keyId = item.get("keyid").stringValue();
            String shown = EntryNames.printable(keyId.length() > 16 ? keyId.substring(0, 16) : keyId);
            if (!keyId.matches("[0-9a-f]{64}")) {
                throw malformed.of(keyId, where + ": key id '" + shown + "' is not 64 lowercase hex digits");
            }
            String alg = item.get("alg").stringValue();
            if (!ALG.equals(alg)) {
                throw malformed.of(keyId, where + ": the signature by key " + shown + " uses unknown algorithm '"
                        + EntryNames.printable(alg) + "'; Warden accepts ed25519 only");
            }
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(item.get("sig").stringValue());
            } catch (IllegalArgumentException e) {
                throw malformed.of(keyId, where + ": the signature by key " + shown + " is not standard base64");
            }
            if (sig.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
                throw malformed.of(keyId, where + ": the signature by key " + shown + " is " + sig.length
                        + " bytes, not 64");
            }
            if (!keys.add(keyId)) {
                throw malformed.of(keyId, where + ": key " + shown + " signs twice");
            }
            signatures.add(new BundleSignature(keyId, alg, sig));
        }
        return signatures;
    }

    private static BundleException malformedSignature(String keyId, String message) {
        return BundleException.forKey(Failure.MALFORMED_SIGNATURE, keyId, message + "; sign the bundle again with 'warden sign'");
    }

    static JsonNode parse(byte[] bytes, String entry, Failure failure, String where) throws BundleException {
        try {
            return StrictJson.standard().read(bytes);
        } catch (StrictJsonException e) {
            throw new BundleException(failure, entry, where + " is not strict JSON (" + e.problem().describe() + ")", e);
        } catch (RuntimeException e) {
            throw new BundleException(failure, entry, where + " cannot be parsed: " + e.getMessage(), e);
        }
    }
}
