package dev.warden.registry.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** Builds small git repositories for tests: write files and links, then commit. */
final class TestRepository implements AutoCloseable {

    final Path dir;
    private final Git git;

    private TestRepository(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static TestRepository init(Path dir) throws GitAPIException {
        return new TestRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    TestRepository file(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    TestRepository link(String path, String target) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.createSymbolicLink(file, Path.of(target));
        return this;
    }

    String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        RevCommit commit = git.commit().setMessage(message).setAuthor("t", "t@example.test")
                .setCommitter("t", "t@example.test").setSign(false).call();
        return commit.name();
    }

    /** Commits everything written so far and returns this repository, for one-line fixtures. */
    TestRepository commitAnd() throws GitAPIException {
        commit("fixture");
        return this;
    }

    /** Packs every object written so far, as {@code git gc} does; later commits are loose again. */
    TestRepository pack() throws GitAPIException {
        git.gc().call();
        return this;
    }

    void branch(String name) throws GitAPIException {
        git.branchCreate().setName(name).call();
    }

    void tag(String name) throws GitAPIException {
        git.tag().setName(name).setAnnotated(false).setSigned(false).call();
    }

    String url() {
        return dir.toUri().toString();
    }

    @Override
    public void close() {
        git.close();
    }
}
