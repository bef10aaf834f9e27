package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.NOT_AFTER;
import static dev.warden.signing.testing.BundleFixture.NOT_BEFORE;
import static dev.warden.signing.testing.BundleFixture.NOW;
import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.publisher;
import static dev.warden.signing.testing.BundleFixture.validKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustDirectoryTest {

    @TempDir
    Path tmp;

    private Path user;
    private Path system;
    private TrustDirectory directory;
    private final SigningKey acme = key("acme", 1);
    private final SigningKey acme2 = key("acme", 2);

    @BeforeEach
    void folders() {
        user = tmp.resolve("home/trust/publishers");
        system = tmp.resolve("etc/warden/trust/publishers");
        directory = new TrustDirectory(user, system);
    }

    private void systemEntry(PublisherEntry entry) throws Exception {
        Files.createDirectories(system);
        Files.write(system.resolve(entry.id() + ".json"), PublisherEntries.toJson(entry));
    }

    @Test
    void missingFoldersLoadAsEmpty() throws Exception {
        assertThat(directory.load().publishers()).isEmpty();
    }

    @Test
    void addedPublisherIsStoredAsItsIdFileAndLoadsAsUser() throws Exception {
        PublisherEntry entry = publisher("acme", List.of("acme"), validKey(acme));

        directory.add(entry, NOW);

        assertThat(user.resolve("acme.json")).isRegularFile();
        TrustedPublishers loaded = directory.load();
        assertThat(loaded.find("acme")).contains(new TrustedPublisher(entry, TrustSource.USER));
        assertThat(loaded.holdersOf(acme.keyId())).extracting(TrustedPublisher::id).containsExactly("acme");
        assertThat(loaded.holdersOf(key("x", 3).keyId())).isEmpty();
        try (var files = Files.list(user)) {
            assertThat(files).containsExactly(user.resolve("acme.json"));
        }
    }

    @Test
    void systemEntryWinsOverAUserEntryWithTheSameId() throws Exception {
        directory.add(publisher("acme", List.of("acme"), validKey(acme2)), NOW);
        PublisherEntry admin = publisher("acme", List.of("acme"), validKey(acme));
        systemEntry(admin);

        TrustedPublishers loaded = directory.load();

        assertThat(loaded.publishers()).containsExactly(new TrustedPublisher(admin, TrustSource.SYSTEM));
        assertThat(loaded.holdersOf(acme2.keyId())).isEmpty();
    }

    @Test
    void userEntryClaimingASystemNamespaceIsIgnored() throws Exception {
        Files.createDirectories(user);
        SigningKey mallory = key("mallory", 4);
        Files.write(user.resolve("mallory.json"), PublisherEntries.toJson(publisher("mallory", List.of("acme"), validKey(mallory))));
        systemEntry(publisher("acme", List.of("acme"), validKey(acme)));

        assertThat(directory.load().find("mallory")).isEmpty();
    }

    @Test
    void addRefusesAnIdManagedByTheSystemFolder() throws Exception {
        systemEntry(publisher("acme", List.of("acme"), validKey(acme)));

        assertThatThrownBy(() -> directory.add(publisher("acme", List.of("acme"), validKey(acme2)), NOW))
                .isInstanceOf(TrustException.class).hasMessageContaining("'acme'").hasMessageContaining("administrator");
        assertThat(user.resolve("acme.json")).doesNotExist();
    }

    @Test
    void addRefusesANamespaceManagedByTheSystemFolder() throws Exception {
        systemEntry(publisher("acme", List.of("acme"), validKey(acme)));

        assertThatThrownBy(() -> directory.add(publisher("mallory", List.of("acme"), validKey(key("mallory", 4))), NOW))
                .isInstanceOf(TrustException.class).hasMessageContaining("namespace 'acme'");
    }

    @Test
    void addRefusesAnEntryWhoseKeysHaveAllExpired() {
        TrustedKey old = new TrustedKey(acme.publicKey(), Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2021-01-01T00:00:00Z"), Optional.empty());

        assertThatThrownBy(() -> directory.add(publisher("acme", List.of("acme"), old), NOW))
                .isInstanceOf(TrustException.class).hasMessageContaining("expired");
    }

    @Test
    void revocationSticksWhenTheKeyIsAddedAgain() throws Exception {
        directory.add(publisher("acme", List.of("acme"), validKey(acme)), NOW);
        directory.revoke("acme", Optional.of(acme.keyId()), "leaked", NOW);

        PublisherEntry stored = directory.add(publisher("acme", List.of("acme", "acme-labs"), validKey(acme), validKey(acme2)),
                NOW.plusSeconds(10));

        assertThat(stored.key(acme.keyId()).orElseThrow().revoked()).contains(new Revocation(NOW, "leaked"));
        assertThat(stored.key(acme2.keyId()).orElseThrow().revoked()).isEmpty();
        assertThat(stored.namespaces()).containsExactly("acme", "acme-labs");
        assertThat(directory.load().find("acme").orElseThrow().entry()).isEqualTo(stored);
    }

    @Test
    void addMergesKeysAndKeepsOnesTheNewEntryOmits() throws Exception {
        directory.add(publisher("acme", List.of("acme"), validKey(acme)), NOW);

        PublisherEntry stored = directory.add(publisher("acme", List.of("acme"), validKey(acme2)), NOW);

        assertThat(stored.keys()).extracting(TrustedKey::keyId).containsExactly(acme.keyId(), acme2.keyId());
    }

    @Test
    void revokeWithoutAKeyRevokesEveryKeyAndKeepsEarlierRevocations() throws Exception {
        directory.add(publisher("acme", List.of("acme"), validKey(acme), validKey(acme2)), NOW);
        directory.revoke("acme", Optional.of(acme.keyId()), "first", NOW);

        PublisherEntry stored = directory.revoke("acme", Optional.empty(), "all gone", NOW.plusSeconds(5));

        assertThat(stored.key(acme.keyId()).orElseThrow().revoked()).contains(new Revocation(NOW, "first"));
        assertThat(stored.key(acme2.keyId()).orElseThrow().revoked()).contains(new Revocation(NOW.plusSeconds(5), "all gone"));
        assertThat(stored.keys()).noneMatch(k -> k.isValidAt(NOW.plusSeconds(6)));
    }

    @Test
    void revokeRefusesUnknownPublishersKeysAndSystemEntries() throws Exception {
        directory.add(publisher("acme", List.of("acme"), validKey(acme)), NOW);
        systemEntry(publisher("corp", List.of("corp"), validKey(key("corp", 5))));

        assertThatThrownBy(() -> directory.revoke("nobody", Optional.empty(), "x", NOW))
                .isInstanceOf(TrustException.class).hasMessageContaining("'nobody'");
        assertThatThrownBy(() -> directory.revoke("acme", Optional.of(acme2.keyId()), "x", NOW))
                .isInstanceOf(TrustException.class).hasMessageContaining(acme2.keyId().shortForm());
        assertThatThrownBy(() -> directory.revoke("corp", Optional.empty(), "x", NOW))
                .isInstanceOf(TrustException.class).hasMessageContaining("administrator");
    }

    @Test
    void removeDeletesOnlyUserEntries() throws Exception {
        directory.add(publisher("acme", List.of("acme"), validKey(acme)), NOW);
        systemEntry(publisher("corp", List.of("corp"), validKey(key("corp", 5))));

        directory.remove("acme");

        assertThat(user.resolve("acme.json")).doesNotExist();
        assertThatThrownBy(() -> directory.remove("corp")).isInstanceOf(TrustException.class)
                .hasMessageContaining("administrator");
        assertThatThrownBy(() -> directory.remove("acme")).isInstanceOf(TrustException.class)
                .hasMessageContaining("'acme'");
        assertThat(system.resolve("corp.json")).isRegularFile();
    }

    @Test
    void malformedFileIsAnErrorNamingTheFile() throws Exception {
        Files.createDirectories(user);
        Files.writeString(user.resolve("broken.json"), "{\"id\": \"broken\",");

        assertThatThrownBy(() -> directory.load()).isInstanceOf(TrustException.class)
                .hasMessageContaining(user.resolve("broken.json").toString());
    }

    @Test
    void fileNamedAfterAnotherIdIsAnError() throws Exception {
        Files.createDirectories(system);
        Files.write(system.resolve("other.json"), PublisherEntries.toJson(publisher("acme", List.of("acme"), validKey(acme))));

        assertThatThrownBy(() -> directory.load()).isInstanceOf(TrustException.class)
                .hasMessageContaining("other.json").hasMessageContaining("acme.json");
    }

    @Test
    void validityWindowIsHalfOpen() {
        TrustedKey key = new TrustedKey(acme.publicKey(), NOT_BEFORE, NOT_AFTER, Optional.empty());

        assertThat(key.isValidAt(NOT_BEFORE)).isTrue();
        assertThat(key.isValidAt(NOT_AFTER.minusNanos(1))).isTrue();
        assertThat(key.isValidAt(NOT_AFTER)).isFalse();
        assertThat(key.isValidAt(NOT_BEFORE.minusNanos(1))).isFalse();
    }

    @Test
    void ignoresFilesThatAreNotPublisherEntries() throws Exception {
        Files.createDirectories(user);
        Files.writeString(user.resolve("README.txt"), "notes");
        Files.writeString(user.resolve(".acme.json.1234.tmp"), "partial", StandardCharsets.UTF_8);

        assertThat(directory.load().publishers()).isEmpty();
    }
}
