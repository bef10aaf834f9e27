package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher follows the one digest rule of {@code dev.warden.io.Digests}. */
class FetcherDigestTest {

    @TempDir
    Path dir;

    @Test
    void aDownloadIsNeverAskedForAnAlgorithmWardenDoesNotCheck() throws Exception {
        Files.writeString(dir.resolve("file"), "content");
        Path target = dir.resolve("out");
        Fetcher fetcher = Fetchers.open(dir.toString(), TestSettings.quick());

        assertThatThrownBy(() -> fetcher.download("file", 100, target, List.of("sha256", "sha224"), Progress.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"sha224\"")
                .hasMessageContaining("sha256, sha384, sha512");
        assertThat(target).doesNotExist();
    }
}
