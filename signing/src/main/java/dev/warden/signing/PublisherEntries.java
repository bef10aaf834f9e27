package dev.warden.signing;

import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The JSON form of a trusted-publisher entry (DESIGN §3.3), read strictly and written in one stable form:
 * {@code {"id","name","namespaces":[..],"keys":[{"keyid","alg":"ed25519","public","notBefore","notAfter",
 * "revoked": null | {"at","reason"}}]}}.
 */
public final class PublisherEntries {

    /** Publisher files are small; anything larger is not one. */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern UTC_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "name", "namespaces", "keys");
    private static final Set<String> KEY_FIELDS = Set.of("keyid", "alg", "public", "notBefore", "notAfter", "revoked");
    private static final Set<String> REVOCATION_FIELDS = Set.of("at", "reason");

    private PublisherEntries() {
    }

    /**
     * Parses one entry.
     *
     * @param source where the bytes come from, for messages (a file name)
     * @throws TrustException naming {@code source} and the field for bad JSON, duplicate or unknown
     *     fields, an unknown alg, a keyid that is not the SHA-256 of its public key, bad base64 or length,
     *     instants that are not ISO-8601 UTC, or control/bidi characters in the name or a reason
     */
    public static PublisherEntry parse(byte[] json, String source) throws TrustException {
        JsonNode root;
        try {
            root = StrictJson.standard().read(json);
        } catch (StrictJsonException e) {
            throw new TrustException(source + ": not strict JSON (" + e.problem().describe() + "); fix or replace the file");
        }
        object(root, ENTRY_FIELDS, source, "the entry");
        String id = string(root, "id", source);
        String name = text(root, "name", source, "name");
        JsonNode namespacesNode = root.get("namespaces");
        if (!namespacesNode.isArray()) {
            throw new TrustException(source + ": \"namespaces\" must be an array of publisher ids");
        }
        List<String> namespaces = new ArrayList<>();
        for (JsonNode ns : namespacesNode) {
            if (!ns.isString()) {
                throw new TrustException(source + ": \"namespaces\" must hold strings only");
            }
            namespaces.add(ns.stringValue());
        }
        JsonNode keysNode = root.get("keys");
        if (!keysNode.isArray()) {
            throw new TrustException(source + ": \"keys\" must be an array");
        }
        List<TrustedKey> keys = new ArrayList<>();
        Set<KeyId> seen = new HashSet<>();
        int index = 0;
        for (JsonNode keyNode : keysNode) {
            String where = "keys[" + index++ + "]";
            TrustedKey key = key(keyNode, source, where);
            if (!seen.add(key.keyId())) {
                throw new TrustException(source + ": " + where + ": key " + key.keyId().shortForm() + " is listed twice");
            }
            keys.add(key);
        }
        try {
            return new PublisherEntry(id, name, namespaces, keys);
        } catch (IllegalArgumentException e) {
            throw new TrustException(source + ": " + e.getMessage());
        }
    }

    private static TrustedKey key(JsonNode node, String source, String where) throws TrustException {
        object(node, KEY_FIELDS, source, where);
        String keyId = string(node, "keyid", source, where + ".keyid");
        String alg = string(node, "alg", source, where + ".alg");
        if (!BundleMetadata.ALG.equals(alg)) {
            throw new TrustException(source + ": " + where + ".alg: unknown algorithm '" + EntryNames.printable(alg)
                    + "'; Warden trusts ed25519 keys only");
        }
        Ed25519PublicKey publicKey;
        try {
            publicKey = Ed25519PublicKey.fromBase64(string(node, "public", source, where + ".public"));
        } catch (IllegalArgumentException e) {
            throw new TrustException(source + ": " + where + ".public: " + e.getMessage());
        }
        if (!publicKey.keyId().hex().equals(keyId)) {
            throw new TrustException(source + ": " + where + ".keyid: '" + EntryNames.printable(keyId)
                    + "' is not the SHA-256 of the public key (" + publicKey.keyId().shortForm() + "…); the file is damaged or forged");
        }
        Instant notBefore = instant(node, "notBefore", source, where);
        Instant notAfter = instant(node, "notAfter", source, where);
        JsonNode revokedNode = node.get("revoked");
        Optional<Revocation> revoked = Optional.empty();
        if (!revokedNode.isNull()) {
            object(revokedNode, REVOCATION_FIELDS, source, where + ".revoked");
            revoked = Optional.of(new Revocation(instant(revokedNode, "at", source, where + ".revoked"),
                    text(revokedNode, "reason", source, where + ".revoked.reason")));
        }
        try {
            return new TrustedKey(publicKey, notBefore, notAfter, revoked);
        } catch (IllegalArgumentException e) {
            throw new TrustException(source + ": " + where + ": " + e.getMessage());
        }
    }

    /** Pretty JSON in the field order above, with a trailing newline. */
    public static byte[] toJson(PublisherEntry entry) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", entry.id());
        root.put("name", entry.name());
        root.put("namespaces", entry.namespaces());
        List<Map<String, Object>> keys = new ArrayList<>();
        for (TrustedKey key : entry.keys()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("keyid", key.keyId().hex());
            k.put("alg", BundleMetadata.ALG);
            k.put("public", key.publicKey().base64());
            k.put("notBefore", key.notBefore().toString());
            k.put("notAfter", key.notAfter().toString());
            if (key.revoked().isPresent()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("at", key.revoked().get().at().toString());
                r.put("reason", key.revoked().get().reason());
                k.put("revoked", r);
            } else {
                k.put("revoked", null);
            }
            keys.add(k);
        }
        root.put("keys", keys);
        return (Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads and parses a publisher file (at most 1 MiB).
     *
     * @throws TrustException naming the file when it is missing, unreadable, too large or malformed
     */
    public static PublisherEntry read(Path file) throws TrustException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new TrustException(file + ": no such file");
        } catch (IOException e) {
            throw new TrustException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new TrustException(file + ": larger than " + MAX_BYTES + " bytes; not a publisher entry");
        }
        return parse(bytes, file.toString());
    }

    private static void object(JsonNode node, Set<String> fields, String source, String where) throws TrustException {
        if (node == null || !node.isObject()) {
            throw new TrustException(source + ": " + where + " must be a JSON object");
        }
        Set<String> present = Set.copyOf(node.propertyNames());
        for (String field : present) {
            if (!fields.contains(field)) {
                throw new TrustException(source + ": " + where + " has unknown field \"" + EntryNames.printable(field) + "\"");
            }
        }
        for (String field : fields) {
            if (!present.contains(field)) {
                throw new TrustException(source + ": " + where + " lacks field \"" + field + "\"");
            }
        }
    }

    private static String string(JsonNode node, String field, String source) throws TrustException {
        return string(node, field, source, field);
    }

    private static String string(JsonNode node, String field, String source, String where) throws TrustException {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new TrustException(source + ": \"" + where + "\" must be a string");
        }
        return value.stringValue();
    }

    /** A human-readable string: non-blank, at most 200 characters, no control, bidi or invisible characters. */
    private static String text(JsonNode node, String field, String source, String where) throws TrustException {
        String value = string(node, field, source, where);
        checkText(value, source + ": \"" + where + "\"");
        return value;
    }

    static void checkText(String value, String what) throws TrustException {
        if (value.isBlank() || value.length() > 200) {
            throw new TrustException(what + " must be 1 to 200 characters");
        }
        if (!EntryNames.printable(value).equals(value)) {
            throw new TrustException(what + " contains control, bidi or invisible characters ('"
                    + EntryNames.printable(value) + "'); such text could disguise itself on a terminal");
        }
    }

    private static Instant instant(JsonNode node, String field, String source, String where) throws TrustException {
        String value = string(node, field, source, where + "." + field);
        if (!UTC_INSTANT.matcher(value).matches()) {
            throw new TrustException(source + ": " + where + "." + field + ": '" + EntryNames.printable(value)
                    + "' is not an ISO-8601 UTC instant like 2026-01-01T00:00:00Z");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new TrustException(source + ": " + where + "." + field + ": '" + value + "' is not a valid instant");
        }
    }
}
