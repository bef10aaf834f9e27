package dev.warden.manager.cli;

import dev.warden.manager.testing.MetadataForger;
import dev.warden.registry.tuf.TufRepository;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark fixture (bench/marketplace.sh): a static signed repository in WORK_DIR/repo with COUNT
 * targets, built in seconds. Publishing COUNT times would rewrite targets.json each time (quadratic),
 * so this publishes one real signed bundle through the real commands, then writes one new targets
 * version holding it and COUNT - 1 made-up listings (same length and hashes; their files need not
 * exist, since refreshing never downloads bundles), a new snapshot naming it and a new timestamp naming
 * that, all signed with the repository's key like {@code warden publish} signs them. Also leaves
 * WORK_DIR/timestamp.small.json (the timestamp before, naming the one-target snapshot) and
 * WORK_DIR/timestamp.big.json (a copy of the new one), so a benchmark can switch between the two.
 * Usage: ManyTargets WORK_DIR COUNT (WARDEN_HOME and WARDEN_SYSTEM_DIR come from the environment).
 */
public final class ManyTargets {

    private static final String[] VERBS = {"fetch", "sync", "lint", "format", "deploy", "query", "watch", "render",
        "translate", "summarize", "backup", "scan", "index", "convert", "notify", "review", "test", "trace", "cache", "search"};
    private static final String[] NOUNS = {"weather", "git", "jira", "slack", "postgres", "docker", "kubernetes", "s3",
        "markdown", "calendar", "email", "github", "notion", "redis", "terraform", "pdf", "images", "logs", "metrics",
        "invoices", "tickets", "figma", "sentry", "stripe", "sqlite", "browser", "shell", "csv", "yaml", "secrets", "dns",
        "crypto", "maps", "news", "music", "video", "translate", "openapi", "graphql", "kafka"};
    private static final String[] TOPICS = {"devops", "productivity", "data", "security", "writing", "cloud", "testing",
        "monitoring", "design", "finance", "communication", "database", "ai", "media", "web"};
    private static final String[] KINDS = {"net.egress", "fs.read", "fs.write", "process.exec", "env.read", "mcp.server"};

    private ManyTargets() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Path repo = work.resolve("repo");
        Map<String, String> env = new HashMap<>(System.getenv());

        SigningKey market = SigningKey.generate("market", new SecureRandom());
        Files.createDirectories(work.resolve("keys"));
        KeyFiles.write(market, work.resolve("keys/market.key"));
        TufRepository.init(repo, market, Clock.systemUTC());

        // One real signed bundle, published the ordinary way.
        CliRunner.runOrThrow(env, "keys", "generate", "--publisher", "bench", "--out", work.resolve("keys").toString());
        Path src = work.resolve("src/real-tool");
        Files.createDirectories(src.resolve("skills/s"));
        Files.writeString(src.resolve("plugin.json"), "{\"name\":\"real-tool\",\"version\":\"1.0.0\","
                + "\"publisher\":\"bench\",\"description\":\"The one real bundle of the marketplace benchmark\","
                + "\"keywords\":[\"bench\",\"real\"],\"permissions\":[{\"kind\":\"net.egress\","
                + "\"scope\":\"https://api.example.com\",\"reason\":\"fetch\"}],\"skills\":\"./skills/\"}",
                StandardCharsets.UTF_8);
        Files.writeString(src.resolve("skills/s/SKILL.md"), "---\nname: s\ndescription: A skill\n---\nDo it.\n");
        Path bundle = work.resolve("real-tool.wpk");
        CliRunner.runOrThrow(env, "pack", src.toString(), "--out", bundle.toString());
        CliRunner.runOrThrow(env, "sign", bundle.toString(), "--key", work.resolve("keys/bench.key").toString());
        CliRunner.runOrThrow(env, "publish", bundle.toString(), "--repo", repo.toString(), "--key", work.resolve("keys/market.key").toString());

        // The newest metadata, as publish left it; its timestamp is kept so a benchmark can serve the
        // one-target state first and then switch to the big one (a real update that fetches everything).
        Files.copy(repo.resolve("timestamp.json"), work.resolve("timestamp.small.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> timestamp = MetadataForger.read(repo.resolve("timestamp.json"));
        long snapshotVersion = version(meta(timestamp, "snapshot.json"));
        Map<String, Object> snapshot = MetadataForger.read(repo.resolve(snapshotVersion + ".snapshot.json"));
        long targetsVersion = version(meta(snapshot, "targets.json"));
        Map<String, Object> targets = MetadataForger.read(repo.resolve(targetsVersion + ".targets.json"));

        @SuppressWarnings("unchecked")
        Map<String, Object> existing = (Map<String, Object>) MetadataForger.signed(targets).get("targets");
        Map.Entry<String, Object> real = existing.entrySet().iterator().next();
        @SuppressWarnings("unchecked")
        Map<String, Object> realTarget = (Map<String, Object>) real.getValue();
        Object length = realTarget.get("length");
        Object hashes = realTarget.get("hashes");

        Map<String, Object> all = new LinkedHashMap<>();
        all.put(real.getKey(), realTarget);
        for (int i = 1; i < count; i++) {
            String publisher = "pub-" + (i % 200);
            String verb = VERBS[i % VERBS.length];
            String noun = NOUNS[(i / VERBS.length) % NOUNS.length];
            String name = noun + "-" + verb + "-" + i;
            String version = "1." + (i % 7) + "." + (i % 13);
            String topic = TOPICS[i % TOPICS.length];
            Map<String, Object> warden = new LinkedHashMap<>();
            warden.put("id", publisher + "/" + name);
            warden.put("name", name);
            warden.put("version", version);
            warden.put("description", "Lets an agent " + verb + " " + noun + " for " + topic + " work (tool " + i + ")");
            warden.put("keywords", new ArrayList<Object>(List.of(noun, verb, topic)));
            warden.put("publisher", publisher);
            List<Object> permissions = new ArrayList<>();
            for (int p = 0; p <= i % 3; p++) {
                String kind = KINDS[(i + p) % KINDS.length];
                Map<String, Object> permission = new LinkedHashMap<>();
                permission.put("kind", kind);
                permission.put("scope", scope(kind, noun, i));
                permission.put("risk", (long) ((i + p) % 5));
                permission.put("optional", p == 2);
                permissions.add(permission);
            }
            warden.put("permissions", permissions);
            Map<String, Object> custom = new LinkedHashMap<>();
            custom.put("warden", warden);
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("length", length);
            target.put("hashes", hashes);
            target.put("custom", custom);
            all.put(publisher + "/" + name + "/" + publisher + "-" + name + "-" + version + ".wpk", target);
        }

        long newTargets = targetsVersion + 1;
        byte[] targetsBytes = MetadataForger.resign(targets, signed -> {
            signed.put("version", newTargets);
            signed.put("targets", all);
        }, market);
        Files.write(repo.resolve(newTargets + ".targets.json"), targetsBytes);

        long newSnapshot = snapshotVersion + 1;
        byte[] snapshotBytes = MetadataForger.resign(snapshot, signed -> {
            signed.put("version", newSnapshot);
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) signed.get("meta");
            meta.put("targets.json", metaFile(newTargets, targetsBytes));
        }, market);
        Files.write(repo.resolve(newSnapshot + ".snapshot.json"), snapshotBytes);

        byte[] timestampBytes = MetadataForger.resign(timestamp, signed -> {
            signed.put("version", version(signed) + 1);
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) signed.get("meta");
            meta.put("snapshot.json", metaFile(newSnapshot, snapshotBytes));
        }, market);
        Files.write(repo.resolve("timestamp.json"), timestampBytes);
        Files.write(work.resolve("timestamp.big.json"), timestampBytes);
        System.out.printf("repository %s: %d targets, %d.targets.json of %.1f MB%n", repo, all.size(), newTargets,
                targetsBytes.length / 1e6);
    }

    private static String scope(String kind, String noun, int i) {
        return switch (kind) {
            case "net.egress" -> "https://api." + noun + i + ".example.com";
            case "fs.read", "fs.write" -> "${workspace}/" + noun + "/**";
            case "process.exec" -> "/usr/bin/" + noun + " *";
            case "env.read" -> noun.toUpperCase(java.util.Locale.ROOT) + "_*";
            default -> "stdio:" + noun + "-mcp --port " + (4000 + i % 1000);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> metadata, String file) {
        return (Map<String, Object>) ((Map<String, Object>) MetadataForger.signed(metadata).get("meta")).get(file);
    }

    private static long version(Map<String, Object> tree) {
        return ((Number) tree.get("version")).longValue();
    }

    private static Map<String, Object> metaFile(long version, byte[] bytes) {
        try {
            Map<String, Object> hashes = new LinkedHashMap<>();
            hashes.put("sha256", MetadataForger.sha256(bytes));
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("version", version);
            file.put("length", (long) bytes.length);
            file.put("hashes", hashes);
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
