package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.ERROR;
import static dev.warden.registry.git.MarketplaceException.Kind.INTEGRITY;

import dev.warden.io.UnsafeCharacters;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.SubmoduleConfig.FetchRecurseSubmodulesMode;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * The JGit calls Warden makes, in one place: bare clones and fetches that never check out a
 * working tree (so no filters, hooks or LFS run), never recurse into submodules, and fetch only
 * the one history they need, shallow where the commit is not pinned.
 */
final class GitRepositories {

    static final int TIMEOUT_SECONDS = 120;
    private static final String PLUGIN_REF = "refs/warden/plugin";

    static {
        GitSystem.install();
    }

    private GitRepositories() {
    }

    /**
     * Clones the default branch of location, bare and shallow, into a new folder; returns the commit. A repository
     * on this machine is copied object by object ({@link LocalClone}) instead of being packed and unpacked.
     */
    static String cloneBare(String location, Path repoDir) throws MarketplaceException {
        Optional<File> local = LocalClone.sourceOf(location);
        if (local.isPresent()) {
            try {
                Optional<String> commit = LocalClone.copy(local.get(), location, repoDir);
                if (commit.isPresent()) {
                    return commit.get();
                }
            } catch (GitAPIException | IOException | RuntimeException e) {
                throw new MarketplaceException(ERROR, "cannot clone " + UnsafeCharacters.quote(location) + ": "
                        + describe(e) + "; check the location", e);
            }
        }
        try (GitSystem.Scope remote = GitSystem.personsConfiguration();
             Git git = Git.cloneRepository()
                .setURI(location)
                .setDirectory(repoDir.toFile())
                .setBare(true)
                .setCloneSubmodules(false)
                .setDepth(1)
                .setTimeout(TIMEOUT_SECONDS)
                .call()) {
            disableHooks(git.getRepository());
            ObjectId head = git.getRepository().resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                throw new MarketplaceException(ERROR, "the repository " + UnsafeCharacters.quote(location)
                        + " has no default branch with a commit; check the location");
            }
            return head.name();
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new MarketplaceException(ERROR, "cannot clone " + UnsafeCharacters.quote(location) + ": "
                    + describe(e) + "; check the location and your network", e);
        }
    }

    /** Fetches origin (shallow) and returns the commit the remote's default branch points at. */
    static String fetchDefault(Path repoDir) throws MarketplaceException {
        try (GitSystem.Scope remote = GitSystem.personsConfiguration(); Git git = open(repoDir)) {
            FetchResult result = git.fetch()
                    .setRemote("origin")
                    .setDepth(1)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRecurseSubmodules(FetchRecurseSubmodulesMode.NO)
                    .setTimeout(TIMEOUT_SECONDS)
                    .call();
            // FETCH_HEAD only records the last fetch and Warden never reads it; a local clone has none, and a fetch
            // that brought nothing new leaves the repository as it found it
            Files.deleteIfExists(repoDir.resolve(Constants.FETCH_HEAD));
            Ref head = result.getAdvertisedRef(Constants.HEAD);
            if (head == null || head.getObjectId() == null) {
                throw new MarketplaceException(ERROR, "the origin of " + repoDir + " does not say which commit its default"
                        + " branch is at; check that the repository still exists");
            }
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                return walk.parseCommit(head.getObjectId()).name();
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new MarketplaceException(ERROR, "cannot fetch the marketplace in " + repoDir + ": " + describe(e)
                    + "; check your network and that the repository still exists", e);
        }
    }

    static Git open(Path repoDir) throws MarketplaceException {
        try {
            return Git.open(repoDir.toFile());
        } catch (IOException e) {
            throw new MarketplaceException(ERROR, repoDir + " is not a git repository Warden cloned: " + describe(e)
                    + "; remove the marketplace and add it again", e);
        }
    }

    /**
     * Fetches one commit of a plugin's repository into a new bare repository at tmpDir.
     *
     * @return the commit: sha when given (checked to be there), else the tip of ref, else of the default branch
     */
    static Fetched fetchPlugin(String url, Optional<String> ref, Optional<String> sha, Path tmpDir)
            throws MarketplaceException {
        String what = UnsafeCharacters.quote(url) + ref.map(r -> " at " + UnsafeCharacters.quote(r)).orElse("");
        Git git = null;
        try (GitSystem.Scope remote = GitSystem.personsConfiguration()) {
            git = Git.init().setBare(true).setDirectory(tmpDir.toFile()).call();
            Fetched fetched = new Fetched(git, fetchInto(git, url, ref, sha, what));
            git = null;
            return fetched;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new MarketplaceException(ERROR, "cannot fetch " + what + ": " + describe(e)
                    + "; check the marketplace entry and your network", e);
        } finally {
            if (git != null) {
                git.close();
            }
        }
    }

    /** A fetched plugin repository and the commit to copy; closing closes the repository. */
    record Fetched(Git git, RevCommit commit) implements AutoCloseable {
        Repository repository() {
            return git.getRepository();
        }

        @Override
        public void close() {
            git.close();
        }
    }

    private static RevCommit fetchInto(Git git, String url, Optional<String> ref, Optional<String> sha, String what)
            throws GitAPIException, IOException, MarketplaceException {
        {
            disableHooks(git.getRepository());
            String source = ref.isPresent() ? remoteRef(url, ref.get()) : Constants.HEAD;
            var fetch = git.fetch()
                    .setRemote(url)
                    .setRefSpecs(new RefSpec("+" + source + ":" + PLUGIN_REF))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRecurseSubmodules(FetchRecurseSubmodulesMode.NO)
                    .setTimeout(TIMEOUT_SECONDS);
            if (sha.isEmpty()) {
                fetch.setDepth(1);
            }
            fetch.call();
            Repository repository = git.getRepository();
            ObjectId tip = repository.resolve(PLUGIN_REF + "^{commit}");
            if (tip == null) {
                throw new MarketplaceException(ERROR, "cannot fetch " + what + ": the remote sent no commit");
            }
            try (RevWalk walk = new RevWalk(repository)) {
                if (sha.isEmpty()) {
                    return walk.parseCommit(tip);
                }
                ObjectId pinned = ObjectId.fromString(sha.get());
                if (!repository.getObjectDatabase().has(pinned)) {
                    throw new MarketplaceException(INTEGRITY, "the commit " + sha.get() + " pinned by the marketplace is not in the"
                            + " history of " + what + "; the marketplace entry is wrong or the history was rewritten."
                            + " Ask the marketplace's maintainer to fix the sha");
                }
                RevCommit commit = walk.parseCommit(pinned);
                if (!walk.isMergedInto(commit, walk.parseCommit(tip))) {
                    throw new MarketplaceException(INTEGRITY, "the commit " + sha.get() + " is not in the history of " + what);
                }
                return commit;
            }
        }
    }

    /** Asks the remote which ref a branch or tag name means. */
    private static String remoteRef(String url, String ref) throws GitAPIException, MarketplaceException {
        Collection<Ref> refs = Git.lsRemoteRepository().setRemote(url).setTimeout(TIMEOUT_SECONDS).call();
        List<String> candidates = ref.startsWith("refs/") ? List.of(ref)
                : List.of(Constants.R_HEADS + ref, Constants.R_TAGS + ref);
        for (String candidate : candidates) {
            for (Ref advertised : refs) {
                if (advertised.getName().equals(candidate)) {
                    return candidate;
                }
            }
        }
        throw new MarketplaceException(ERROR, "the repository " + UnsafeCharacters.quote(url) + " has no branch or tag "
                + UnsafeCharacters.quote(ref) + "; ask the marketplace's maintainer to fix the ref");
    }

    /**
     * JGit runs few hooks, and none on fetch; pointing hooksPath nowhere keeps it that way. Automatic
     * garbage collection after a fetch is off too: it runs in the background and would race with the
     * removal of a scratch repository.
     */
    static void disableHooks(Repository repository) throws IOException {
        StoredConfig config = repository.getConfig();
        withoutHooks(config);
        config.save();
    }

    /** Sets what {@link #disableHooks} sets, for a caller that saves the configuration itself. */
    static void withoutHooks(StoredConfig config) {
        config.setInt("gc", null, "auto", 0);
        config.setInt("gc", null, "autoPackLimit", 0);
        config.setBoolean("fetch", null, "autogc", false);
        config.setBoolean("gc", null, "autoDetach", false);
        config.setString("core", null, "hooksPath", "/dev/null");
        config.setBoolean("core", null, "symlinks", false);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        while ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
            cause = cause.getCause();
        }
        return UnsafeCharacters.escape(message == null ? e.getClass().getSimpleName() : message);
    }
}
