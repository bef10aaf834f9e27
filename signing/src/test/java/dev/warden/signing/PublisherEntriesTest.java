package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.NOW;
import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.publisher;
import static dev.warden.signing.testing.BundleFixture.validKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublisherEntriesTest {

    private final SigningKey acme = key("acme", 1);

    private String valid() {
        return "{ \"id\": \"acme\", \"name\": \"Acme Corp\", \"namespaces\": [\"acme\"],\n"
                + "  \"keys\": [ { \"keyid\": \"" + acme.keyId().hex() + "\", \"alg\": \"ed25519\", \"public\": \""
                + acme.publicKey().base64() + "\",\n"
                + "     \"notBefore\": \"2026-01-01T00:00:00Z\", \"notAfter\": \"2028-01-01T00:00:00Z\", \"revoked\": null } ] }";
    }

    private static PublisherEntry parse(String json) throws TrustException {
        return PublisherEntries.parse(json.getBytes(StandardCharsets.UTF_8), "acme.pub.json");
    }

    @Test
    void parsesTheDesignExample() throws Exception {
        PublisherEntry entry = parse(valid());

        assertThat(entry).isEqualTo(new PublisherEntry("acme", "Acme Corp", List.of("acme"), List.of(validKey(acme))));
    }

    @Test
    void toJsonRoundTripsWithRevocationsAndEndsWithANewline() throws Exception {
        PublisherEntry entry = publisher("acme", List.of("acme", "acme-labs"), validKey(acme),
                validKey(key("acme", 2)).revoke(new Revocation(NOW, "rotated")));

        byte[] json = PublisherEntries.toJson(entry);

        assertThat(PublisherEntries.parse(json, "x")).isEqualTo(entry);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n");
        assertThat(text.indexOf("\"id\"")).isLessThan(text.indexOf("\"name\""));
        assertThat(text.indexOf("\"keyid\"")).isLessThan(text.indexOf("\"public\""));
        assertThat(PublisherEntries.toJson(PublisherEntries.parse(json, "x"))).isEqualTo(json);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"alg\": \"ed25519\"|\"alg\": \"rsa\"|unknown algorithm",
            "\"name\": \"Acme Corp\"|\"name\": \"Acme Corp\", \"name\": \"Evil\"|not strict JSON",
            "\"name\": \"Acme Corp\"|\"name\": \"Acme\\u202eproC\"|name",
            "\"name\": \"Acme Corp\"|\"name\": \"Acme\\u001b[31m\"|name",
            "2026-01-01T00:00:00Z|2026-01-01 00:00:00|notBefore",
            "2028-01-01T00:00:00Z|2028-01-01T00:00:00+02:00|notAfter",
            "\"revoked\": null|\"revoked\": null, \"comment\": 1|unknown field",
            "\"revoked\": null|\"revoked\": {\"at\": \"2026-02-01T00:00:00Z\"}|reason",
            "\"namespaces\": [\"acme\"]|\"namespaces\": []|namespaces",
            "\"id\": \"acme\"|\"id\": \"Acme Corp\"|kebab-case"})
    void refusesMalformedEntriesNamingSourceAndField(String from, String to, String field) {
        assertThatThrownBy(() -> parse(valid().replace(from, to))).isInstanceOf(TrustException.class)
                .hasMessageContaining("acme.pub.json").hasMessageContaining(field);
    }

    @Test
    void refusesAKeyIdThatIsNotTheHashOfThePublicKey() {
        String forged = valid().replace(acme.keyId().hex(), key("acme", 2).keyId().hex());

        assertThatThrownBy(() -> parse(forged)).isInstanceOf(TrustException.class)
                .hasMessageContaining("keyid").hasMessageContaining("not the SHA-256");
    }

    @Test
    void refusesAPublicKeyOfTheWrongLengthOrEncoding() {
        assertThatThrownBy(() -> parse(valid().replace(acme.publicKey().base64(), "AAAA")))
                .isInstanceOf(TrustException.class).hasMessageContaining("public");
        assertThatThrownBy(() -> parse(valid().replace(acme.publicKey().base64(), "not base64!")))
                .isInstanceOf(TrustException.class).hasMessageContaining("public");
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        String backwards = valid().replace("2028-01-01T00:00:00Z", "2025-01-01T00:00:00Z");

        assertThatThrownBy(() -> parse(backwards)).isInstanceOf(TrustException.class).hasMessageContaining("notAfter");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"id\": \"acme\"|\"id\": \"unverified-acme\"|publisher id 'unverified-acme'",
            "\"namespaces\": [\"acme\"]|\"namespaces\": [\"acme\", \"unverified-team\"]|namespace 'unverified-team'",
            "\"namespaces\": [\"acme\"]|\"namespaces\": [\"unverified-acme\"]|namespace 'unverified-acme'"})
    void theNamespaceOfUnverifiedPluginsCanNeverBeTrusted(String from, String to, String named) {
        String reserved = valid().replace(from, to);

        assertThatThrownBy(() -> parse(reserved)).isInstanceOf(TrustException.class).hasMessageContaining(named)
                .hasMessageContaining("unverified plugins");
    }
}
