package dev.warden.manager.testing;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/** Local git repositories for marketplace tests: what is in a folder, committed as a fixed author. */
public final class GitFixtures {

    private GitFixtures() {
    }

    /**
     * Commits every file of {@code repo} on branch {@code main}, making the repository first if needed.
     *
     * @return the new commit's id
     */
    public static String commitAll(Path repo, String message) throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            return git.commit().setMessage(message).setAuthor("t", "t@example.test").setCommitter("t", "t@example.test")
                    .setSign(false).call().name();
        }
    }
}
