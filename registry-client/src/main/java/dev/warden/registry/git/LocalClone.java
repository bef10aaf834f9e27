package dev.warden.registry.git;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * The clone of a repository on this machine: the commit its default branch points at and the objects of
 * that commit's tree are copied into a new bare repository ({@link CommitCopy}: each one hashed again and checked
 * against its id), and the result is set up as a depth-1 clone with the source as {@code origin} (so a later fetch
 * works as after
 * {@link GitRepositories#cloneBare}). A fetch over JGit's local transport would run upload-pack in this
 * process and delta-compress every object into a pack only to unpack it again; this copy skips that work.
 */
final class LocalClone {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    private LocalClone() {
    }

    /**
     * The repository folder a location names when it is a local path or a {@code file:} URL of a repository
     * whose {@code HEAD} names a branch; empty for every other location, which the transport clone handles.
     */
    static Optional<File> sourceOf(String location) {
        String path;
        if (location.startsWith("file:")) {
            try {
                path = new URIish(location).getPath();
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        } else if (SCHEME.matcher(location).matches() || location.contains("@") && location.contains(":")) {
            return Optional.empty();
        } else {
            path = location;
        }
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        File dir = Path.of(path).toAbsolutePath().toFile();
        return Optional.ofNullable(RepositoryCache.FileKey.resolve(dir, FS.DETECTED));
    }

    /**
     * Copies the default branch's commit of {@code sourceDir} into a new bare repository at repoDir.
     *
     * @return the commit id, or empty (with nothing made) when the source's HEAD is not a branch with a commit,
     *     which the transport clone then reports as it always did
     * @throws MarketplaceException INTEGRITY if an object's content does not hash to its id
     */
    static Optional<String> copy(File sourceDir, String location, Path repoDir)
            throws IOException, GitAPIException, MarketplaceException {
        try (Repository source = new FileRepositoryBuilder().setGitDir(sourceDir).setMustExist(true).build()) {
            Ref head = source.exactRef(Constants.HEAD);
            if (head == null || !head.isSymbolic() || head.getTarget().getObjectId() == null
                    || !head.getTarget().getName().startsWith(Constants.R_HEADS)) {
                return Optional.empty();
            }
            String branch = head.getTarget().getName().substring(Constants.R_HEADS.length());
            try (ObjectReader reader = source.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                RevCommit commit = walk.parseCommit(head.getTarget().getObjectId());
                try (CommitCopy copy = CommitCopy.start(source, commit);
                     Git git = Git.init().setBare(true).setDirectory(repoDir.toFile()).setInitialBranch(branch).call()) {
                    Repository target = git.getRepository();
                    copy.into((ObjectDirectory) target.getObjectDatabase());
                    target.getObjectDatabase().setShallowCommits(Set.of(commit.copy()));
                    RefUpdate update = target.updateRef(Constants.R_HEADS + branch);
                    update.setNewObjectId(commit);
                    update.setExpectedOldObjectId(ObjectId.zeroId());
                    RefUpdate.Result result = update.update();
                    if (result != RefUpdate.Result.NEW) {
                        throw new IOException("cannot set " + Constants.R_HEADS + branch + ": " + result);
                    }
                    StoredConfig config = target.getConfig();
                    config.setString("remote", "origin", "url", location);
                    config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/heads/*");
                    config.setString("branch", branch, "remote", "origin");
                    config.setString("branch", branch, "merge", Constants.R_HEADS + branch);
                    GitRepositories.withoutHooks(config);
                    config.save();
                    return Optional.of(commit.name());
                }
            }
        }
    }
}
