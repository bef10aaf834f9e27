package dev.warden.registry.testing;

import dev.warden.signing.CanonicalJson;
import dev.warden.signing.SigningKey;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A TUF repository held in memory and served through an {@link InMemoryFetcher}, written independently
 * of the production writer: tests change its versions, expiries, keys and signers, then publish
 * metadata (canonical JSON) that may be right or deliberately wrong.
 */
public final class SimulatedRepository {

    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> ROLES = List.of("root", "timestamp", "snapshot", "targets");

    public final InMemoryFetcher fetcher = new InMemoryFetcher();
    public Instant now = NOW;
    public boolean consistentSnapshot = true;
    /** Whether the timestamp and snapshot list lengths and hashes of the files below them. */
    public boolean listLengthsAndHashes = true;

    public long rootVersion = 1;
    public long timestampVersion = 1;
    public long snapshotVersion = 1;
    public long targetsVersion = 1;
    public Instant rootExpires = NOW.plus(Duration.ofDays(365));
    public Instant timestampExpires = NOW.plus(Duration.ofDays(1));
    public Instant snapshotExpires = NOW.plus(Duration.ofDays(7));
    public Instant targetsExpires = NOW.plus(Duration.ofDays(30));

    /** Tweaks applied to each {@code signed} tree before it is signed, by role. */
    public final Map<String, Consumer<Map<String, Object>>> tweaks = new LinkedHashMap<>();

    private final Map<String, List<SigningKey>> keys = new LinkedHashMap<>();
    private final Map<String, Integer> thresholds = new LinkedHashMap<>();
    private final Map<String, List<SigningKey>> signers = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> targets = new TreeMap<>();
    private final List<Map<String, Object>> extraKeys = new ArrayList<>();
    private byte[] lastTargets;
    private byte[] lastSnapshot;
    private int seeds;

    private SimulatedRepository() {
    }

    /** A repository with one key per role, threshold 1, every file published at version 1. */
    public static SimulatedRepository create() {
        SimulatedRepository repo = new SimulatedRepository();
        for (String role : ROLES) {
            repo.setKeys(role, 1, repo.newKey());
        }
        repo.publishRoot();
        repo.publish();
        return repo;
    }

    public Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    /** A new key, different from every key made before by this repository. */
    public SigningKey newKey() {
        byte[] seed = ByteBuffer.allocate(32).putInt(++seeds).putLong(0x5eed5eedL).array();
        return SigningKey.fromSeed("sim", seed);
    }

    /** Makes {@code roleKeys} the role's keys with {@code threshold}, and its signers. */
    public void setKeys(String role, int threshold, SigningKey... roleKeys) {
        keys.put(role, new ArrayList<>(List.of(roleKeys)));
        thresholds.put(role, threshold);
        signers.put(role, new ArrayList<>(List.of(roleKeys)));
    }

    /** The keys that sign the role's next files; tests add or remove keys here. */
    public List<SigningKey> signers(String role) {
        return signers.get(role);
    }

    public List<SigningKey> keys(String role) {
        return keys.get(role);
    }

    /** Lists a key object (e.g. of an unknown type) in the next root under {@code keyid} and in the role. */
    public void addRawKey(String role, String keyid, Map<String, Object> keyObject) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("role", role);
        entry.put("keyid", keyid);
        entry.put("key", keyObject);
        extraKeys.add(entry);
    }

    public void addTarget(String path, byte[] content, Map<String, Object> custom) {
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("sha256", hex(digest("SHA-256", content)));
        hashes.put("sha512", hex(digest("SHA-512", content)));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("length", (long) content.length);
        target.put("hashes", hashes);
        if (custom != null) {
            target.put("custom", custom);
        }
        targets.put(path, target);
        int slash = path.lastIndexOf('/');
        String stored = consistentSnapshot
                ? path.substring(0, slash + 1) + hashes.get("sha256") + "." + path.substring(slash + 1) : path;
        fetcher.put("targets/" + stored, content);
    }

    /** The signed tree of the next root, as {@link #publishRoot()} would sign it. */
    public Map<String, Object> rootSigned() {
        Map<String, Object> keyObjects = new LinkedHashMap<>();
        Map<String, Object> roles = new LinkedHashMap<>();
        for (String role : ROLES) {
            List<Object> ids = new ArrayList<>();
            for (SigningKey key : keys.get(role)) {
                String id = keyId(key);
                keyObjects.put(id, keyObject(key));
                ids.add(id);
            }
            for (Map<String, Object> extra : extraKeys) {
                if (extra.get("role").equals(role)) {
                    keyObjects.put((String) extra.get("keyid"), extra.get("key"));
                    ids.add(extra.get("keyid"));
                }
            }
            Map<String, Object> roleTree = new LinkedHashMap<>();
            roleTree.put("keyids", ids);
            roleTree.put("threshold", (long) thresholds.get(role));
            roles.put(role, roleTree);
        }
        Map<String, Object> signed = header("root", rootVersion, rootExpires);
        signed.put("consistent_snapshot", consistentSnapshot);
        signed.put("keys", keyObjects);
        signed.put("roles", roles);
        return signed;
    }

    /** Signs the root model as {@code N.root.json} and {@code root.json}. */
    public byte[] publishRoot() {
        byte[] bytes = sign("root", rootSigned(), signers.get("root"));
        fetcher.put(rootVersion + ".root.json", bytes);
        fetcher.put("root.json", bytes);
        return bytes;
    }

    /** Targets, snapshot, then timestamp, at the current versions. */
    public void publish() {
        publishTargets();
        publishSnapshot();
        publishTimestamp();
    }

    public byte[] publishTargets() {
        Map<String, Object> signed = header("targets", targetsVersion, targetsExpires);
        Map<String, Object> copy = new TreeMap<>(targets);
        signed.put("targets", copy);
        lastTargets = sign("targets", signed, signers.get("targets"));
        fetcher.put(targetsVersion + ".targets.json", lastTargets);
        fetcher.put("targets.json", lastTargets);
        return lastTargets;
    }

    public byte[] publishSnapshot() {
        Map<String, Object> signed = header("snapshot", snapshotVersion, snapshotExpires);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("targets.json", metaFile(targetsVersion, lastTargets));
        signed.put("meta", meta);
        lastSnapshot = sign("snapshot", signed, signers.get("snapshot"));
        fetcher.put(snapshotVersion + ".snapshot.json", lastSnapshot);
        fetcher.put("snapshot.json", lastSnapshot);
        return lastSnapshot;
    }

    public byte[] publishTimestamp() {
        Map<String, Object> signed = header("timestamp", timestampVersion, timestampExpires);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("snapshot.json", metaFile(snapshotVersion, lastSnapshot));
        signed.put("meta", meta);
        byte[] bytes = sign("timestamp", signed, signers.get("timestamp"));
        fetcher.put("timestamp.json", bytes);
        return bytes;
    }

    /** The root as a person would accept it: {@code 1.root.json}. */
    public byte[] initialRoot() {
        return fetcher.get("1.root.json").orElseThrow();
    }

    /** {@code {"signed":..,"signatures":[..]}} in canonical JSON, one signature per key, after the role's tweak. */
    public byte[] sign(String role, Map<String, Object> signed, List<SigningKey> by) {
        Consumer<Map<String, Object>> tweak = tweaks.get(role);
        if (tweak != null) {
            tweak.accept(signed);
        }
        byte[] canonical = CanonicalJson.encode(signed);
        List<Object> signatures = new ArrayList<>();
        for (SigningKey key : by) {
            Map<String, Object> signature = new LinkedHashMap<>();
            signature.put("keyid", keyId(key));
            signature.put("sig", hex(key.sign(canonical)));
            signatures.add(signature);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("signed", signed);
        envelope.put("signatures", signatures);
        return CanonicalJson.encode(envelope);
    }

    public static String keyId(SigningKey key) {
        return hex(digest("SHA-256", CanonicalJson.encode(keyObject(key))));
    }

    public static Map<String, Object> keyObject(SigningKey key) {
        Map<String, Object> keyval = new LinkedHashMap<>();
        keyval.put("public", hex(key.publicKey().raw()));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("keytype", "ed25519");
        object.put("scheme", "ed25519");
        object.put("keyval", keyval);
        return object;
    }

    public static String expires(Instant instant) {
        return EXPIRES.format(instant);
    }

    private Map<String, Object> header(String type, long version, Instant expires) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("_type", type);
        signed.put("spec_version", "1.0.31");
        signed.put("version", version);
        signed.put("expires", expires(expires));
        return signed;
    }

    private Map<String, Object> metaFile(long version, byte[] bytes) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("version", version);
        if (listLengthsAndHashes) {
            meta.put("length", (long) bytes.length);
            Map<String, Object> hashes = new LinkedHashMap<>();
            hashes.put("sha256", hex(digest("SHA-256", bytes)));
            meta.put("hashes", hashes);
        }
        return meta;
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
