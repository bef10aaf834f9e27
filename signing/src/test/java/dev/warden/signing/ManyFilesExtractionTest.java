package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.packAndSign;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles with many files take the one-sync-per-file-system path when extracted. */
class ManyFilesExtractionTest {

    @TempDir
    Path temp;

    @Test
    void extractsEveryFileOfABundleWithManyFilesAndSyncsThemWithOneFileSystemSync() throws Exception {
        SigningKey acme = key("acme", 1);
        Map<String, byte[]> files = new LinkedHashMap<>(sampleFiles("acme", "many", "1.0.0"));
        for (int i = 0; i < FileSystemSync.WORTH_IT_FROM_FILES * 3; i++) {
            files.put("assets/part-" + i + ".txt", ("part " + i + "\n").repeat(50).getBytes(StandardCharsets.UTF_8));
        }
        Path bundle = packAndSign(temp, "many.wpk", files, acme);
        Path staging = temp.resolve("staging");

        VerifiedBundle verified = verifier(publisherOf(acme)).verifyAndExtract(bundle, staging);

        assertThat(verified.files()).hasSize(files.size());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertThat(staging.resolve(file.getKey())).hasBinaryContent(file.getValue());
        }
    }

    @Test
    void fileSystemSyncReportsSuccessOnAFolderOfThisMachine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sync"))
                || Files.isExecutable(Path.of("/bin/sync")), "coreutils sync is not installed");

        assertThat(FileSystemSync.syncFileSystemOf(temp)).isTrue();
    }

    @Test
    void fileSystemSyncSaysNoForAFolderThatDoesNotExistSoTheCallerSyncsFileByFile() {
        assertThat(FileSystemSync.syncFileSystemOf(temp.resolve("missing"))).isFalse();
    }
}
