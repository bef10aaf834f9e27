package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.clock;
import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.trusting;
import static dev.warden.signing.testing.BundleFixture.writeTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.warden.signing.testing.Processes;
import dev.warden.signing.testing.Processes.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARCHITECTURE §2.6 is precise enough to implement: a Python implementation written from it alone
 * (test resource folder-interop.py) and Warden accept each other's folder signatures. Skipped where
 * python3 with cryptography is absent.
 */
class FolderInteropTest {

    @TempDir
    Path tmp;

    private Path script;
    private final SigningKey acme = key("acme", 1);

    @BeforeEach
    void findPython() throws Exception {
        script = tmp.resolve("folder-interop.py");
        try (var in = FolderInteropTest.class.getResourceAsStream("/folder-interop.py")) {
            Files.write(script, in.readAllBytes());
        }
        assumeThat(Processes.run(List.of("python3", "-c", "import cryptography")).exit()).as("python3 with cryptography").isZero();
    }

    private Result python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(Arrays.asList(args));
        return Processes.run(command);
    }

    private Path plugin() throws Exception {
        return writeTree(tmp.resolve("weather"), Map.of(
                ".claude-plugin/plugin.json", "{\"name\": \"weather\", \"version\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8),
                "skills/caf\u00e9/SKILL.md", "---\nname: caf\u00e9\n---\nUnicode.\n".getBytes(StandardCharsets.UTF_8),
                "hooks/hooks.json", "{}".getBytes(StandardCharsets.UTF_8),
                "empty.txt", new byte[0]));
    }

    @Test
    void wardenVerifiesAFolderSignedByTheIndependentImplementation() throws Exception {
        Path folder = plugin();
        Files.createDirectories(folder.resolve(".git"));
        Files.writeString(folder.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        String seed = HexFormat.of().formatHex(acme.seed());

        Result signed = python("sign", folder.toString(), "acme", "weather", "1.0.0", seed);
        assertThat(signed.exit()).as(signed.output()).isZero();

        VerifiedFolder verified = FolderSignature.verify(folder, trusting(publisherOf(acme)), clock(), BundleLimits.defaults());
        assertThat(verified.identity()).isEqualTo(new BundleIdentity("acme", "weather", "1.0.0"));
        assertThat(verified.files()).hasSize(4);
    }

    @Test
    void aFolderSignedByWardenPassesTheIndependentCheckAndAChangeFailsIt() throws Exception {
        Path folder = plugin();
        FolderSignature.sign(folder, new BundleIdentity("acme", "weather", "1.0.0"), acme);
        String publicKey = Base64.getEncoder().encodeToString(acme.publicKey().raw());

        Result checked = python("check", folder.toString(), publicKey);
        assertThat(checked.exit()).as(checked.output()).isZero();

        Files.writeString(folder.resolve("hooks/hooks.json"), "{ }");
        assertThat(python("check", folder.toString(), publicKey).exit()).isEqualTo(1);
    }
}
