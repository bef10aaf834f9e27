package dev.warden.manager.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.warden.manager.testing.HomeSnapshot;
import dev.warden.manager.testing.MetadataForger;
import dev.warden.manager.testing.PluginSource;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * THREATS.md "Marketplace metadata" and "Faults" against {@code marketplace update}: a signed
 * repository served through WireMock, with one file broken, slowed, replayed or forged per test.
 * Each must be refused with the file named, and leave the cached metadata exactly as it was.
 */
class MarketplaceAttackTest extends TrustedAcmeFixture {

    private static final String TIMESTAMP = "/timestamp.json";

    WireMockServer server;
    Path site;
    Path marketKeyFile;
    SigningKey marketKey;
    Map<String, byte[]> firstSite;

    @BeforeEach
    void setUp() throws Exception {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        site = temp.resolve("site");
        warden.env("WARDEN_HTTP_TIMEOUT", "1").env("WARDEN_HTTP_RETRIES", "1");
        ok("keys", "generate", "--publisher", "acme-market", "--out", temp.resolve("market").toString());
        marketKeyFile = temp.resolve("market/acme-market.key");
        marketKey = KeyFiles.read(marketKeyFile);
        ok("repo", "init", site.toString(), "--key", marketKeyFile.toString());
        publish(weather("1.0.0"));
        serveSite();
        firstSite = files(site);
        ok("marketplace", "add", "acme-market", server.baseUrl() + "/", "--yes");
        publish(weather("1.1.0"));
        serveSite();
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    static PluginSource weather(String version) {
        return plugin("acme", "weather").version(version).permission("net.egress", "https://api.weather.gov", "fetch forecasts");
    }

    void publish(PluginSource source) throws Exception {
        ok("publish", acme.sign(source, "weather-" + source.hashCode()).toString(), "--repo", site.toString(), "--key",
                marketKeyFile.toString());
    }

    static Map<String, byte[]> files(Path root) throws Exception {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put("/" + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** Serves the repository folder as it is now, at a low priority so a test's stub wins. */
    void serveSite() throws Exception {
        server.resetAll();
        for (Map.Entry<String, byte[]> file : files(site).entrySet()) {
            server.stubFor(get(urlEqualTo(file.getKey())).atPriority(10).willReturn(aResponse().withStatus(200).withBody(file.getValue())));
        }
    }

    void override(String path, ResponseDefinitionBuilder response) {
        MappingBuilder mapping = get(urlEqualTo(path)).atPriority(1).willReturn(response);
        server.stubFor(mapping);
    }

    long latest(String role) throws Exception {
        try (Stream<Path> list = Files.list(site)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("." + role + ".json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, n.indexOf('.')))).max().orElseThrow();
        }
    }

    /** Runs an update that must fail, and checks the cache did not move. */
    CliRunner.Result refusedUpdate(int exitCode, String... named) throws Exception {
        Map<String, String> before = HomeSnapshot.of(home.resolve("cache"));
        CliRunner.Result result = warden.run("marketplace", "update", "acme-market");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(exitCode);
        for (String word : named) {
            assertThat(result.err()).as(result.all()).containsIgnoringCase(word);
        }
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(HomeSnapshot.of(home.resolve("cache"))).isEqualTo(before);
        return result;
    }

    @Test
    void aValidUpdateIsAcceptedAndShowsTheNewVersion() {
        assertThat(ok("marketplace", "update", "acme-market").out()).contains("acme/weather 1.0.0 -> 1.1.0");
        assertThat(ok("marketplace", "update").out()).contains("up to date");
    }

    @Test
    void anUnchangedTimestampIsRevalidatedWithItsETagInsteadOfFetchedAgain() throws Exception {
        byte[] timestamp = Files.readAllBytes(site.resolve("timestamp.json"));
        server.stubFor(get(urlEqualTo(TIMESTAMP)).atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"ts-2\"").withBody(timestamp)));
        server.stubFor(get(urlEqualTo(TIMESTAMP)).withHeader("If-None-Match", equalTo("\"ts-2\"")).atPriority(1)
                .willReturn(aResponse().withStatus(304)));
        ok("marketplace", "update", "acme-market");
        Map<String, String> before = HomeSnapshot.of(home.resolve("cache"));

        CliRunner.Result again = ok("marketplace", "update", "acme-market");

        assertThat(again.out()).contains("up to date");
        server.verify(1, getRequestedFor(urlEqualTo(TIMESTAMP)).withHeader("If-None-Match", equalTo("\"ts-2\"")));
        assertThat(HomeSnapshot.of(home.resolve("cache"))).isEqualTo(before);
    }

    @Test
    void persistentServerErrorsAreReported() throws Exception {
        override(TIMESTAMP, aResponse().withStatus(500));
        refusedUpdate(ExitCode.ERROR, "timestamp.json", "500");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        override(TIMESTAMP, aResponse().withStatus(200).withBody("{}").withFixedDelay(6000));
        refusedUpdate(ExitCode.ERROR, "timestamp.json");
    }

    @Test
    void aSlowDripBelowTheMinimumRateIsAborted() throws Exception {
        String snapshot = "/" + latest("snapshot") + ".snapshot.json";
        byte[] body = Files.readAllBytes(site.resolve(snapshot.substring(1)));
        override(snapshot, aResponse().withStatus(200).withBody(body).withChunkedDribbleDelay(body.length, 60_000));
        refusedUpdate(ExitCode.ERROR, "snapshot.json");
    }

    @Test
    void aConnectionClosedMidBodyIsReported() throws Exception {
        override("/" + latest("targets") + ".targets.json", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        CliRunner.Result result = refusedUpdateAnyCode("targets.json");
        assertThat(result.exitCode()).isIn(ExitCode.ERROR, ExitCode.INTEGRITY);
    }

    @Test
    void aTruncatedSnapshotIsRefused() throws Exception {
        String snapshot = "/" + latest("snapshot") + ".snapshot.json";
        byte[] body = Files.readAllBytes(site.resolve(snapshot.substring(1)));
        override(snapshot, aResponse().withStatus(200).withBody(java.util.Arrays.copyOf(body, body.length / 2)));
        refusedUpdateAnyCode("snapshot");
    }

    @Test
    void anEndlessTimestampIsCutOffAtItsLimit() throws Exception {
        override(TIMESTAMP, aResponse().withStatus(200).withBody(new byte[4 * 1024 * 1024]));
        refusedUpdateAnyCode("timestamp.json");
    }

    @Test
    void aChangedByteInTheSnapshotFailsItsHash() throws Exception {
        String snapshot = "/" + latest("snapshot") + ".snapshot.json";
        byte[] body = Files.readAllBytes(site.resolve(snapshot.substring(1))).clone();
        byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
        longer[body.length] = ' ';
        override(snapshot, aResponse().withStatus(200).withBody(longer));
        refusedUpdate(ExitCode.INTEGRITY, "snapshot");
    }

    @Test
    void aRedirectToAnotherHostIsRefused() throws Exception {
        WireMockServer other = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        other.start();
        try {
            override(TIMESTAMP, aResponse().withStatus(302).withHeader("Location", other.baseUrl() + TIMESTAMP));
            refusedUpdate(ExitCode.ERROR, "redirect");
        } finally {
            other.stop();
        }
    }

    @Test
    void anOlderTimestampIsARollback() throws Exception {
        ok("marketplace", "update", "acme-market");
        override(TIMESTAMP, aResponse().withStatus(200).withBody(firstSite.get(TIMESTAMP)));
        refusedUpdate(ExitCode.INTEGRITY, "timestamp");
    }

    @Test
    void aTimestampPointingToAnOlderSnapshotIsARollback() throws Exception {
        ok("marketplace", "update", "acme-market");
        long oldSnapshot = latest("snapshot") - 1;
        byte[] forged = forgeTimestamp(oldSnapshot, Files.readAllBytes(site.resolve(oldSnapshot + ".snapshot.json")), null);
        override(TIMESTAMP, aResponse().withStatus(200).withBody(forged));
        refusedUpdate(ExitCode.INTEGRITY, "snapshot");
    }

    @Test
    void aSnapshotPointingToOlderTargetsIsARollback() throws Exception {
        ok("marketplace", "update", "acme-market");
        long snapshotVersion = latest("snapshot") + 1;
        Map<String, Object> snapshot = MetadataForger.read(site.resolve(latest("snapshot") + ".snapshot.json"));
        byte[] forgedSnapshot = MetadataForger.resign(snapshot, signed -> {
            signed.put("version", snapshotVersion);
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) signed.get("meta");
            meta.put("targets.json", Map.of("version", 1L));
        }, marketKey);
        override("/" + snapshotVersion + ".snapshot.json", aResponse().withStatus(200).withBody(forgedSnapshot));
        override(TIMESTAMP, aResponse().withStatus(200).withBody(forgeTimestamp(snapshotVersion, forgedSnapshot, null)));
        refusedUpdate(ExitCode.INTEGRITY, "targets");
    }

    @Test
    void anExpiredTimestampIsAFreeze() throws Exception {
        long snapshot = latest("snapshot");
        byte[] forged = forgeTimestamp(snapshot, Files.readAllBytes(site.resolve(snapshot + ".snapshot.json")), "2001-01-01T00:00:00Z");
        override(TIMESTAMP, aResponse().withStatus(200).withBody(forged));
        refusedUpdate(ExitCode.INTEGRITY, "expired");
    }

    @Test
    void targetsOfAnotherVersionThanTheSnapshotNamesAreAMixAndMatch() throws Exception {
        long targets = latest("targets");
        override("/" + targets + ".targets.json", aResponse().withStatus(200)
                .withBody(Files.readAllBytes(site.resolve((targets - 1) + ".targets.json"))));
        refusedUpdate(ExitCode.INTEGRITY, "targets");
    }

    @Test
    void aRootRotationSignedByOldAndNewKeysIsAccepted() throws Exception {
        SigningKey next = SigningKey.generate("acme-market", new SecureRandom());
        override("/2.root.json", aResponse().withStatus(200).withBody(rotatedRoot(2, next, marketKey, next)));

        CliRunner.Result updated = ok("marketplace", "update", "acme-market");

        assertThat(updated.out()).contains("rotated").contains("1.1.0");
    }

    @Test
    void aRootRotationSignedOnlyByTheOldKeysIsRefused() throws Exception {
        SigningKey next = SigningKey.generate("acme-market", new SecureRandom());
        override("/2.root.json", aResponse().withStatus(200).withBody(rotatedRoot(2, next, marketKey)));
        refusedUpdate(ExitCode.INTEGRITY, "root");
    }

    @Test
    void aRootRotationSignedOnlyByTheNewKeysIsRefused() throws Exception {
        SigningKey next = SigningKey.generate("acme-market", new SecureRandom());
        override("/2.root.json", aResponse().withStatus(200).withBody(rotatedRoot(2, next, next)));
        refusedUpdate(ExitCode.INTEGRITY, "root");
    }

    @Test
    void aRootRotationThatSkipsAVersionIsRefused() throws Exception {
        SigningKey next = SigningKey.generate("acme-market", new SecureRandom());
        override("/2.root.json", aResponse().withStatus(200).withBody(rotatedRoot(3, next, marketKey, next)));
        refusedUpdate(ExitCode.INTEGRITY, "root");
    }

    CliRunner.Result refusedUpdateAnyCode(String named) throws Exception {
        Map<String, String> before = HomeSnapshot.of(home.resolve("cache"));
        CliRunner.Result result = warden.run("marketplace", "update", "acme-market");
        assertThat(result.exitCode()).as(result.all()).isIn(ExitCode.ERROR, ExitCode.INTEGRITY);
        assertThat(result.err()).as(result.all()).containsIgnoringCase(named).doesNotContain("\tat ");
        assertThat(HomeSnapshot.of(home.resolve("cache"))).isEqualTo(before);
        return result;
    }

    /** A root of {@code version} whose root role is {@code next} alone, signed by {@code signers}. */
    byte[] rotatedRoot(long version, SigningKey next, SigningKey... signers) throws Exception {
        Map<String, Object> root = MetadataForger.read(site.resolve("1.root.json"));
        return MetadataForger.resign(root, signed -> {
            signed.put("version", version);
            @SuppressWarnings("unchecked")
            Map<String, Object> keys = (Map<String, Object>) signed.get("keys");
            keys.put(MetadataForger.keyId(next), MetadataForger.keyObject(next));
            @SuppressWarnings("unchecked")
            Map<String, Object> roles = (Map<String, Object>) signed.get("roles");
            roles.put("root", Map.of("keyids", List.of(MetadataForger.keyId(next)), "threshold", 1L));
        }, signers);
    }

    /** A timestamp one version newer than the repository's, naming snapshot {@code version} with {@code snapshot}'s hash and length. */
    byte[] forgeTimestamp(long version, byte[] snapshot, String expires) throws Exception {
        Map<String, Object> timestamp = MetadataForger.read(site.resolve("timestamp.json"));
        String hash = MetadataForger.sha256(snapshot);
        return MetadataForger.resign(timestamp, signed -> {
            signed.put("version", ((Number) signed.get("version")).longValue() + 1);
            if (expires != null) {
                signed.put("expires", expires);
            }
            signed.put("meta", Map.of("snapshot.json", Map.of("version", version, "length", (long) snapshot.length,
                    "hashes", Map.of("sha256", hash))));
        }, marketKey);
    }
}
