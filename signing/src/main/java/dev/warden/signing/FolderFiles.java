package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The regular files of a folder, as a plugin folder is packed into a bundle or signed in place: by
 * relative {@code /}-separated name, sorted by code point, never following a link.
 */
final class FolderFiles {

    private FolderFiles() {
    }

    /**
     * @param folder   an absolute, normalised folder
     * @param leaveOut files and folders (with all they hold) to pass over
     * @return each file's name and path
     * @throws BundleException UNSAFE_ENTRY naming a symbolic link or special file; IO
     */
    static TreeMap<String, Path> collect(Path folder, Predicate<Path> leaveOut) throws BundleException {
        TreeMap<String, Path> files = new TreeMap<>(CanonicalJson::compareCodePoints);
        try {
            Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return leaveOut.test(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (leaveOut.test(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = name(folder, file);
                    if (attrs.isSymbolicLink()) {
                        throw new Refused(new BundleException(Failure.UNSAFE_ENTRY, name, "'" + EntryNames.printable(name)
                                + "' in " + folder + " is a symbolic link; bundles and signed folders hold regular files"
                                + " only — copy the file it points to instead"));
                    }
                    if (!attrs.isRegularFile()) {
                        throw new Refused(new BundleException(Failure.UNSAFE_ENTRY, name, "'" + EntryNames.printable(name)
                                + "' in " + folder + " is a special file (device, FIFO or socket); bundles and signed"
                                + " folders hold regular files only"));
                    }
                    files.put(name, file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (Refused e) {
            throw e.reason;
        } catch (IOException e) {
            throw new BundleException(Failure.IO, "cannot read the folder " + folder + ": " + e.getMessage(), e);
        }
        return files;
    }

    /**
     * Checks what {@link #collect} found as the bundle reader checks entries: each name by the entry-name rules,
     * no two colliding, at most {@code maxEntries - reserved} files (the rest is left for metadata), sizes and
     * jars within the limits.
     *
     * @throws BundleException UNSAFE_ENTRY or LIMIT_EXCEEDED naming the file; IO
     */
    static void check(Map<String, Path> files, BundleLimits limits, Path source, int reserved) throws BundleException {
        if (files.size() + reserved > limits.maxEntries()) {
            throw new BundleException(Failure.LIMIT_EXCEEDED, source + " holds " + files.size()
                    + " files; Warden takes at most " + (limits.maxEntries() - reserved) + " from one folder");
        }
        EntryNames.Collisions collisions = new EntryNames.Collisions();
        long total = 0;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            String name = file.getKey();
            EntryNames.check(name, false, limits);
            collisions.add(name);
            long size;
            try {
                size = Files.size(file.getValue());
            } catch (IOException e) {
                throw new BundleException(Failure.IO, name, "cannot read " + file.getValue() + ": " + e.getMessage(), e);
            }
            if (size > limits.maxEntryBytes()) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, name, "'" + EntryNames.printable(name) + "' is " + size
                        + " bytes, above the per-entry limit of " + limits.maxEntryBytes());
            }
            if (EntryNames.isJar(name) && size > limits.maxNestedArchiveBytes()) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, name, "jar '" + EntryNames.printable(name) + "' is " + size
                        + " bytes, above the limit of " + limits.maxNestedArchiveBytes() + " for jars Warden inspects");
            }
            total += size;
            if (total > limits.maxTotalBytes()) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, name, source + " holds more than "
                        + limits.maxTotalBytes() + " bytes, the limit for one plugin");
            }
        }
    }

    /** The {@code /}-separated name of {@code file} relative to {@code folder}. */
    static String name(Path folder, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : folder.relativize(file)) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part.toString());
        }
        return name.toString();
    }

    /** Carries a refusal out of the file visitor, which may only throw IOException. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient BundleException reason;

        Refused(BundleException reason) {
            super(reason.getMessage());
            this.reason = reason;
        }
    }
}
