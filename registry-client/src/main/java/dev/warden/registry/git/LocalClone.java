package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.INTEGRITY;
import static dev.warden.registry.git.MarketplaceException.Kind.REFUSED;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
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
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.util.FS;

/**
 * The clone of a repository on this machine: the commit its default branch points at and the objects of
 * that commit's tree are copied into a new bare repository, each one hashed again as it is written, and
 * the result is set up as a depth-1 clone with the source as {@code origin} (so a later fetch works as after
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
                try (Git git = Git.init().setBare(true).setDirectory(repoDir.toFile()).setInitialBranch(branch).call()) {
                    Repository target = git.getRepository();
                    copyObjects(reader, commit, target,
                            ((ObjectDirectory) source.getObjectDatabase()).getDirectory().toPath());
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
                    config.save();
                    GitRepositories.disableHooks(target);
                    return Optional.of(commit.name());
                }
            }
        }
    }

    /**
     * Copies the commit, every tree under it and every file's blob into one pack; submodule entries name no object
     * here. The commit and the trees are read first, which counts the objects, so the pack is written in one pass
     * (nothing exists in the new repository yet, so no object is looked up before it is written).
     */
    private static void copyObjects(ObjectReader reader, RevCommit commit, Repository target, Path objects)
            throws IOException, MarketplaceException {
        try (LooseObjectReader loose = new LooseObjectReader(objects)) {
            List<ObjectId> treeIds = new ArrayList<>();
            List<byte[]> treeContents = new ArrayList<>();
            List<ObjectId> blobs = new ArrayList<>();
            Set<ObjectId> seen = new HashSet<>();
            Deque<ObjectId> trees = new ArrayDeque<>();
            trees.push(commit.getTree().copy());
            seen.add(commit.getTree().copy());
            CanonicalTreeParser parser = new CanonicalTreeParser();
            while (!trees.isEmpty()) {
                ObjectId tree = trees.pop();
                byte[] raw = tree(reader, loose, tree);
                treeIds.add(tree);
                treeContents.add(raw);
                parser.reset(raw);
                for (; !parser.eof(); parser.next()) {
                    FileMode mode = parser.getEntryFileMode();
                    if (mode == FileMode.GITLINK) {
                        continue;
                    }
                    ObjectId id = parser.getEntryObjectId();
                    if (!seen.add(id)) {
                        continue;
                    }
                    if (mode == FileMode.TREE) {
                        trees.push(id);
                    } else {
                        blobs.add(id);
                    }
                }
            }
            ObjectDirectory database = (ObjectDirectory) target.getObjectDatabase();
            try (PackFileWriter pack = new PackFileWriter(database.getPackDirectory(), 1 + treeIds.size() + blobs.size())) {
                copy(reader, loose, pack, commit, Constants.OBJ_COMMIT);
                for (int i = 0; i < treeIds.size(); i++) {
                    check(treeIds.get(i), pack.insert(Constants.OBJ_TREE, treeContents.get(i)));
                    treeContents.set(i, null);
                }
                for (ObjectId blob : blobs) {
                    copy(reader, loose, pack, blob, Constants.OBJ_BLOB);
                }
                database.openPack(pack.finish());
            }
        }
    }

    /** A tree's content, read whole (not yet checked against its id: the pack writer hashes it). */
    private static byte[] tree(ObjectReader reader, LooseObjectReader loose, ObjectId id)
            throws IOException, MarketplaceException {
        Optional<byte[]> content = loose.read(id, Constants.OBJ_TREE);
        if (content.isPresent()) {
            return content.get();
        }
        ObjectLoader loader = reader.open(id, Constants.OBJ_TREE);
        if (loader.isLarge()) {
            // a tree is parsed whole; JGit streams an object past 50 MiB, which no honest tree comes near
            throw new MarketplaceException(REFUSED, "the tree " + id.name() + " of the repository is "
                    + loader.getSize() + " bytes; Warden reads trees of at most 50 MiB");
        }
        return loader.getCachedBytes();
    }

    /** Writes one object and checks that what was written hashes to the id it was read under. */
    private static void copy(ObjectReader reader, LooseObjectReader loose, PackFileWriter pack, ObjectId id, int type)
            throws IOException, MarketplaceException {
        Optional<byte[]> content = loose.read(id, type);
        if (content.isPresent()) {
            check(id, pack.insert(type, content.get()));
            return;
        }
        ObjectLoader loader = reader.open(id, type);
        if (loader.isLarge()) {
            try (InputStream in = loader.openStream()) {
                check(id, pack.insert(type, loader.getSize(), in));
            }
        } else {
            check(id, pack.insert(type, loader.getCachedBytes()));
        }
    }

    private static void check(ObjectId id, ObjectId written) throws MarketplaceException {
        if (!written.equals(id)) {
            throw new MarketplaceException(INTEGRITY, "the object " + id.name() + " of the repository hashes to "
                    + written.name() + "; the repository is corrupt or was tampered with");
        }
    }
}
