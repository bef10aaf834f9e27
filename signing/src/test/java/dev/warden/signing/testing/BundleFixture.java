package dev.warden.signing.testing;

import dev.warden.io.Digests;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleSigner;
import dev.warden.signing.BundleVerifier;
import dev.warden.signing.BundleWriter;
import dev.warden.signing.CanonicalJson;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.SigningKey;
import dev.warden.signing.TrustSource;
import dev.warden.signing.TrustedKey;
import dev.warden.signing.TrustedPublisher;
import dev.warden.signing.TrustedPublishers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds signed bundles for tests: plugin folders on disk packed and signed with Warden, and the
 * same content as raw zip entries (with a correct files.json and signature.json, computed here
 * independently) for forging defects with {@link ZipBuilder}.
 */
public final class BundleFixture {

    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    public static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2028-01-01T00:00:00Z");

    private BundleFixture() {
    }

    public static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** A deterministic key for {@code publisher}: the seed is {@code n} repeated. */
    public static SigningKey key(String publisher, int n) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) n);
        return SigningKey.fromSeed(publisher, seed);
    }

    public static TrustedKey validKey(SigningKey key) {
        return new TrustedKey(key.publicKey(), NOT_BEFORE, NOT_AFTER, Optional.empty());
    }

    public static PublisherEntry publisher(String id, List<String> namespaces, TrustedKey... keys) {
        return new PublisherEntry(id, id + " Inc.", namespaces, List.of(keys));
    }

    /** Trust for {@code key}'s own publisher, its namespace being its id. */
    public static PublisherEntry publisherOf(SigningKey key) {
        return publisher(key.publisher(), List.of(key.publisher()), validKey(key));
    }

    public static TrustedPublishers trusting(PublisherEntry... entries) {
        List<TrustedPublisher> list = new ArrayList<>();
        for (PublisherEntry e : entries) {
            list.add(new TrustedPublisher(e, TrustSource.USER));
        }
        return new TrustedPublishers(list);
    }

    public static BundleVerifier verifier(PublisherEntry... entries) {
        return new BundleVerifier(trusting(entries), clock(), BundleLimits.defaults());
    }

    public static BundleVerifier verifier(BundleLimits limits, PublisherEntry... entries) {
        return new BundleVerifier(trusting(entries), clock(), limits);
    }

    public static byte[] pluginJson(String publisher, String name, String version) {
        return ("{\n  \"name\": \"" + name + "\",\n  \"version\": \"" + version + "\",\n  \"publisher\": \"" + publisher
                + "\",\n  \"description\": \"a test plugin\"\n}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** plugin.json plus a skill, an agent and a text file, sorted by path. */
    public static Map<String, byte[]> sampleFiles(String publisher, String name, String version) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("plugin.json", pluginJson(publisher, name, version));
        files.put("skills/forecast/SKILL.md", "---\nname: forecast\ndescription: forecasts\n---\nUse the tool.\n"
                .getBytes(StandardCharsets.UTF_8));
        files.put("agents/helper.md", "---\nname: helper\n---\nHelps.\n".getBytes(StandardCharsets.UTF_8));
        files.put("README.md", "# Weather\n".repeat(50).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    public static Path writeTree(Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        return dir;
    }

    /** Writes {@code files} under {@code work/src-N}, packs into {@code work/<name>.wpk} and signs with each key. */
    public static Path packAndSign(Path work, String bundleName, Map<String, byte[]> files, SigningKey... keys)
            throws Exception {
        Path src = Files.createDirectories(work.resolve("src-" + bundleName));
        writeTree(src, files);
        Path bundle = work.resolve(bundleName + ".wpk");
        BundleWriter.pack(src, bundle, BundleLimits.defaults());
        for (SigningKey key : keys) {
            BundleSigner.sign(bundle, key, BundleLimits.defaults());
        }
        return bundle;
    }

    /** files.json for {@code files} (which must be sorted by path and include plugin.json). */
    public static byte[] filesJson(Map<String, byte[]> files) {
        StringBuilder json = new StringBuilder("{\"files\":[");
        boolean first = true;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            json.append(first ? "" : ",").append("{\"path\":\"").append(f.getKey()).append("\",\"size\":")
                    .append(f.getValue().length).append(",\"sha256\":\"").append(sha256(f.getValue())).append("\"}");
            first = false;
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The signed payload, computed from the format's definition. */
    public static byte[] payload(String publisher, String name, String version, byte[] filesJson) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "warden.bundle/v1");
        payload.put("publisher", publisher);
        payload.put("name", name);
        payload.put("version", version);
        payload.put("files", sha256(filesJson));
        return CanonicalJson.encode(payload);
    }

    public static byte[] signatureJson(byte[] payload, SigningKey... keys) {
        StringBuilder json = new StringBuilder("{\"signatures\":[");
        for (int i = 0; i < keys.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"keyid\":\"").append(keys[i].keyId().hex())
                    .append("\",\"alg\":\"ed25519\",\"sig\":\"")
                    .append(Base64.getEncoder().encodeToString(keys[i].sign(payload))).append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A zip holding {@code files} (sorted, plugin.json included), a correct files.json and a
     * signature.json signed by {@code key} for {@code publisher/name@version}; tests then forge one defect.
     */
    public static ZipBuilder signedZip(Map<String, byte[]> files, String publisher, String name, String version,
                                       SigningKey key) {
        TreeMap<String, byte[]> sorted = new TreeMap<>(files);
        byte[] filesJson = filesJson(sorted);
        ZipBuilder zip = new ZipBuilder();
        sorted.forEach(zip::add);
        zip.add("META-INF/warden/files.json", filesJson);
        zip.add("META-INF/warden/signature.json", signatureJson(payload(publisher, name, version, filesJson), key));
        return zip;
    }

    /** {@link #signedZip} of the sample plugin acme/weather@1.0.0 plus {@code extra} files. */
    public static ZipBuilder signedZip(SigningKey key, Map<String, byte[]> extra) {
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        files.putAll(extra);
        return signedZip(files, "acme", "weather", "1.0.0", key);
    }

    public static String sha256(byte[] bytes) {
        return Digests.sha256Hex(bytes);
    }
}
