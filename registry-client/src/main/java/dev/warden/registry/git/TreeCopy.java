package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.ERROR;
import static dev.warden.registry.git.MarketplaceException.Kind.INTEGRITY;

import dev.warden.io.RealPaths;
import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Copies one folder of a commit's tree out of the object database into a new local folder. Only
 * regular files and folders are written; nothing is ever created as a link. A symbolic link whose
 * target is a file inside the copied folder is copied as that file's content; any other link, and
 * submodules, are refused, so nothing outside the folder can be reached through the copy.
 */
final class TreeCopy {

    static final int MAX_FILES = 20_000;
    static final long MAX_FILE_BYTES = 100L << 20;
    static final long MAX_TOTAL_BYTES = 512L << 20;
    private static final int MAX_LINK_BYTES = 4096;

    private final Repository repository;
    private final RevTree root;
    private final String what;
    private int files;
    private long total;

    /** @param what names the repository and commit in messages */
    TreeCopy(Repository repository, RevTree root, String what) {
        this.repository = repository;
        this.root = root;
        this.what = what;
    }

    /**
     * @param folder the folder inside the tree, normalised, empty for the root
     * @param target a folder that does not exist yet
     */
    void copy(String folder, Path target) throws MarketplaceException, IOException {
        ObjectId tree = folder.isEmpty() ? root : findFolder(folder);
        Files.createDirectories(target);
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                String relative = walk.getPathString();
                String inRepo = folder.isEmpty() ? relative : folder + "/" + relative;
                checkName(inRepo);
                FileMode mode = walk.getFileMode(0);
                Path file = target.resolve(relative).normalize();
                if (!RealPaths.isBelow(file, target)) {
                    throw new MarketplaceException(INTEGRITY, what + ": the entry " + UnsafeCharacters.quote(inRepo)
                            + " would be written outside the plugin folder; refused");
                }
                if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    write(walk.getObjectId(0), inRepo, file, mode == FileMode.EXECUTABLE_FILE);
                } else if (mode == FileMode.SYMLINK) {
                    ObjectId content = linkTarget(walk.getObjectId(0), folder, inRepo);
                    write(content, inRepo, file, false);
                } else if (mode == FileMode.GITLINK) {
                    throw new MarketplaceException(INTEGRITY, what + ": " + UnsafeCharacters.quote(inRepo) + " is a git submodule;"
                            + " Warden does not fetch submodules. Ask the publisher to include the files instead");
                } else {
                    throw new MarketplaceException(INTEGRITY, what + ": " + UnsafeCharacters.quote(inRepo)
                            + " has an unknown file mode; refused");
                }
            }
        }
    }

    /** Finds a folder, refusing links on the way so that a path never leaves the tree through one. */
    private ObjectId findFolder(String folder) throws MarketplaceException, IOException {
        String[] segments = folder.split("/");
        StringBuilder prefix = new StringBuilder();
        ObjectId id = root;
        for (String segment : segments) {
            prefix.append(prefix.length() == 0 ? "" : "/").append(segment);
            try (TreeWalk walk = TreeWalk.forPath(repository, prefix.toString(), root)) {
                if (walk == null) {
                    throw new MarketplaceException(ERROR, what + ": there is no folder " + UnsafeCharacters.quote(folder)
                            + "; ask the marketplace's maintainer to fix the plugin's source");
                }
                FileMode mode = walk.getFileMode(0);
                if (mode == FileMode.SYMLINK) {
                    throw new MarketplaceException(INTEGRITY, what + ": " + UnsafeCharacters.quote(prefix.toString())
                            + " is a symbolic link; Warden does not follow links in a marketplace repository");
                }
                if (mode != FileMode.TREE) {
                    throw new MarketplaceException(INTEGRITY, what + ": " + UnsafeCharacters.quote(prefix.toString())
                            + " is not a folder");
                }
                id = walk.getObjectId(0);
            }
        }
        return id;
    }

    /** @return the blob a link resolves to, when that is a regular file inside the copied folder */
    private ObjectId linkTarget(ObjectId link, String folder, String inRepo) throws MarketplaceException, IOException {
        ObjectLoader loader = repository.open(link);
        if (loader.getSize() > MAX_LINK_BYTES) {
            throw refusedLink(inRepo, "(a very long target)");
        }
        String target = new String(loader.getBytes(), StandardCharsets.UTF_8);
        String parent = inRepo.contains("/") ? inRepo.substring(0, inRepo.lastIndexOf('/')) : "";
        Optional<String> resolved = SourcePaths.normalise(parent, target);
        String prefix = folder.isEmpty() ? "" : folder + "/";
        if (resolved.isEmpty() || !resolved.get().startsWith(prefix) || resolved.get().equals(folder)) {
            throw refusedLink(inRepo, UnsafeCharacters.quote(target));
        }
        try (TreeWalk walk = TreeWalk.forPath(repository, resolved.get(), root)) {
            if (walk == null || walk.getFileMode(0) != FileMode.REGULAR_FILE
                    && walk.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
                throw refusedLink(inRepo, UnsafeCharacters.quote(target));
            }
            return walk.getObjectId(0);
        }
    }

    private MarketplaceException refusedLink(String inRepo, String target) {
        return new MarketplaceException(INTEGRITY, what + ": " + UnsafeCharacters.quote(inRepo) + " is a symbolic link to "
                + target + ", which is not a file inside the plugin's folder; Warden does not follow it."
                + " Ask the publisher to replace the link with the file");
    }

    private void write(ObjectId blob, String inRepo, Path file, boolean executable)
            throws MarketplaceException, IOException {
        if (++files > MAX_FILES) {
            throw new MarketplaceException(INTEGRITY, what + ": the plugin has more than " + MAX_FILES + " files; refused");
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            ObjectLoader loader = reader.open(blob);
            long size = loader.getSize();
            if (size > MAX_FILE_BYTES) {
                throw new MarketplaceException(INTEGRITY, what + ": " + UnsafeCharacters.quote(inRepo) + " is " + size
                        + " bytes; Warden copies files of at most " + MAX_FILE_BYTES + " bytes");
            }
            total += size;
            if (total > MAX_TOTAL_BYTES) {
                throw new MarketplaceException(INTEGRITY, what + ": the plugin is larger than " + MAX_TOTAL_BYTES + " bytes; refused");
            }
            Files.createDirectories(file.getParent());
            try (InputStream in = loader.openStream();
                 OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
        }
        if (executable) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                permissions.add(PosixFilePermission.OWNER_EXECUTE);
                Files.setPosixFilePermissions(file, permissions);
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX permissions has no executable bit to keep
            }
        }
    }

    private void checkName(String inRepo) throws MarketplaceException {
        for (String segment : inRepo.split("/", -1)) {
            boolean bad = segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equals(".git")
                    || segment.indexOf('\\') >= 0 || segment.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
            if (bad) {
                throw new MarketplaceException(INTEGRITY, what + ": the entry " + UnsafeCharacters.quote(inRepo)
                        + " has a name Warden does not write to disk; refused");
            }
        }
    }
}
