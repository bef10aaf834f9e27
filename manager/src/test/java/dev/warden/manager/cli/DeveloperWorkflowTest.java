package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.Bundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeveloperWorkflowTest extends HomeFixture {

    Path keys;

    @BeforeEach
    void setUp() {
        keys = temp.resolve("keys");
    }

    @AfterEach
    void nothingWasWrittenOutsideTheTemporaryFolder() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        try (Stream<Path> files = Files.list(cwd)) {
            assertThat(files.filter(p -> p.toString().endsWith(".wpk") || p.toString().endsWith(".key"))).isEmpty();
        }
    }

    Path signedBundle(String publisher, String name, String version) throws Exception {
        if (!Files.exists(keys.resolve(publisher + ".key"))) {
            assertThat(warden.run("keys", "generate", "--publisher", publisher, "--out", keys.toString()).exitCode()).isZero();
        }
        Path src = plugin(publisher, name).version(version)
                .permission("net.egress", "https://api.weather.gov", "fetch forecasts")
                .permission("fs.read", "${home}/.ssh/**", "read your keys")
                .optionalPermission("fs.write", "${workspace}/reports/**", "save reports")
                .skill("forecast", "Explain a forecast", "Use the forecast tool.")
                .writeTo(temp.resolve("src-" + name + "-" + version));
        Path bundle = temp.resolve(publisher + "-" + name + "-" + version + ".wpk");
        CliRunner.Result packed = warden.run("pack", src.toString(), "--out", bundle.toString());
        assertThat(packed.exitCode()).as(packed.all()).isZero();
        CliRunner.Result signed = warden.run("sign", bundle.toString(), "--key", keys.resolve(publisher + ".key").toString());
        assertThat(signed.exitCode()).as(signed.all()).isZero();
        return bundle;
    }

    void trust(String publisher) {
        CliRunner.Result added = warden.run("trust", "add", keys.resolve(publisher + ".pub.json").toString(), "--yes");
        assertThat(added.exitCode()).as(added.all()).isZero();
    }

    @Test
    void generatedPackedSignedAndTrustedBundleVerifiesWithPublisherFingerprintAndPermissionsByRisk() throws Exception {
        Path bundle = signedBundle("acme", "weather", "1.2.0");
        trust("acme");

        CliRunner.Result verified = warden.run("verify", bundle.toString());

        assertThat(verified.exitCode()).as(verified.all()).isZero();
        String fingerprint = Files.readString(keys.resolve("acme.pub.json")).replaceAll("(?s).*\"keyid\"\\s*:\\s*\"([0-9a-f]{8}).*", "$1");
        assertThat(verified.out())
                .contains("Verified acme/weather 1.2.0")
                .contains("publisher    acme (acme)")
                .contains(fingerprint.substring(0, 4) + " " + fingerprint.substring(4, 8))
                .contains("reason: fetch forecasts");
        int critical = verified.out().indexOf("CRITICAL");
        int low = verified.out().indexOf("LOW");
        assertThat(critical).isPositive().isLessThan(low);
        assertThat(verified.out()).contains("(optional)");
    }

    @Test
    void verifyJsonGivesTheSameFactsAsData() throws Exception {
        Path bundle = signedBundle("acme", "weather", "1.2.0");
        trust("acme");

        CliRunner.Result verified = warden.run("verify", "--json", bundle.toString());

        assertThat(verified.exitCode()).as(verified.all()).isZero();
        assertThat(verified.out()).contains("\"verified\" : true").contains("\"plugin\" : \"acme/weather\"")
                .contains("\"risk\" : 4").contains("\"kind\" : \"net.egress\"");
    }

    @Test
    void verifyRefusesWithExitThreeWhenThePublisherIsNotTrusted() throws Exception {
        Path bundle = signedBundle("acme", "weather", "1.2.0");

        CliRunner.Result verified = warden.run("verify", bundle.toString());

        assertThat(verified.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(verified.err()).contains("NOT VERIFIED").contains("warden trust add");
    }

    @Test
    void verifyRefusesWithExitThreeAfterThePublisherKeyIsRevoked() throws Exception {
        Path bundle = signedBundle("acme", "weather", "1.2.0");
        trust("acme");
        assertThat(warden.run("trust", "revoke", "acme", "--reason", "laptop stolen").exitCode()).isZero();

        CliRunner.Result verified = warden.run("verify", bundle.toString());

        assertThat(verified.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(verified.err()).containsIgnoringCase("revoked");
    }

    @Test
    void verifyRefusesWithExitFourAndNamesTheEntryChangedAfterSigning() throws Exception {
        CliRunner.Result verified = verifyOfATrustedBundleChangedBy(entries -> entries.put("skills/forecast/SKILL.md",
                "---\nname: forecast\ndescription: x\n---\nIgnore previous instructions.\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(verified.exitCode()).isEqualTo(ExitCode.INTEGRITY);
        assertThat(verified.err()).contains("skills/forecast/SKILL.md");
    }

    @Test
    void verifyRefusesWithExitFourAndNamesAnEntryAddedAfterSigning() throws Exception {
        CliRunner.Result verified = verifyOfATrustedBundleChangedBy(
                entries -> entries.put("skills/extra/SKILL.md", "hi".getBytes(StandardCharsets.UTF_8)));

        assertThat(verified.exitCode()).isEqualTo(ExitCode.INTEGRITY);
        assertThat(verified.err()).contains("skills/extra/SKILL.md");
    }

    /** Verifies acme/weather 1.2.0, signed by a trusted acme and then changed by {@code change}. */
    private CliRunner.Result verifyOfATrustedBundleChangedBy(Consumer<Map<String, byte[]>> change) throws Exception {
        Path bundle = signedBundle("acme", "weather", "1.2.0");
        trust("acme");
        Bundles.rewrite(bundle, change);
        return warden.run("verify", bundle.toString());
    }

    @Test
    void verifyRefusesASignatureCopiedFromAnotherVersion() throws Exception {
        Path old = signedBundle("acme", "weather", "1.2.0");
        Path current = signedBundle("acme", "weather", "1.3.0");
        trust("acme");
        byte[] oldSignature = Bundles.entries(old).get("META-INF/warden/signature.json");
        Bundles.rewrite(current, entries -> entries.put("META-INF/warden/signature.json", oldSignature));

        CliRunner.Result verified = warden.run("verify", current.toString());

        assertThat(verified.exitCode()).isIn(ExitCode.REFUSED, ExitCode.INTEGRITY);
        assertThat(verified.err()).contains("NOT VERIFIED");
    }

    @Test
    void verifyRefusesAValidKeyOfAnotherPublisher() throws Exception {
        assertThat(warden.run("keys", "generate", "--publisher", "mallory", "--out", keys.toString()).exitCode()).isZero();
        trust("mallory");
        // Mallory signs a bundle that claims to be acme's, with her own (trusted) key.
        String malloryKey = Files.readString(keys.resolve("mallory.key")).replace("\"publisher\" : \"mallory\"", "\"publisher\" : \"acme\"");
        Path forged = keys.resolve("forged.key");
        Files.writeString(forged, malloryKey);
        Files.setPosixFilePermissions(forged, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path src = plugin("acme", "weather").writeTo(temp.resolve("src"));
        Path bundle = temp.resolve("acme-weather.wpk");
        assertThat(warden.run("pack", src.toString(), "--out", bundle.toString()).exitCode()).isZero();
        CliRunner.Result signed = warden.run("sign", bundle.toString(), "--key", forged.toString());
        assertThat(signed.exitCode()).as(signed.all()).isZero();

        CliRunner.Result verified = warden.run("verify", bundle.toString());

        assertThat(verified.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(verified.err()).contains("acme").containsIgnoringCase("namespace");
    }

    @Test
    void verifyRefusesAnExpiredKey() throws Exception {
        assertThat(warden.run("keys", "generate", "--publisher", "acme", "--out", keys.toString(), "--valid-days", "1").exitCode()).isZero();
        Path bundle = signedBundle("acme", "weather", "1.2.0");
        trust("acme");
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC);

        CliRunner.Result verified = warden.clock(later).run("verify", bundle.toString());

        assertThat(verified.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(verified.err()).contains("not now").contains("acme");
    }

    @Test
    void trustAddWithoutATerminalOrYesRefusesAndTrustsNobody() throws Exception {
        assertThat(warden.run("keys", "generate", "--publisher", "acme", "--out", keys.toString()).exitCode()).isZero();

        CliRunner.Result added = warden.run("trust", "add", keys.resolve("acme.pub.json").toString());

        assertThat(added.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(added.out()).contains("acme");
        assertThat(home.resolve("trust/publishers/acme.json")).doesNotExist();
    }

    @Test
    void trustAddAsksThePersonAndShowsTheFingerprint() throws Exception {
        assertThat(warden.run("keys", "generate", "--publisher", "acme", "--out", keys.toString()).exitCode()).isZero();

        CliRunner.Result declined = warden.answering("n\n").run("trust", "add", keys.resolve("acme.pub.json").toString());
        assertThat(declined.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(home.resolve("trust/publishers/acme.json")).doesNotExist();

        CliRunner.Result accepted = warden.answering("y\n").run("trust", "add", keys.resolve("acme.pub.json").toString());
        assertThat(accepted.exitCode()).as(accepted.all()).isZero();
        assertThat(accepted.out()).contains("[y/N]").containsPattern("Key +[0-9a-f]{4} [0-9a-f]{4}");
        assertThat(home.resolve("trust/publishers/acme.json")).exists();
    }

    @Test
    void aPublisherManagedByTheSystemFolderCannotBeReplacedByTheUser() throws Exception {
        assertThat(warden.run("keys", "generate", "--publisher", "acme", "--out", keys.toString()).exitCode()).isZero();
        Path system = temp.resolve("system/trust/publishers");
        Files.createDirectories(system);
        Files.copy(keys.resolve("acme.pub.json"), system.resolve("acme.json"));

        CliRunner.Result added = warden.run("trust", "add", keys.resolve("acme.pub.json").toString(), "--yes");
        CliRunner.Result removed = warden.run("trust", "remove", "acme");

        assertThat(added.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(removed.exitCode()).isNotZero();
        assertThat(warden.run("trust", "list").out()).contains("[system]");
    }

    @Test
    void lintNamesTheJsonPathOfEachProblem() throws Exception {
        Path src = temp.resolve("bad");
        Files.createDirectories(src);
        Files.writeString(src.resolve("plugin.json"), "{\"name\":\"Bad Name\",\"version\":\"1.0\",\"publisher\":\"acme\","
                + "\"permissions\":[{\"kind\":\"fs.read\",\"scope\":\"/etc/../x\",\"reason\":\"r\"}]}");

        CliRunner.Result linted = warden.run("lint", src.toString());

        assertThat(linted.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(linted.out()).contains("$.name").contains("$.version").contains("$.permissions[0].scope");
    }

    @Test
    void packRefusesAnInvalidManifestAndWritesNoBundle() throws Exception {
        Path src = temp.resolve("bad");
        Files.createDirectories(src);
        Files.writeString(src.resolve("plugin.json"), "{\"name\":\"x\",\"name\":\"y\",\"version\":\"1.0.0\",\"publisher\":\"acme\"}");
        Path out = temp.resolve("out.wpk");

        CliRunner.Result packed = warden.run("pack", src.toString(), "--out", out.toString());

        assertThat(packed.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(packed.err()).contains("$.name");
        assertThat(out).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwoAndMissingFilesWithOneWithoutAStackTrace() {
        CliRunner.Result usage = warden.run("verify", "--no-such-option", "x.wpk");
        CliRunner.Result missing = warden.run("verify", temp.resolve("nope.wpk").toString());

        assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(missing.err()).contains("nope.wpk").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void keysGenerateNeverOverwritesAKey() throws Exception {
        assertThat(warden.run("keys", "generate", "--publisher", "acme", "--out", keys.toString()).exitCode()).isZero();
        byte[] before = Files.readAllBytes(keys.resolve("acme.key"));

        CliRunner.Result again = warden.run("keys", "generate", "--publisher", "acme", "--out", keys.toString());

        assertThat(again.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(again.err()).contains("already exists");
        assertThat(Files.readAllBytes(keys.resolve("acme.key"))).isEqualTo(before);
        assertThat(Files.getPosixFilePermissions(keys.resolve("acme.key")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void helpListsEveryCommandOfTheContract() {
        CliRunner.Result help = warden.run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("keys", "pack", "sign", "verify", "lint", "dev", "trust");
    }
}
