package dev.warden.signing;

import dev.warden.io.AtomicFiles;
import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Packs a plugin folder into an unsigned bundle (DESIGN §3.2). The output is deterministic and is
 * re-read with {@link BundleReader} before it replaces {@code out}, so pack never produces a bundle
 * the reader would refuse.
 */
public final class BundleWriter {

    private static final String CLAUDE_MANIFEST = ".claude-plugin/plugin.json";

    private BundleWriter() {
    }

    /**
     * Packs every regular file under {@code srcDir} into an unsigned bundle at {@code out}, written
     * atomically. plugin.json comes from {@code srcDir/plugin.json} or {@code srcDir/.claude-plugin/plugin.json}
     * (both is an error); only its publisher, name and version are read. {@code out} itself is skipped
     * when it lies inside {@code srcDir}.
     *
     * @return identity, file and byte counts
     * @throws BundleException UNSAFE_ENTRY naming the file for links, special files and names the reader
     *     refuses; LIMIT_EXCEEDED for sizes; MISSING_ENTRY without plugin.json; MALFORMED_ARCHIVE for a
     *     plugin.json without publisher, name and version; IO for read/write failures
     */
    public static PackResult pack(Path srcDir, Path out, BundleLimits limits) throws BundleException {
        Path source = srcDir.toAbsolutePath().normalize();
        Path target = out.toAbsolutePath().normalize();
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException(Failure.IO, "source folder " + srcDir + " does not exist or is not a folder");
        }
        TreeMap<String, Path> files = collect(source, target);
        Path rootManifest = files.remove(EntryNames.PLUGIN_JSON);
        Path claudeManifest = files.remove(CLAUDE_MANIFEST);
        if (rootManifest != null && claudeManifest != null) {
            throw new BundleException(Failure.UNSAFE_ENTRY, EntryNames.PLUGIN_JSON, srcDir + " has both plugin.json and "
                    + CLAUDE_MANIFEST + "; keep one of them");
        }
        Path manifestFile = rootManifest != null ? rootManifest : claudeManifest;
        if (manifestFile == null) {
            throw new BundleException(Failure.MISSING_ENTRY, EntryNames.PLUGIN_JSON, srcDir + " has no plugin.json (nor "
                    + CLAUDE_MANIFEST + "); create one with 'warden dev new'");
        }
        for (String reserved : List.of(EntryNames.FILES_JSON, EntryNames.SIGNATURE_JSON)) {
            if (files.containsKey(reserved)) {
                throw new BundleException(Failure.UNSAFE_ENTRY, reserved, srcDir + " contains " + reserved
                        + ", which Warden writes itself; delete it from the source folder");
            }
        }
        files.put(EntryNames.PLUGIN_JSON, manifestFile);
        byte[] manifest = readSmall(manifestFile, limits);
        BundleMetadata.identity(manifest, manifestFile.toString());
        checkNames(files, limits, source);

        List<Map<String, Object>> lines = new ArrayList<>();
        long[] total = {0};
        BundleIdentity[] written = {null};
        try {
            AtomicFiles.write(target, (channel, temp) -> {
                ZipWriter zip = new ZipWriter(channel);
                for (Map.Entry<String, Path> file : files.entrySet()) {
                    Path path = file.getValue();
                    ZipWriter.Written added = zip.add(file.getKey(),
                            () -> Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS),
                            limits.maxCompressionRatio());
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("path", file.getKey());
                    line.put("size", added.size());
                    line.put("sha256", HexFormat.of().formatHex(added.sha256()));
                    lines.add(line);
                    total[0] += added.size();
                }
                zip.addStored(EntryNames.FILES_JSON, filesJson(lines));
                zip.finish();
                channel.force(false);
                written[0] = BundleReader.open(temp, limits).identity();
            });
        } catch (IOException e) {
            throw new BundleException(Failure.IO, "cannot write bundle " + out + ": " + e.getMessage(), e);
        }
        return new PackResult(written[0], out, files.size(), total[0]);
    }

    /** files.json as Warden writes it: pretty, fields in path/size/sha256 order, trailing newline. */
    static byte[] filesJson(List<Map<String, Object>> lines) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("files", lines);
        return (Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static TreeMap<String, Path> collect(Path source, Path target) throws BundleException {
        TreeMap<String, Path> files = new TreeMap<>(CanonicalJson::compareCodePoints);
        try {
            Files.walkFileTree(source, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (file.equals(target)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = relative(source, file);
                    if (attrs.isSymbolicLink()) {
                        throw new Refused(new BundleException(Failure.UNSAFE_ENTRY, name, "'" + EntryNames.printable(name)
                                + "' in " + source + " is a symbolic link; bundles hold regular files only — copy the"
                                + " file it points to instead"));
                    }
                    if (!attrs.isRegularFile()) {
                        throw new Refused(new BundleException(Failure.UNSAFE_ENTRY, name, "'" + EntryNames.printable(name)
                                + "' in " + source + " is a special file (device, FIFO or socket); bundles hold regular files only"));
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
            throw new BundleException(Failure.IO, "cannot read source folder " + source + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static String relative(Path source, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : source.relativize(file)) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part.toString());
        }
        return name.toString();
    }

    private static void checkNames(TreeMap<String, Path> files, BundleLimits limits, Path source) throws BundleException {
        if (files.size() + 2 > limits.maxEntries()) {
            throw new BundleException(Failure.LIMIT_EXCEEDED, source + " holds " + files.size()
                    + " files; a bundle holds at most " + (limits.maxEntries() - 2) + " besides its metadata");
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
                        + limits.maxTotalBytes() + " bytes, the limit for one bundle");
            }
        }
    }

    private static byte[] readSmall(Path file, BundleLimits limits) throws BundleException {
        try {
            if (Files.size(file) > limits.maxMetadataBytes()) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, EntryNames.PLUGIN_JSON, file + " is larger than "
                        + limits.maxMetadataBytes() + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BundleException(Failure.IO, EntryNames.PLUGIN_JSON, file + " disappeared while packing", e);
        } catch (IOException e) {
            throw new BundleException(Failure.IO, EntryNames.PLUGIN_JSON, "cannot read " + file + ": " + e.getMessage(), e);
        }
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
