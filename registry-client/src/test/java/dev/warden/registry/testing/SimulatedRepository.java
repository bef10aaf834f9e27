package dev.warden.registry.testing;

import dev.warden.registry.tuf.MetadataDirectory;
import dev.warden.registry.tuf.TufClient;
import dev.warden.registry.tuf.TufException;
import dev.warden.registry.tuf.TufLimits;
import dev.warden.signing.CanonicalJson;
import dev.warden.signing.SigningKey;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
    private final Map<String, Delegated> delegated = new LinkedHashMap<>();
    private Map<String, Object> bins;
    private byte[] lastTargets;
    private byte[] lastSnapshot;
    private int seeds;

    /**
     * A delegated targets role: who delegates to it and how, its keys, its targets and its version;
     * tests change the fields and publish again.
     */
    public static final class Delegated {
        public final String name;
        public int threshold = 1;
        public final List<SigningKey> keys = new ArrayList<>();
        public final List<SigningKey> signers = new ArrayList<>();
        public long version = 1;
        public Instant expires = NOW.plus(Duration.ofDays(30));
        public final Map<String, Object> targets = new TreeMap<>();
        byte[] last;

        Delegated(String name) {
            this.name = name;
        }
    }

    /** One delegation: a delegator lists a role with these paths (or hash prefixes). */
    private record Edge(String delegator, String name, boolean terminating, List<String> paths, List<String> prefixes) {
    }

    private final List<Edge> edges = new ArrayList<>();

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

    /** @return a TUF client of this repository, with the default limits, on its clock */
    public TufClient client() {
        return new TufClient(fetcher, clock(), TufLimits.defaults());
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

    /**
     * Delegates {@code paths} from {@code delegator} ({@code targets} or a delegated role) to a new role
     * signed by one new key; nothing is published yet.
     */
    public Delegated delegate(String delegator, String name, boolean terminating, String... paths) {
        edges.add(new Edge(delegator, name, terminating, List.of(paths), null));
        return role(name);
    }

    /** Like {@link #delegate}, by prefixes of the SHA-256 of target paths. */
    public Delegated delegateByHashPrefix(String delegator, String name, String... prefixes) {
        edges.add(new Edge(delegator, name, false, null, List.of(prefixes)));
        return role(name);
    }

    /** The role, made with one new key if it does not exist yet. */
    private Delegated role(String name) {
        return delegated.computeIfAbsent(name, n -> {
            Delegated role = new Delegated(n);
            SigningKey key = newKey();
            role.keys.add(key);
            role.signers.add(key);
            return role;
        });
    }

    public Delegated delegated(String name) {
        return delegated.get(name);
    }

    /** Lets the top-level targets delegate to {@code 2^bitLength} hash bins signed by {@code key}. */
    public void delegateToBins(int bitLength, String prefix, SigningKey key) {
        bins = new LinkedHashMap<>();
        bins.put("bit_length", (long) bitLength);
        bins.put("name_prefix", prefix);
        bins.put("keyids", new ArrayList<Object>(List.of(keyId(key))));
        bins.put("threshold", 1L);
        bins.put("key", key);
    }

    /** Adds a target to a delegated role (or a bin made with {@link #binRole}). */
    public void addTarget(String role, String path, byte[] content) {
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("sha256", hex(digest("SHA-256", content)));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("length", (long) content.length);
        target.put("hashes", hashes);
        delegated.get(role).targets.put(path, target);
        int slash = path.lastIndexOf('/');
        String stored = consistentSnapshot
                ? path.substring(0, slash + 1) + hashes.get("sha256") + "." + path.substring(slash + 1) : path;
        fetcher.put("targets/" + stored, content);
    }

    /** A bin as a role of its own, signed by the bins' key, so that targets can be added to it. */
    public Delegated binRole(String name) {
        Delegated role = new Delegated(name);
        SigningKey key = (SigningKey) bins.get("key");
        role.keys.add(key);
        role.signers.add(key);
        delegated.put(name, role);
        return role;
    }

    /** Percent-encodes a role name as the TUF reference implementation does (written here independently). */
    public static String quote(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "_.-~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append(String.format("%%%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private Map<String, Object> delegationsOf(String delegator) {
        Map<String, Object> keyObjects = new LinkedHashMap<>();
        if (delegator.equals("targets") && bins != null) {
            SigningKey key = (SigningKey) bins.get("key");
            keyObjects.put(keyId(key), keyObject(key));
            Map<String, Object> succinct = new LinkedHashMap<>(bins);
            succinct.remove("key");
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("keys", keyObjects);
            tree.put("succinct_roles", succinct);
            return tree;
        }
        List<Object> roles = new ArrayList<>();
        for (Edge edge : edges) {
            if (!edge.delegator().equals(delegator)) {
                continue;
            }
            Delegated role = delegated.get(edge.name());
            List<Object> ids = new ArrayList<>();
            for (SigningKey key : role.keys) {
                keyObjects.put(keyId(key), keyObject(key));
                ids.add(keyId(key));
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("name", role.name);
            tree.put("keyids", ids);
            tree.put("threshold", (long) role.threshold);
            tree.put("terminating", edge.terminating());
            if (edge.paths() != null) {
                tree.put("paths", new ArrayList<Object>(edge.paths()));
            } else {
                tree.put("path_hash_prefixes", new ArrayList<Object>(edge.prefixes()));
            }
            roles.add(tree);
        }
        if (roles.isEmpty()) {
            return null;
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("keys", keyObjects);
        tree.put("roles", roles);
        return tree;
    }

    /** Signs a delegated role as {@code V.<quoted>.json} and {@code <quoted>.json}. */
    public byte[] publishDelegated(String name) {
        Delegated role = delegated.get(name);
        Map<String, Object> signed = header("targets", role.version, role.expires);
        signed.put("targets", new TreeMap<>(role.targets));
        Map<String, Object> delegations = delegationsOf(name);
        if (delegations != null) {
            signed.put("delegations", delegations);
        }
        role.last = sign(name, signed, role.signers);
        fetcher.put(role.version + "." + quote(name) + ".json", role.last);
        fetcher.put(quote(name) + ".json", role.last);
        return role.last;
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

    /** Delegated roles, targets, snapshot, then timestamp, at the current versions. */
    public void publish() {
        for (String name : delegated.keySet()) {
            publishDelegated(name);
        }
        publishTargets();
        publishSnapshot();
        publishTimestamp();
    }

    public byte[] publishTargets() {
        Map<String, Object> signed = header("targets", targetsVersion, targetsExpires);
        Map<String, Object> copy = new TreeMap<>(targets);
        signed.put("targets", copy);
        Map<String, Object> delegations = delegationsOf("targets");
        if (delegations != null) {
            signed.put("delegations", delegations);
        }
        lastTargets = sign("targets", signed, signers.get("targets"));
        fetcher.put(targetsVersion + ".targets.json", lastTargets);
        fetcher.put("targets.json", lastTargets);
        return lastTargets;
    }

    public byte[] publishSnapshot() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("targets.json", metaFile(targetsVersion, lastTargets));
        for (Delegated role : delegated.values()) {
            if (role.last != null) {
                meta.put(role.name + ".json", metaFile(role.version, role.last));
            }
        }
        lastSnapshot = publishMeta("snapshot", snapshotVersion, snapshotExpires, meta);
        fetcher.put(snapshotVersion + ".snapshot.json", lastSnapshot);
        return lastSnapshot;
    }

    public byte[] publishTimestamp() {
        return publishMeta("timestamp", timestampVersion, timestampExpires,
                Map.of("snapshot.json", metaFile(snapshotVersion, lastSnapshot)));
    }

    /** Signs {@code role} listing {@code meta} and serves it under its plain name. */
    private byte[] publishMeta(String role, long version, Instant expires, Map<String, Object> meta) {
        Map<String, Object> signed = header(role, version, expires);
        signed.put("meta", meta);
        byte[] bytes = sign(role, signed, signers.get(role));
        fetcher.put(role + ".json", bytes);
        return bytes;
    }

    /** Publishes the given root versions, one after another, each signed by the keys of the one before. */
    public void publishRoots(int... versions) {
        for (int version : versions) {
            rootVersion = version;
            publishRoot();
        }
    }

    /** A metadata folder at {@code folder} that trusts {@link #initialRoot()}. */
    public MetadataDirectory trustingDirectory(Path folder) throws TufException, java.io.IOException {
        MetadataDirectory dir = new MetadataDirectory(folder);
        dir.init(initialRoot());
        return dir;
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
        return keyObject("ed25519", "ed25519", hex(key.publicKey().raw()));
    }

    /** A TUF key object of any type and scheme, {@code {"keytype":..,"scheme":..,"keyval":{"public":..}}}; mutable. */
    public static Map<String, Object> keyObject(String keytype, String scheme, String publicValue) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("keytype", keytype);
        object.put("scheme", scheme);
        object.put("keyval", new LinkedHashMap<>(Map.of("public", publicValue)));
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
