package dev.warden.manager.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;

/** The real marketplaces of {@code ../shared/corpus} (see its README), cloned for a test; skipped where absent. */
public final class Corpus {

    private Corpus() {
    }

    /**
     * Clones {@code shared/corpus/NAME.bundle}, found in the working folder or one of its parents, into {@code into/NAME}.
     *
     * @return the clone
     */
    public static Path cloned(String name, Path into) throws Exception {
        Optional<Path> bundle = Optional.empty();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && bundle.isEmpty(); dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/" + name + ".bundle");
            if (Files.isRegularFile(candidate)) {
                bundle = Optional.of(candidate);
            }
        }
        Assumptions.assumeTrue(bundle.isPresent(), "../shared/corpus/" + name + ".bundle is not here");
        Path repo = into.resolve(name);
        try (Git git = Git.cloneRepository().setURI(bundle.get().toUri().toString()).setDirectory(repo.toFile()).call()) {
            return repo;
        }
    }
}
