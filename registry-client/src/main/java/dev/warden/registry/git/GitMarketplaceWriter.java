package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.ERROR;
import static dev.warden.registry.git.MarketplaceException.Kind.REFUSED;

import dev.warden.io.AtomicFiles;
import dev.warden.io.FileTrees;
import dev.warden.io.FolderSwap;
import dev.warden.io.JsonProblem;
import dev.warden.io.RealPaths;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes a Claude Code plugin folder into a Claude Code marketplace kept in a local git repository, the
 * publisher's side of {@link GitMarketplace}: the folder is copied to {@code plugins/<name>/} (replacing the
 * previous copy exactly), its entry in {@value GitMarketplace#MARKETPLACE_FILE} is inserted or updated, and
 * both are committed on the current branch. A failure leaves the repository as it was.
 *
 * @since 0.1
 */
public final class GitMarketplaceWriter {

    /** Where a plugin's own manifest is in its folder. */
    public static final String PLUGIN_MANIFEST = ".claude-plugin/plugin.json";
    static final int MAX_FILES = 20_000;
    static final long MAX_TOTAL_BYTES = 512L << 20;

    private static final StrictJson READER = StrictJson.builder().maxDepth(64).maxStringLength(MarketplaceJson.MAX_BYTES)
            .numbers(StrictJson.Numbers.EXACT).build();
    private static final JsonMapper WRITER = JsonMapper.builder().build();

    /**
     * The name and owner a marketplace is created with when the folder holds none yet.
     *
     * @param name  the marketplace's kebab-case name, which Claude Code users type after {@code @}
     * @param owner the owner's name Claude Code requires
     */
    public record NewMarketplace(String name, String owner) {

        /** @throws IllegalArgumentException if the name is not kebab-case or the owner is blank */
        public NewMarketplace {
            if (!MarketplaceJson.isKebab(name)) {
                throw new IllegalArgumentException("marketplace name " + UnsafeCharacters.quote(String.valueOf(name))
                        + " must be kebab-case, e.g. acme-plugins");
            }
            if (owner == null || owner.isBlank()) {
                throw new IllegalArgumentException("a new marketplace needs an owner's name");
            }
        }
    }

    /**
     * What {@link #publish} did.
     *
     * @param marketplace the marketplace's name, as Claude Code users type it after {@code @}
     * @param plugin      the plugin's name
     * @param version     the version published
     * @param commit      the commit made (40 hex digits)
     * @param created     the repository (or its marketplace file) was made by this publish
     * @param replaced    the marketplace listed the plugin before, and its entry and files were replaced
     */
    public record Publication(String marketplace, String plugin, String version, String commit, boolean created,
                              boolean replaced) {
        public Publication {
            Objects.requireNonNull(marketplace, "marketplace");
            Objects.requireNonNull(plugin, "plugin");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(commit, "commit");
        }
    }

    private GitMarketplaceWriter() {
    }

    /**
     * Publishes {@code pluginFolder} into the marketplace repository {@code repo}.
     *
     * @param repo         a git repository with a working tree and nothing uncommitted, or a missing or empty
     *                     folder, where a repository on branch {@code main} is made
     * @param pluginFolder a Claude Code plugin folder whose {@value #PLUGIN_MANIFEST} gives a kebab-case
     *                     {@code name} and a {@code version}; its {@code .git/} is left out, and it may hold no
     *                     link or special file
     * @param ifNew        the name and owner written when the repository has no marketplace file yet
     * @return what was published and the commit
     * @throws MarketplaceException REFUSED if the plugin holds a link or special file, or the two folders overlap;
     *     ERROR if the plugin's manifest or the marketplace file cannot be used, the repository has uncommitted
     *     changes, a plugin file would not be committed as it is, or git fails. The repository is then as it was
     */
    public static Publication publish(Path repo, Path pluginFolder, NewMarketplace ifNew) throws MarketplaceException {
        Objects.requireNonNull(ifNew, "ifNew");
        Path source = pluginFolder.toAbsolutePath().normalize();
        Path target = repo.toAbsolutePath().normalize();
        if (RealPaths.reallyInside(target, source) || RealPaths.reallyInside(source, target)) {
            throw new MarketplaceException(REFUSED, "the plugin folder " + source + " and the marketplace " + target
                    + " overlap; publish from a folder outside the marketplace");
        }
        Manifest manifest = Manifest.read(source);
        Map<String, ObjectId> files = Snapshot.of(source);
        // the person's repository: committed under their name, with their settings, as git would
        try (GitSystem.Scope persons = GitSystem.personsConfiguration()) {
            if (!Files.exists(target.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
                return intoNewRepository(target, source, manifest, files, ifNew);
            }
            return intoExistingRepository(target, source, manifest, files, ifNew);
        } catch (IOException | GitAPIException | RuntimeException e) {
            throw new MarketplaceException(ERROR, "cannot publish " + manifest.name() + " " + manifest.version() + " to "
                    + target + ": " + GitRepositories.describe(e) + "; the marketplace is as it was", e);
        }
    }

    private static Publication intoNewRepository(Path repo, Path source, Manifest manifest, Map<String, ObjectId> files,
                                                 NewMarketplace ifNew) throws IOException, GitAPIException, MarketplaceException {
        if (Files.exists(repo, LinkOption.NOFOLLOW_LINKS) && !FileTrees.children(repo).isEmpty()) {
            throw new MarketplaceException(ERROR, repo + " is neither a git repository nor empty; give a marketplace"
                    + " repository or a new folder");
        }
        Files.createDirectories(repo.toAbsolutePath().getParent());
        Path fresh = FolderSwap.prepare(repo);
        try {
            try (Git git = Git.init().setDirectory(fresh.toFile()).setInitialBranch("main").call()) {
                StoredConfig config = git.getRepository().getConfig();
                // the bytes committed are the plugin's bytes, whatever the person's global settings say
                config.setBoolean("core", null, "autocrlf", false);
                config.save();
                ObjectNode marketplace = newMarketplace(ifNew);
                String commit = commit(git, fresh, source, manifest, files, marketplace);
                FolderSwap.commit(fresh, repo);
                return new Publication(ifNew.name(), manifest.name(), manifest.version(), commit, true, false);
            }
        } finally {
            FolderSwap.abandon(fresh);
        }
    }

    private static Publication intoExistingRepository(Path repo, Path source, Manifest manifest, Map<String, ObjectId> files,
                                                      NewMarketplace ifNew)
            throws IOException, GitAPIException, MarketplaceException {
        try (Git git = GitRepositories.open(repo)) {
            Repository repository = git.getRepository();
            if (repository.isBare()) {
                throw new MarketplaceException(ERROR, repo + " is a bare repository; publish into a clone with a working tree");
            }
            String branch = repository.getFullBranch();
            if (branch == null || !branch.startsWith(Constants.R_HEADS)) {
                throw new MarketplaceException(ERROR, repo + " has no branch checked out (a detached HEAD); check out the"
                        + " branch to publish on first");
            }
            if (!git.status().call().isClean()) {
                throw new MarketplaceException(ERROR, repo + " has uncommitted changes; commit or stash them first, so that"
                        + " the publish commit holds the plugin only");
            }
            ObjectId head = repository.resolve(Constants.HEAD);
            Path marketplaceFile = repo.resolve(GitMarketplace.MARKETPLACE_FILE);
            Optional<byte[]> previousMarketplace = Files.exists(marketplaceFile, LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(Files.readAllBytes(marketplaceFile)) : Optional.empty();
            ObjectNode marketplace = previousMarketplace.isPresent()
                    ? readMarketplace(previousMarketplace.get(), marketplaceFile) : newMarketplace(ifNew);
            boolean listed = entry(marketplace, manifest.name()).isPresent();

            Path pluginCopy = repo.resolve("plugins").resolve(manifest.name());
            Path backup = repository.getDirectory().toPath().resolve("warden-publish-" + UUID.randomUUID());
            boolean hadCopy = Files.exists(pluginCopy, LinkOption.NOFOLLOW_LINKS);
            if (hadCopy) {
                Files.move(pluginCopy, backup, StandardCopyOption.ATOMIC_MOVE); // nothing has changed if this fails
            }
            String commit;
            try {
                commit = commit(git, repo, source, manifest, files, marketplace);
            } catch (IOException | GitAPIException | MarketplaceException | RuntimeException e) {
                try {
                    restore(git, head, pluginCopy, hadCopy ? Optional.of(backup) : Optional.empty(), marketplaceFile,
                            previousMarketplace);
                } catch (IOException | GitAPIException | RuntimeException notRestored) {
                    e.addSuppressed(notRestored);
                }
                throw e;
            }
            removeQuietly(backup);
            return new Publication(marketplace.get("name").stringValue(), manifest.name(), manifest.version(), commit,
                    previousMarketplace.isEmpty(), listed);
        }
    }

    private static void removeQuietly(Path folder) {
        try {
            FileTrees.deleteTree(folder);
        } catch (IOException e) {
            // the publish is committed; a leftover copy of the old files inside .git harms nothing
        }
    }

    /** Puts the files and git back where a failed publish found them: working tree, index and branch. */
    private static void restore(Git git, ObjectId head, Path pluginCopy, Optional<Path> backup, Path marketplaceFile,
                                Optional<byte[]> previousMarketplace) throws IOException, GitAPIException {
        FileTrees.deleteTree(pluginCopy);
        if (backup.isPresent()) {
            Files.move(backup.get(), pluginCopy, StandardCopyOption.ATOMIC_MOVE);
        }
        if (previousMarketplace.isPresent()) {
            AtomicFiles.write(marketplaceFile, previousMarketplace.get());
        } else {
            Files.deleteIfExists(marketplaceFile);
        }
        Repository repository = git.getRepository();
        if (head != null) {
            // mixed: the branch and the index go back; the working tree was put back by hand above
            git.reset().setRef(head.name()).call();
        } else {
            String branch = repository.getFullBranch();
            if (branch != null && repository.exactRef(branch) != null) {
                RefUpdate delete = repository.updateRef(branch);
                delete.setForceUpdate(true);
                delete.delete();
            }
            DirCache index = repository.lockDirCache();
            index.clear();
            index.write();
            index.commit();
        }
    }

    /** Copies the plugin, writes the marketplace file, commits both and checks the commit holds the plugin's bytes. */
    private static String commit(Git git, Path repo, Path source, Manifest manifest, Map<String, ObjectId> files,
                                 ObjectNode marketplace) throws IOException, GitAPIException, MarketplaceException {
        String pluginPath = "plugins/" + manifest.name();
        Snapshot.copy(source, repo.resolve(pluginPath));
        upsert(marketplace, manifest, "./" + pluginPath);
        Path marketplaceFile = repo.resolve(GitMarketplace.MARKETPLACE_FILE);
        Files.createDirectories(marketplaceFile.getParent());
        AtomicFiles.write(marketplaceFile, (WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(marketplace) + "\n")
                .getBytes(StandardCharsets.UTF_8));

        git.add().addFilepattern(pluginPath).addFilepattern(GitMarketplace.MARKETPLACE_FILE).call();
        git.add().setUpdate(true).addFilepattern(pluginPath).call(); // removed files leave the index too
        RevCommit commit = git.commit().setMessage("Publish " + manifest.name() + " " + manifest.version()).setSign(false)
                .call();
        Map<String, ObjectId> committed = committedFiles(git.getRepository(), commit, pluginPath);
        if (!committed.equals(files)) {
            String differing = files.keySet().stream().filter(f -> !files.get(f).equals(committed.get(f))).findFirst()
                    .orElse(committed.keySet().stream().filter(f -> !files.containsKey(f)).findFirst().orElse("?"));
            throw new MarketplaceException(ERROR, "the commit would not hold the plugin's file "
                    + UnsafeCharacters.quote(differing) + " as it is (is it ignored by the marketplace's .gitignore,"
                    + " or changed by a git attribute?); nothing was published, the marketplace is as it was");
        }
        return commit.name();
    }

    private static Map<String, ObjectId> committedFiles(Repository repository, RevCommit commit, String folder)
            throws IOException {
        Map<String, ObjectId> files = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            walk.setFilter(PathFilter.create(folder));
            while (walk.next()) {
                files.put(walk.getPathString().substring(folder.length() + 1), walk.getObjectId(0));
            }
        }
        return files;
    }

    private static ObjectNode newMarketplace(NewMarketplace ifNew) {
        ObjectNode marketplace = WRITER.createObjectNode();
        marketplace.put("name", ifNew.name());
        marketplace.putObject("owner").put("name", ifNew.owner());
        marketplace.putArray("plugins");
        return marketplace;
    }

    /** Reads the marketplace file as Warden's reader would, keeping every field to write it back. */
    private static ObjectNode readMarketplace(byte[] bytes, Path file) throws MarketplaceException {
        MarketplaceJson.parse(bytes, file.toString());
        try {
            return (ObjectNode) READER.read(bytes);
        } catch (StrictJsonException e) {
            throw new MarketplaceException(ERROR, file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Optional<ObjectNode> entry(ObjectNode marketplace, String name) {
        for (JsonNode entry : marketplace.get("plugins")) {
            if (entry.isObject() && entry.path("name").isString() && entry.get("name").stringValue().equals(name)) {
                return Optional.of((ObjectNode) entry);
            }
        }
        return Optional.empty();
    }

    /**
     * Sets the plugin's entry's source, version and description (when the plugin has one); its other fields and the
     * other entries stay as they are.
     */
    private static void upsert(ObjectNode marketplace, Manifest manifest, String sourcePath) {
        ObjectNode entry = entry(marketplace, manifest.name()).orElseGet(() -> {
            ObjectNode created = ((ArrayNode) marketplace.get("plugins")).addObject();
            created.put("name", manifest.name());
            return created;
        });
        entry.put("source", sourcePath);
        manifest.description().ifPresent(d -> entry.put("description", d));
        entry.put("version", manifest.version());
    }

    /** What the writer needs from the plugin's own {@value #PLUGIN_MANIFEST}. */
    private record Manifest(String name, String version, Optional<String> description) {

        static Manifest read(Path plugin) throws MarketplaceException {
            Path file = plugin.resolve(PLUGIN_MANIFEST);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new MarketplaceException(ERROR, plugin + " is not a Claude Code plugin folder: it has no "
                        + PLUGIN_MANIFEST);
            }
            JsonNode root;
            try {
                root = READER.read(Files.readAllBytes(file));
            } catch (StrictJsonException e) {
                JsonProblem problem = e.problem();
                throw new MarketplaceException(ERROR, file + " is not valid JSON" + problem.where() + ": "
                        + UnsafeCharacters.escape(problem.describe()), e);
            } catch (IOException e) {
                throw new MarketplaceException(ERROR, "cannot read " + file + ": " + GitRepositories.describe(e), e);
            }
            if (!root.isObject()) {
                throw new MarketplaceException(ERROR, file + ": $ must be a JSON object");
            }
            JsonNode name = root.get("name");
            if (name == null || !name.isString() || !MarketplaceJson.isKebab(name.stringValue())) {
                throw new MarketplaceException(ERROR, file + ": $.name must be the plugin's kebab-case name, e.g. hello");
            }
            JsonNode version = root.get("version");
            if (version == null || !version.isString() || version.stringValue().isBlank()) {
                throw new MarketplaceException(ERROR, file + ": $.version must be given (e.g. \"0.1.0\"), so that Claude"
                        + " Code and Warden see each release as an update");
            }
            JsonNode description = root.get("description");
            return new Manifest(name.stringValue(), version.stringValue(), description != null && description.isString()
                    ? Optional.of(description.stringValue()) : Optional.empty());
        }
    }

    /** The plugin's files by path, as git blob ids, read once; and the copy that refuses what git would change. */
    private static final class Snapshot {

        static Map<String, ObjectId> of(Path source) throws MarketplaceException {
            Map<String, ObjectId> files = new TreeMap<>();
            long[] total = new long[1];
            walk(source, (file, relative) -> {
                if (files.size() >= MAX_FILES || (total[0] += Files.size(file)) > MAX_TOTAL_BYTES) {
                    throw new Refused("the plugin has more than " + MAX_FILES + " files or " + MAX_TOTAL_BYTES
                            + " bytes; refused");
                }
                try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
                    files.put(relative, ids.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file)));
                }
            });
            return files;
        }

        static void copy(Path source, Path target) throws IOException, MarketplaceException {
            Files.createDirectories(target);
            walk(source, (file, relative) -> {
                Path copy = target.resolve(relative);
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            });
        }

        private interface FileAction {
            void accept(Path file, String relative) throws IOException;
        }

        /** Visits every regular file but the top-level {@code .git}; links and special files refuse. */
        private static void walk(Path source, FileAction action) throws MarketplaceException {
            try {
                Files.walkFileTree(source, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return dir.equals(source.resolve(Constants.DOT_GIT)) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String relative = source.relativize(file).toString();
                        if (relative.equals(Constants.DOT_GIT)) {
                            return FileVisitResult.CONTINUE; // a worktree's or submodule's pointer to its repository
                        }
                        if (!attrs.isRegularFile()) {
                            throw new Refused(UnsafeCharacters.quote(relative) + " in " + source + (attrs.isSymbolicLink()
                                    ? " is a symbolic link; a marketplace copy cannot keep it safely. Copy the file instead"
                                    : " is not a regular file; refused"));
                        }
                        action.accept(file, relative);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (Refused e) {
                throw new MarketplaceException(REFUSED, e.getMessage(), e);
            } catch (IOException e) {
                throw new MarketplaceException(ERROR, "cannot read the plugin folder " + source + ": "
                        + GitRepositories.describe(e), e);
            }
        }
    }

    /** Carries a refusal out of the file visitor. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }
}
