package dev.warden.manager.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.signing.BundleException;
import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.BundleIdentity;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleReader;
import dev.warden.signing.BundleWriter;
import dev.warden.signing.FolderSignature;
import dev.warden.signing.OpenedBundle;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.SigningKey;
import dev.warden.signing.TrustSource;
import dev.warden.signing.TrustedKey;
import dev.warden.signing.TrustedPublisher;
import dev.warden.signing.TrustedPublishers;
import dev.warden.signing.VerifiedFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle made from a signed folder carries its signature only when it holds exactly the verified files. */
class SignedFolderBundleTest {

    @TempDir
    Path tmp;

    VerifiedFolder verified;

    @BeforeEach
    void aVerifiedFolder() throws Exception {
        Path folder = tmp.resolve("folder");
        write(folder, ".claude-plugin/plugin.json", "{\"name\": \"weather\", \"version\": \"1.0.0\"}");
        write(folder, "skills/briefing/SKILL.md", "---\nname: briefing\ndescription: brief\n---\nBrief.\n");
        write(folder, "agents/forecaster.md", "---\nname: forecaster\ndescription: plans\n---\nPlan.\n");
        SigningKey key = SigningKey.generate("acme", new SecureRandom());
        FolderSignature.sign(folder, new BundleIdentity("acme", "weather", "1.0.0"), key);
        Instant now = Instant.now();
        TrustedPublishers trust = new TrustedPublishers(List.of(new TrustedPublisher(new PublisherEntry("acme", "Acme",
                List.of("acme"), List.of(new TrustedKey(key.publicKey(), now.minusSeconds(60), now.plusSeconds(3600),
                        Optional.empty()))), TrustSource.USER)));
        verified = FolderSignature.verify(folder, trust, Clock.systemUTC(), BundleLimits.defaults());
    }

    private static void write(Path root, String path, String content) throws Exception {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content);
    }

    /** Refusal of a bundle made from the verified folder with {@code path} then written as {@code content} (null: deleted). */
    private BundleException refusalOf(String path, String content) throws Exception {
        Path source = madeFromTheFolder();
        if (content == null) {
            Files.delete(source.resolve(path));
        } else {
            write(source, path, content);
        }
        return catchThrowableOfType(BundleException.class, () -> SignedFolderBundle.check(packed(source), verified));
    }

    private Path madeFromTheFolder() throws Exception {
        Path source = tmp.resolve("source");
        write(source, "plugin.json", "{\"name\": \"weather\", \"version\": \"1.0.0\", \"publisher\": \"acme\"}");
        write(source, "skills/briefing/SKILL.md", "---\nname: briefing\ndescription: brief\n---\nBrief.\n");
        write(source, "agents/forecaster.md", "---\nname: forecaster\ndescription: plans\n---\nPlan.\n");
        return source;
    }

    private OpenedBundle packed(Path source) throws Exception {
        Path bundle = tmp.resolve("made.wpk");
        BundleWriter.pack(source, bundle, BundleLimits.defaults());
        return BundleReader.open(bundle, BundleLimits.defaults());
    }

    @Test
    void theVerifiedFilesAndWardensManifestPass() throws Exception {
        SignedFolderBundle.check(packed(madeFromTheFolder()), verified);
    }

    @Test
    void aFileTheFolderDidNotHoldIsUnlisted() throws Exception {
        BundleException e = refusalOf("skills/extra/SKILL.md", "---\nname: extra\ndescription: x\n---\nX.\n");

        assertThat(e.failure()).isEqualTo(Failure.UNLISTED_ENTRY);
        assertThat(e.entry()).contains("skills/extra/SKILL.md");
    }

    @Test
    void aFileOtherThanSignedIsAContentMismatch() throws Exception {
        BundleException e = refusalOf("agents/forecaster.md", "---\nname: forecaster\ndescription: plans\n---\nPlan!\n");

        assertThat(e.failure()).isEqualTo(Failure.CONTENT_MISMATCH);
        assertThat(e.entry()).contains("agents/forecaster.md");
    }

    @Test
    void aSignedFileTheBundleLacksIsMissing() throws Exception {
        BundleException e = refusalOf("agents/forecaster.md", null);

        assertThat(e.failure()).isEqualTo(Failure.MISSING_ENTRY);
        assertThat(e.entry()).contains("agents/forecaster.md");
    }
}
