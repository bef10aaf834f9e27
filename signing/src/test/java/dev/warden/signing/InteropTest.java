package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.packAndSign;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.writeTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.signing.testing.Processes;
import dev.warden.signing.testing.Processes.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3.2: Warden verifies what the independent Python implementation makes, and what Warden
 * makes passes its check. Skipped where ../shared/tools/wpk-interop or python3 with cryptography is absent.
 */
class InteropTest {

    @TempDir
    Path tmp;

    private Path tool;

    @BeforeEach
    void findTool() throws Exception {
        Optional<Path> root = repositoryRoot(Path.of("").toAbsolutePath());
        assumeTrue(root.isPresent(), "not inside the Warden repository");
        tool = root.get().resolve("../shared/tools/wpk-interop").normalize();
        assumeTrue(Files.isRegularFile(tool), "no " + tool);
        assumeTrue(Processes.run(List.of("python3", "-c", "import cryptography")).exit() == 0, "python3 with cryptography is not available");
    }

    private static Optional<Path> repositoryRoot(Path from) throws IOException {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>signing</module>")) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private Result wpk(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", tool.toString()));
        command.addAll(List.of(args));
        return Processes.run(command);
    }

    @Test
    void wardenVerifiesAndExtractsABundleMadeByTheIndependentImplementation() throws Exception {
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        files.put(".claude-plugin/plugin.json", files.remove("plugin.json"));
        files.put("skills/caf\u00e9/SKILL.md", "unicode folder".getBytes(StandardCharsets.UTF_8));
        Path src = writeTree(Files.createDirectory(tmp.resolve("src")), files);
        Path bundle = tmp.resolve("acme-weather-1.0.0.wpk");
        Path keys = tmp.resolve("keys");

        Result made = wpk("make", src.toString(), bundle.toString(), "--publisher", "acme", "--keys", keys.toString());
        assertThat(made.exit()).as(made.output()).isZero();
        PublisherEntry acme = PublisherEntries.read(keys.resolve("acme.pub.json"));
        BundleVerifier verifier = new BundleVerifier(new TrustedPublishers(List.of(new TrustedPublisher(acme, TrustSource.USER))),
                Clock.systemUTC(), BundleLimits.defaults());

        VerifiedBundle verified = verifier.verifyAndExtract(bundle, tmp.resolve("staging"));

        assertThat(verified.identity()).isEqualTo(new BundleIdentity("acme", "weather", "1.0.0"));
        assertThat(verified.manifestBytes()).isEqualTo(files.get(".claude-plugin/plugin.json"));
        assertThat(tmp.resolve("staging/skills/caf\u00e9/SKILL.md")).hasContent("unicode folder");
        assertThat(verifier.verify(bundle).key().keyId()).isEqualTo(acme.keys().get(0).keyId());
    }

    @Test
    void aBundlePackedAndSignedByWardenPassesTheIndependentCheck() throws Exception {
        SigningKey key = key("acme", 1);
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), key);
        Path pub = Files.write(tmp.resolve("acme.pub.json"), PublisherEntries.toJson(publisherOf(key)));

        Result checked = wpk("check", bundle.toString(), pub.toString());

        assertThat(checked.exit()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("bundle matches the format");
    }

    @Test
    void theIndependentCheckRejectsAWardenBundleSignedByAnotherKey() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), key("acme", 2));
        Path pub = Files.write(tmp.resolve("acme.pub.json"), PublisherEntries.toJson(publisherOf(key("acme", 1))));

        Result checked = wpk("check", bundle.toString(), pub.toString());

        assertThat(checked.exit()).as(checked.output()).isEqualTo(1);
    }
}
