package dev.warden.manager.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;

/**
 * The real marketplaces of {@code ../shared/corpus} (see its README), which no one on this project wrote, each a git
 * bundle of one commit. A test that needs one skips, not fails, where the corpus is absent.
 */
public final class Corpus {

    private Corpus() {
    }

    /**
     * Clones {@code shared/corpus/NAME.bundle}, looked up from the working folder upwards, into {@code folder/NAME};
     * skips the test without it.
     *
     * @return the clone, a local git repository to add as a marketplace
     */
    public static Path cloned(String name, Path folder) throws Exception {
        Optional<Path> bundle = Optional.empty();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && bundle.isEmpty(); dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/" + name + ".bundle");
            if (Files.isRegularFile(candidate)) {
                bundle = Optional.of(candidate);
            }
        }
        Assumptions.assumeTrue(bundle.isPresent(), "../shared/corpus/" + name + ".bundle is not here");
        Path repo = folder.resolve(name);
        try (Git git = Git.cloneRepository().setURI(bundle.get().toUri().toString()).setDirectory(repo.toFile()).call()) {
            return repo;
        }
    }
}
