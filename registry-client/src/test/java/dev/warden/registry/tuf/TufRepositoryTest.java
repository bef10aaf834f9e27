package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.io.Digests;
import dev.warden.registry.fetch.Progress;
import dev.warden.registry.testing.InMemoryFetcher;
import dev.warden.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TufRepositoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path dir;
    private SigningKey key;

    @BeforeEach
    void setUp() {
        dir = tmp.resolve("repo");
        key = SigningKey.fromSeed("market", new byte[32]);
    }

    private static TargetListing listing(String name, String version) {
        return new TargetListing("acme/" + name, name, version, "The " + name + " plugin", List.of("notes", name),
                "acme", List.of(new TargetListing.ListedPermission("net.egress", "api.example.com", 2, false),
                        new TargetListing.ListedPermission("fs.read", "~/notes", 1, true)));
    }

    private Path bundle(String name, String content) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private Map<String, byte[]> snapshotOfFolder() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private TrustedMetadata refreshFromFolder() throws Exception {
        TrustedMetadata root = TrustedMetadata.bootstrap(Files.readAllBytes(dir.resolve("root.json")));
        return new TufClient(InMemoryFetcher.ofFolder(dir), CLOCK, TufLimits.defaults()).refresh(root).metadata();
    }

    @Test
    void initWritesAVersionOneRepositorySignedByOneKey() throws Exception {
        RepositoryInfo info = TufRepository.init(dir, key, CLOCK);

        assertThat(info.rootVersion()).isEqualTo(1);
        assertThat(info.rootKeys()).containsExactly(key.publicKey());
        assertThat(snapshotOfFolder()).containsOnlyKeys("root.json", "1.root.json", "1.targets.json",
                "1.snapshot.json", "timestamp.json");
        assertThat(Files.readAllBytes(dir.resolve("root.json"))).isEqualTo(Files.readAllBytes(dir.resolve("1.root.json")));
        TrustedMetadata trusted = refreshFromFolder();
        assertThat(trusted.rootKeys()).containsExactly(key.publicKey());
        assertThat(trusted.targets()).isEmpty();
        assertThat(Files.readString(dir.resolve("root.json"))).as("written in canonical form")
                .contains("\"consistent_snapshot\":true,\"expires\":\"2027-06-01T12:00:00Z\"").doesNotContain("\n");
    }

    @Test
    void initRefusesAFolderThatHoldsARepository() throws Exception {
        TufRepository.init(dir, key, CLOCK);

        assertThatThrownBy(() -> TufRepository.init(dir, key, CLOCK))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(dir.resolve("root.json").toString());
    }

    @Test
    void publishedBundlesAreSeenWithTheirListingsByAClient() throws Exception {
        TufRepository.init(dir, key, CLOCK);

        PublishResult first = TufRepository.publish(dir, key, bundle("n1", "notes one"), listing("notes", "1.0.0"), CLOCK);
        TufRepository.publish(dir, key, bundle("n2", "notes two"), listing("notes", "1.1.0"), CLOCK);
        PublishResult third = TufRepository.publish(dir, key, bundle("t1", "todo"), listing("todo", "0.1.0"), CLOCK);

        assertThat(first).isEqualTo(new PublishResult("acme/notes/acme-notes-1.0.0.wpk", 2, false));
        assertThat(third.targetsVersion()).isEqualTo(4);
        TrustedMetadata trusted = refreshFromFolder();
        assertThat(trusted.version("timestamp")).contains(4L);
        assertThat(trusted.version("snapshot")).contains(4L);
        assertThat(trusted.targets()).containsOnlyKeys("acme/notes/acme-notes-1.0.0.wpk",
                "acme/notes/acme-notes-1.1.0.wpk", "acme/todo/acme-todo-0.1.0.wpk");
        assertThat(trusted.targets().get("acme/todo/acme-todo-0.1.0.wpk").listing())
                .contains(listing("todo", "0.1.0"));

        TufClient client = new TufClient(InMemoryFetcher.ofFolder(dir), CLOCK, TufLimits.defaults());
        Path downloaded = tmp.resolve("download.wpk");
        client.downloadTarget(trusted, trusted.targets().get("acme/notes/acme-notes-1.1.0.wpk"), downloaded,
                Progress.none());
        assertThat(Files.readString(downloaded)).isEqualTo("notes two");
    }

    @Test
    void aClientThatRefreshedBeforeAPublishPicksItUp() throws Exception {
        TufRepository.init(dir, key, CLOCK);
        TrustedMetadata before = refreshFromFolder();
        TufRepository.publish(dir, key, bundle("n1", "notes one"), listing("notes", "1.0.0"), CLOCK);

        RefreshResult result = new TufClient(InMemoryFetcher.ofFolder(dir), CLOCK, TufLimits.defaults()).refresh(before);

        assertThat(result.changed()).isTrue();
        assertThat(result.metadata().targets()).containsOnlyKeys("acme/notes/acme-notes-1.0.0.wpk");
    }

    @Test
    void republishingTheSameBytesChangesNothing() throws Exception {
        TufRepository.init(dir, key, CLOCK);
        TufRepository.publish(dir, key, bundle("n1", "notes one"), listing("notes", "1.0.0"), CLOCK);
        Map<String, byte[]> before = snapshotOfFolder();

        PublishResult again = TufRepository.publish(dir, key, bundle("copy", "notes one"), listing("notes", "1.0.0"),
                Clock.offset(CLOCK, Duration.ofDays(1)));

        assertThat(again).isEqualTo(new PublishResult("acme/notes/acme-notes-1.0.0.wpk", 2, true));
        assertThat(snapshotOfFolder()).containsOnlyKeys(before.keySet().toArray(String[]::new));
        assertThat(snapshotOfFolder().get("timestamp.json")).isEqualTo(before.get("timestamp.json"));
    }

    @Test
    void refusesTheSameVersionWithDifferentBytes() throws Exception {
        TufRepository.init(dir, key, CLOCK);
        TufRepository.publish(dir, key, bundle("n1", "notes one"), listing("notes", "1.2.0"), CLOCK);
        Map<String, byte[]> before = snapshotOfFolder();

        TufException e = refused(TufException.Kind.MISMATCH, () -> TufRepository.publish(dir, key,
                bundle("n1b", "notes one, changed"), listing("notes", "1.2.0"), CLOCK));

        assertThat(e.getMessage()).contains("acme/notes version 1.2.0 is already published with different content",
                "publish a new version");
        assertThat(snapshotOfFolder().keySet()).isEqualTo(before.keySet());
    }

    @Test
    void refusesAKeyThatIsNotTheRepositorysKey() throws Exception {
        TufRepository.init(dir, key, CLOCK);
        Map<String, byte[]> before = snapshotOfFolder();
        SigningKey other = SigningKey.fromSeed("market", new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                29, 30, 31, 32});

        TufException e = refused(TufException.Kind.KEY_REFUSED, () -> TufRepository.publish(dir, other,
                bundle("n1", "notes one"), listing("notes", "1.0.0"), CLOCK));

        assertThat(e.getMessage()).contains(other.keyId().fingerprint(), key.keyId().fingerprint(), "targets");
        assertThat(snapshotOfFolder().keySet()).isEqualTo(before.keySet());
    }

    @Test
    void storesBundlesUnderTheirHashedTargetName() throws Exception {
        TufRepository.init(dir, key, CLOCK);
        TufRepository.publish(dir, key, bundle("n1", "notes one"), listing("notes", "1.0.0"), CLOCK);

        String sha256 = Digests.sha256Hex("notes one".getBytes(StandardCharsets.UTF_8));
        assertThat(dir.resolve("targets/acme/notes/" + sha256 + ".acme-notes-1.0.0.wpk")).hasContent("notes one");
        assertThat(snapshotOfFolder()).containsKeys("2.targets.json", "2.snapshot.json");
    }

    @Test
    void refusesAListingThatCannotFormATargetPath() throws Exception {
        TufRepository.init(dir, key, CLOCK);
        TargetListing bad = new TargetListing("acme/x", "../x", "1.0.0", "", List.of(), "acme", List.of());

        assertThatThrownBy(() -> TufRepository.publish(dir, key, bundle("b", "b"), bad, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
