package dev.warden.signing;

import dev.warden.io.AtomicFiles;
import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds a publisher signature to a bundle, in place and atomically. */
public final class BundleSigner {

    private BundleSigner() {
    }

    /**
     * Fully reads and checks {@code bundle}, then adds {@code key}'s signature to signature.json —
     * replacing an earlier signature by the same key, keeping the others — and rewrites the file
     * atomically (every other entry is copied byte for byte).
     *
     * @return the signed identity
     * @throws BundleException WRONG_PUBLISHER_KEY when {@code key.publisher()} is not the bundle's
     *     publisher; any INTEGRITY failure of {@link BundleReader#open}; IO
     */
    public static BundleIdentity sign(Path bundle, SigningKey key, BundleLimits limits) throws BundleException {
        try (CheckedBundle checked = CheckedBundle.open(bundle, limits)) {
            checked.checkContent(null);
            BundleIdentity identity = checked.identity();
            if (!key.publisher().equals(identity.publisher())) {
                throw BundleException.forKey(Failure.WRONG_PUBLISHER_KEY, key.keyId().hex(), "key "
                        + key.keyId().shortForm() + " signs for publisher '" + key.publisher() + "', but bundle "
                        + identity + " is published by '" + identity.publisher() + "'; sign with a key of '"
                        + identity.publisher() + "'");
            }
            byte[] signature = key.sign(checked.payload());
            List<Map<String, Object>> signatures = new ArrayList<>();
            boolean replaced = false;
            for (BundleSignature existing : checked.signatures()) {
                if (existing.keyId().equals(key.keyId().hex())) {
                    signatures.add(line(key.keyId().hex(), signature));
                    replaced = true;
                } else {
                    signatures.add(line(existing.keyId(), existing.signature()));
                }
            }
            if (!replaced) {
                signatures.add(line(key.keyId().hex(), signature));
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("signatures", signatures);
            byte[] json = (Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8);
            if (json.length > limits.maxMetadataBytes()) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, EntryNames.SIGNATURE_JSON,
                        "signature.json would exceed " + limits.maxMetadataBytes() + " bytes; remove old signatures first");
            }
            try {
                AtomicFiles.write(bundle, (channel, temp) -> {
                    ZipWriter zip = new ZipWriter(channel);
                    for (ZipEntryRecord entry : checked.directory().entries()) {
                        if (!entry.name().equals(EntryNames.SIGNATURE_JSON)) {
                            zip.copy(checked.channel(), entry);
                        }
                    }
                    zip.addStored(EntryNames.SIGNATURE_JSON, json);
                    zip.finish();
                });
            } catch (IOException e) {
                throw new BundleException(Failure.IO, "cannot rewrite bundle " + bundle + ": " + e.getMessage(), e);
            }
            return identity;
        }
    }

    private static Map<String, Object> line(String keyId, byte[] signature) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("keyid", keyId);
        line.put("alg", BundleMetadata.ALG);
        line.put("sig", Base64.getEncoder().encodeToString(signature));
        return line;
    }
}
