package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.ERROR;
import static dev.warden.registry.git.MarketplaceException.Kind.REFUSED;

import dev.warden.io.FileTrees;
import dev.warden.io.UnsafeCharacters;
import dev.warden.registry.fetch.Fetcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A Claude Code marketplace kept in git: clone it, read its {@code marketplace.json} as of a
 * pinned commit, see what the default branch points at now, and make one plugin's files available.
 * Everything is read from git's object database through JGit; no working tree is checked out, no
 * {@code git} program, hook, filter or submodule runs.
 *
 * @since 0.1
 */
public final class GitMarketplace {

    /** Where Claude Code keeps the marketplace file in a repository. */
    public static final String MARKETPLACE_FILE = ".claude-plugin/marketplace.json";

    private GitMarketplace() {
    }

    /**
     * Clones a marketplace repository (bare, shallow, no submodules).
     *
     * @param location an https, http, ssh, git or file URL, an scp-like {@code user@host:path}, or a local
     *                 repository path; transport helpers such as {@code ext::} are refused
     * @param repoDir  where the clone goes; must not exist, and is removed again on failure
     * @return the commit id (40 hex digits) the remote's default branch points at, to pin
     * @throws MarketplaceException if the location is refused or the clone fails
     * @throws IllegalArgumentException if repoDir already exists
     */
    public static String cloneInto(String location, Path repoDir) throws MarketplaceException {
        Objects.requireNonNull(repoDir, "repoDir");
        try {
            GitLocations.check(location);
        } catch (IllegalArgumentException e) {
            throw new MarketplaceException(ERROR, e.getMessage(), e);
        }
        if (Files.exists(repoDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(repoDir + " already exists; cloneInto needs a new folder");
        }
        boolean done = false;
        try {
            String commit = GitRepositories.cloneBare(location, repoDir);
            done = true;
            return commit;
        } finally {
            if (!done) {
                removeQuietly(repoDir);
            }
        }
    }

    /**
     * Fetches from the marketplace's origin. Only git's object database and remote-tracking state
     * change; the caller's pin stays where it is until the caller moves it.
     *
     * @param repoDir a repository made by {@link #cloneInto}
     * @return the commit id the origin's default branch points at now (the same as the pin when nothing changed)
     * @throws MarketplaceException if the fetch fails
     */
    public static String fetchLatest(Path repoDir) throws MarketplaceException {
        return GitRepositories.fetchDefault(repoDir);
    }

    /**
     * Reads {@value #MARKETPLACE_FILE} as it is in one commit, from the object database.
     *
     * @param repoDir a repository made by {@link #cloneInto}
     * @param commit  a full commit id, usually the pin
     * @return the marketplace; entries Warden cannot install are listed with an
     *     {@link PluginSource.Unsupported} source that says why
     * @throws MarketplaceException if the commit or the file is missing, the file is not a regular file,
     *     is larger than 4 MiB, is not strict JSON (duplicate keys included), or has no usable name or
     *     plugin list, or an entry has no usable name; the message names the file and the JSON path
     */
    public static ClaudeMarketplace read(Path repoDir, String commit) throws MarketplaceException {
        try (PinnedTree tree = PinnedTree.open(repoDir, commit)) {
            return tree.marketplace();
        }
    }

    /**
     * Opens the tree of one commit for several reads ({@link PinnedTree#marketplace()}, {@link PinnedTree#readFile}),
     * e.g. the listing and every plugin's manifest and signature, with one open of the repository.
     *
     * @param repoDir a repository made by {@link #cloneInto}
     * @param commit  a full commit id, usually the pin
     * @return the open tree; the caller closes it
     * @throws MarketplaceException if the repository cannot be opened or the commit is missing
     */
    public static PinnedTree openTree(Path repoDir, String commit) throws MarketplaceException {
        return PinnedTree.open(repoDir, commit);
    }

    /**
     * The bytes of one small file in the tree of {@code commit}, e.g. the Warden signature of a plugin folder
     * the marketplace keeps (read for the listing, before anything is copied). For several files,
     * {@link #openTree} opens the repository once.
     *
     * @param path     {@code /}-separated, relative to the repository root
     * @param maxBytes the most that is read
     * @return empty when nothing exists at {@code path} in that commit
     * @throws MarketplaceException INTEGRITY if the path is not a regular file or is larger than {@code maxBytes};
     *     ERROR if the commit is missing or the repository cannot be read
     */
    public static Optional<byte[]> readFile(Path repoDir, String commit, String path, long maxBytes)
            throws MarketplaceException {
        try (PinnedTree tree = PinnedTree.open(repoDir, commit)) {
            return tree.readFile(path, maxBytes);
        }
    }

    /**
     * Makes one plugin's files available as plain files and folders in {@code workDir/<plugin name>}.
     * <ul>
     *   <li>{@link PluginSource.Relative}: copied out of the tree of {@code commit}; links are never
     *       followed out of the plugin's folder, and a path leaving the repository is refused.</li>
     *   <li>{@link PluginSource.GitHub}, {@link PluginSource.GitUrl}, {@link PluginSource.GitSubdir}:
     *       fetched (at sha when given, else ref, else the default branch; shallow unless pinned), the
     *       sha checked to be in the fetched history, and the tree copied the same way.</li>
     *   <li>{@link PluginSource.Archive}: downloaded with the fetcher for its folder URL, its SHA-256
     *       checked before anything is extracted, then extracted safely. When the archive holds a single
     *       top-level folder, that folder is returned.</li>
     *   <li>{@link PluginSource.Unsupported} (npm, pip, command, unknown, invalid): refused with the reason.</li>
     * </ul>
     *
     * @param repoDir  the marketplace repository made by {@link #cloneInto}
     * @param commit   the pinned commit of the marketplace
     * @param plugin   the listing, from {@link #read} of that commit
     * @param workDir  an existing folder; {@code workDir/<plugin name>} must not exist yet
     * @param fetchers gives a {@link Fetcher} for a folder URL (ending in {@code /}); used for archives only
     * @return the folder holding the plugin's files (inside {@code workDir/<plugin name>})
     * @throws MarketplaceException if the source is refused or cannot be fetched, checked or copied;
     *     nothing is left in workDir then
     * @throws IllegalArgumentException if {@code workDir/<plugin name>} already exists
     */
    public static Path materialise(Path repoDir, String commit, ClaudeListing plugin, Path workDir,
                                   Function<String, Fetcher> fetchers) throws MarketplaceException {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(fetchers, "fetchers");
        Path target = workDir.resolve(plugin.name());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(target + " already exists; materialise needs a new folder");
        }
        String label = "plugin " + plugin.name() + " (" + plugin.source().describe() + ")";
        Path scratch = workDir.resolve("." + plugin.name() + ".fetch");
        boolean done = false;
        try {
            removeQuietly(scratch);
            Path result = make(repoDir, commit, plugin.source(), plugin.name(), fetchers, scratch, target, label);
            done = true;
            return result;
        } catch (IOException | UncheckedIOException e) {
            throw new MarketplaceException(ERROR, "cannot make " + label + " available in " + workDir + ": "
                    + GitRepositories.describe(e), e);
        } finally {
            removeQuietly(scratch);
            if (!done) {
                removeQuietly(target);
            }
        }
    }

    private static Path make(Path repoDir, String commit, PluginSource source, String name,
                             Function<String, Fetcher> fetchers, Path scratch, Path target, String label)
            throws MarketplaceException, IOException {
        if (source instanceof PluginSource.Unsupported unsupported) {
            throw new MarketplaceException(REFUSED, "Warden does not install the plugin " + name + ": " + unsupported.reason());
        }
        if (source instanceof PluginSource.Relative relative) {
            try (Git git = GitRepositories.open(repoDir)) {
                Repository repository = git.getRepository();
                RevCommit revCommit = commit(repository, commit, repoDir);
                new TreeCopy(repository, revCommit.getTree(), label + " at commit " + shortId(commit))
                        .copy(relative.path(), target);
            }
            return target;
        }
        if (source instanceof PluginSource.GitHub github) {
            return copyRemote(github.url(), "", github.ref(), github.sha(), scratch, target, label);
        }
        if (source instanceof PluginSource.GitUrl url) {
            return copyRemote(url.url(), "", url.ref(), url.sha(), scratch, target, label);
        }
        if (source instanceof PluginSource.GitSubdir subdir) {
            return copyRemote(subdir.url(), subdir.path(), subdir.ref(), subdir.sha(), scratch, target, label);
        }
        PluginSource.Archive archive = (PluginSource.Archive) source;
        Files.createDirectories(scratch);
        ArchiveSource.materialise(archive, fetchers, target, scratch.resolve("download"));
        return singleFolder(target);
    }

    private static Path copyRemote(String url, String folder, Optional<String> ref,
                                   Optional<String> sha, Path scratch, Path target, String label)
            throws MarketplaceException, IOException {
        try (GitRepositories.Fetched fetched = GitRepositories.fetchPlugin(url, ref, sha, scratch)) {
            new TreeCopy(fetched.repository(), fetched.commit().getTree(),
                    label + " at commit " + shortId(fetched.commit().name())).copy(folder, target);
        }
        return target;
    }

    /** Files and folders that show a folder is a plugin's root. */
    private static final List<String> PLUGIN_MARKERS = List.of(".claude-plugin", "plugin.json",
            "skills", "agents", "commands", "hooks", ".mcp.json", "META-INF");

    /** Release archives usually wrap everything in one {@code name-version/} folder; that folder is the plugin. */
    private static Path singleFolder(Path target) throws IOException {
        if (hasMarker(target)) {
            return target;
        }
        try (var children = Files.list(target)) {
            var list = children.limit(2).toList();
            if (list.size() == 1 && Files.isDirectory(list.get(0), LinkOption.NOFOLLOW_LINKS) && hasMarker(list.get(0))) {
                return list.get(0);
            }
        }
        return target;
    }

    private static boolean hasMarker(Path dir) {
        return PLUGIN_MARKERS.stream().anyMatch(name -> Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS));
    }

    private static RevCommit commit(Repository repository, String commit, Path repoDir) throws MarketplaceException {
        if (commit == null || !SourcePaths.isSha(commit)) {
            throw new MarketplaceException(ERROR, "the pin " + UnsafeCharacters.quote(String.valueOf(commit))
                    + " of " + repoDir + " is not a full commit id (40 lowercase hex digits)");
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(ObjectId.fromString(commit));
        } catch (IOException e) {
            throw new MarketplaceException(ERROR, "the commit " + commit + " is not in " + repoDir
                    + "; run 'warden marketplace update' or add the marketplace again", e);
        }
    }

    private static String shortId(String commit) {
        return commit == null ? "null" : commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static void removeQuietly(Path dir) {
        try {
            FileTrees.deleteTree(dir);
        } catch (IOException e) {
            // leftovers in a scratch folder are removed by the next attempt; the original error matters more
        }
    }
}
