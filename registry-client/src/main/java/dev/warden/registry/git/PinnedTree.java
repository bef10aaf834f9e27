package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.ERROR;
import static dev.warden.registry.git.MarketplaceException.Kind.INTEGRITY;

import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The tree of one commit of a cloned marketplace, open for many small reads: the repository is opened and
 * the commit parsed once, and every file is looked up from the same tree through one object reader.
 * Reading the listing and each plugin's manifest and signature this way costs one open, not one per file.
 *
 * @since 0.1
 */
public final class PinnedTree implements AutoCloseable {

    private final Repository repository;
    private final ObjectReader reader;
    private final RevTree tree;
    private final String where;
    private final Map<ObjectId, Map<String, Entry>> trees = new HashMap<>();
    /** Kept in {@link #trees} for a tree that holds a name twice (a corrupt tree). */
    private static final Map<String, Entry> NAME_TWICE = Map.of();

    private PinnedTree(Repository repository, ObjectReader reader, RevTree tree, String where) {
        this.repository = repository;
        this.reader = reader;
        this.tree = tree;
        this.where = where;
    }

    /**
     * Opens the tree of {@code commit} in a repository made by {@link GitMarketplace#cloneInto}.
     *
     * @throws MarketplaceException ERROR if the repository cannot be opened, the pin is not a full commit id, or
     *     the commit is not in the repository
     */
    static PinnedTree open(Path repoDir, String commit) throws MarketplaceException {
        if (commit == null || !SourcePaths.isSha(commit)) {
            throw new MarketplaceException(ERROR, "the pin " + UnsafeCharacters.quote(String.valueOf(commit))
                    + " of " + repoDir + " is not a full commit id (40 lowercase hex digits)");
        }
        Repository repository = GitRepositories.open(repoDir).getRepository();
        ObjectReader reader = repository.newObjectReader();
        try (RevWalk walk = new RevWalk(reader)) {
            RevCommit revCommit = walk.parseCommit(ObjectId.fromString(commit));
            return new PinnedTree(repository, reader, revCommit.getTree(), "at commit " + shortId(commit) + " of " + repoDir);
        } catch (IOException e) {
            reader.close();
            repository.close();
            throw new MarketplaceException(ERROR, "the commit " + commit + " is not in " + repoDir
                    + "; run 'warden marketplace update' or add the marketplace again", e);
        }
    }

    /**
     * The bytes of one small file in this tree.
     *
     * @param path     {@code /}-separated, relative to the repository root
     * @param maxBytes the most that is read
     * @return empty when nothing exists at {@code path}
     * @throws MarketplaceException INTEGRITY if the path is not a regular file or is larger than {@code maxBytes};
     *     ERROR if the repository cannot be read
     */
    public Optional<byte[]> readFile(String path, long maxBytes) throws MarketplaceException {
        String what = path + " " + where;
        try {
            Optional<Entry> entry = plainPath(path) ? lookUp(path) : walk(path);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            FileMode mode = entry.get().mode();
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                throw new MarketplaceException(INTEGRITY, what + " is not a regular file (a link or a folder); refused");
            }
            ObjectLoader loader = reader.open(entry.get().id());
            if (loader.getSize() > maxBytes) {
                throw new MarketplaceException(INTEGRITY, what + " is " + loader.getSize() + " bytes; Warden reads at most "
                        + maxBytes);
            }
            return Optional.of(loader.getBytes());
        } catch (IOException e) {
            throw new MarketplaceException(ERROR, "cannot read " + what + ": " + GitRepositories.describe(e), e);
        }
    }

    /** One name in a tree: its mode and object. */
    private record Entry(FileMode mode, ObjectId id) {
    }

    /** Names separated by single slashes, with none empty: looked up name by name in the trees read so far. */
    private static boolean plainPath(String path) {
        return !path.isEmpty() && !path.startsWith("/") && !path.endsWith("/") && !path.contains("//");
    }

    /**
     * The entry at path, found folder by folder; each tree is read and indexed once and kept while this tree is open,
     * so the listing's many look-ups under the same folders read those folders once. Empty when a name is missing or
     * a folder on the way is not a tree (a file, a link, a submodule), as {@link TreeWalk#forPath} answers.
     */
    private Optional<Entry> lookUp(String utf8Path) throws IOException {
        // names are compared as the bytes git keeps, which TreeWalk compares too: one char per byte
        String path = new String(utf8Path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Map<String, Entry> folder = entries(tree);
        int start = 0;
        while (true) {
            if (folder == null) {
                return walk(utf8Path); // a name twice in one folder on the way: JGit's walk decides, as it always did
            }
            int slash = path.indexOf('/', start);
            Entry entry = folder.get(slash < 0 ? path.substring(start) : path.substring(start, slash));
            if (entry == null || slash < 0) {
                return Optional.ofNullable(entry);
            }
            if (entry.mode() != FileMode.TREE) {
                return Optional.empty();
            }
            folder = entries(entry.id());
            start = slash + 1;
        }
    }

    /** The entries of a tree by name; null for a corrupt tree that holds a name twice (see {@link #lookUp}). */
    private Map<String, Entry> entries(ObjectId treeId) throws IOException {
        Map<String, Entry> entries = trees.get(treeId);
        if (entries == null) {
            entries = new HashMap<>();
            CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, treeId);
            for (; !parser.eof(); parser.next()) {
                String name = new String(parser.getEntryPathBuffer(), 0, parser.getEntryPathLength(),
                        StandardCharsets.ISO_8859_1);
                if (entries.putIfAbsent(name, new Entry(parser.getEntryFileMode(), parser.getEntryObjectId())) != null) {
                    entries = NAME_TWICE;
                    break;
                }
            }
            trees.put(treeId.copy(), entries);
        }
        return entries == NAME_TWICE ? null : entries;
    }

    /** Any other path, through JGit's own walk. */
    private Optional<Entry> walk(String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
            return walk == null ? Optional.empty() : Optional.of(new Entry(walk.getFileMode(0), walk.getObjectId(0)));
        }
    }

    /**
     * Reads {@value GitMarketplace#MARKETPLACE_FILE} from this tree; see {@link GitMarketplace#read}.
     */
    public ClaudeMarketplace marketplace() throws MarketplaceException {
        String what = GitMarketplace.MARKETPLACE_FILE + " " + where;
        byte[] bytes = readFile(GitMarketplace.MARKETPLACE_FILE, MarketplaceJson.MAX_BYTES)
                .orElseThrow(() -> new MarketplaceException(ERROR, what + " does not exist; this repository is not a"
                        + " Claude Code marketplace (it needs " + GitMarketplace.MARKETPLACE_FILE + ")"));
        return MarketplaceJson.parse(bytes, what);
    }

    @Override
    public void close() {
        reader.close();
        repository.close();
    }

    static String shortId(String commit) {
        return commit == null ? "null" : commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
