package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFetcherTest {

    @TempDir
    Path dir;

    private Path repo;
    private Path outside;

    @BeforeEach
    void createRepository() throws Exception {
        repo = Files.createDirectories(dir.resolve("repo"));
        outside = Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.writeString(repo.resolve("root.json"), "{\"root\":1}");
        Files.createDirectories(repo.resolve("targets"));
        Files.writeString(repo.resolve("targets/abc"), "abc");
    }

    private FetchException failure(Fetcher fetcher, String path, long max) {
        return catchThrowableOfType(FetchException.class, () -> fetcher.fetch(path, max, Optional.empty()));
    }

    @Test
    void fetchesAFileFromAFolder() throws Exception {
        Fetcher fetcher = Fetchers.open(repo.toString(), TestSettings.quick());

        FetchedBytes fetched = fetcher.fetch("root.json", 100, Optional.of("\"ignored\""));

        assertThat(new String(fetched.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"root\":1}");
        assertThat(fetched.notModified()).isFalse();
        assertThat(fetcher.location()).isEqualTo(repo.toRealPath().toString());
    }

    @Test
    void fetchesAFileFromAFileUrl() throws Exception {
        Fetcher fetcher = Fetchers.open(repo.toUri().toString(), TestSettings.quick());

        assertThat(fetcher.fetch("targets/abc", 100, Optional.empty()).bytes()).asString().isEqualTo("abc");
    }

    @Test
    void reportsAMissingFileAsNotFound() throws Exception {
        FetchException e = failure(Fetchers.open(repo.toString(), TestSettings.quick()), "2.root.json", 100);

        assertThat(e.kind()).isEqualTo(FetchException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("2.root.json");
    }

    @Test
    void reportsAMissingFolderAsNotFound() {
        FetchException e = catchThrowableOfType(FetchException.class,
                () -> Fetchers.open(dir.resolve("nowhere").toString(), TestSettings.quick()));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.NOT_FOUND);
    }

    @Test
    void refusesAFileLargerThanTheLimit() throws Exception {
        FetchException e = failure(Fetchers.open(repo.toString(), TestSettings.quick()), "root.json", 5);

        assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("root.json", "larger than 5 B");
    }

    @Test
    void refusesASymlinkThatPointsOutsideTheFolder() throws Exception {
        Files.createSymbolicLink(repo.resolve("timestamp.json"), outside);
        Files.createSymbolicLink(repo.resolve("up"), dir);

        Fetcher fetcher = Fetchers.open(repo.toString(), TestSettings.quick());

        assertThat(failure(fetcher, "timestamp.json", 100).kind()).isEqualTo(FetchException.Kind.BAD_PATH);
        assertThat(failure(fetcher, "up/secret.txt", 100).kind()).isEqualTo(FetchException.Kind.BAD_PATH);
    }

    @Test
    void followsASymlinkThatStaysInsideTheFolder() throws Exception {
        Files.createSymbolicLink(repo.resolve("timestamp.json"), repo.resolve("root.json"));

        Fetcher fetcher = Fetchers.open(repo.toString(), TestSettings.quick());

        assertThat(fetcher.fetch("timestamp.json", 100, Optional.empty()).bytes()).asString().isEqualTo("{\"root\":1}");
    }

    @Test
    void refusesBadPaths() throws Exception {
        Fetcher fetcher = Fetchers.open(repo.toString(), TestSettings.quick());

        for (String path : List.of("../secret.txt", outside.toString(), "targets/../../secret.txt", "a\\b", "%2e%2e/x")) {
            assertThat(failure(fetcher, path, 100).kind()).as(path).isEqualTo(FetchException.Kind.BAD_PATH);
        }
    }

    @Test
    void reportsAFolderAsNotAFile() throws Exception {
        assertThat(failure(Fetchers.open(repo.toString(), TestSettings.quick()), "targets", 100).kind())
                .isEqualTo(FetchException.Kind.NOT_FOUND);
    }

    @Test
    void downloadsAFileWithItsHashes() throws Exception {
        Path target = dir.resolve("abc.out");

        FetchedFile file = Fetchers.open(repo.toString(), TestSettings.quick())
                .download("targets/abc", 100, target, List.of("sha256"), Progress.none());

        assertThat(target).hasContent("abc");
        assertThat(file.length()).isEqualTo(3);
        assertThat(file.hashes()).containsEntry("sha256",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void leavesNoFileWhenADownloadIsRefused() throws Exception {
        Path target = dir.resolve("root.out");

        FetchException e = catchThrowableOfType(FetchException.class, () -> Fetchers.open(repo.toString(),
                TestSettings.quick()).download("root.json", 5, target, List.of("sha256"), Progress.none()));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(target).doesNotExist();
    }
}
