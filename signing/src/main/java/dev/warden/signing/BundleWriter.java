package dev.warden.signing;

import dev.warden.io.AtomicFiles;
import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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

    /** How a bundle's bytes are written; its entries, files.json and the checks on both are the same either way. */
    public enum Packing {
        /** Deflated where that pays, and synced to disk: a file to keep, sign and pass on (what {@code pack} makes). */
        DISTRIBUTED,
        /**
         * Every entry stored as it is, and not synced: a bundle made on this machine only to be installed at once and
         * deleted (a plugin folder from a git marketplace, an MCPB), which would be deflated only to be inflated again.
         */
        TRANSIENT
    }

    /** {@link #pack(Path, Path, BundleLimits, Packing)}, {@link Packing#DISTRIBUTED}. */
    public static PackResult pack(Path srcDir, Path out, BundleLimits limits) throws BundleException {
        return pack(srcDir, out, limits, Packing.DISTRIBUTED);
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
    public static PackResult pack(Path srcDir, Path out, BundleLimits limits, Packing packing) throws BundleException {
        Path source = srcDir.toAbsolutePath().normalize();
        Path target = out.toAbsolutePath().normalize();
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException(Failure.IO, "source folder " + srcDir + " does not exist or is not a folder");
        }
        TreeMap<String, Path> files = FolderFiles.collect(source, target::equals);
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
        FolderFiles.check(files, limits, source, 2);

        long[] total = {0};
        BundleIdentity[] written = {null};
        try {
            if (packing == Packing.DISTRIBUTED) {
                AtomicFiles.write(target, (channel, temp) -> {
                    total[0] = writeZip(channel, files, packing, limits);
                    channel.force(false);
                    written[0] = BundleReader.open(temp, limits).identity();
                });
            } else {
                // in a folder the install made for itself and deletes after: nothing else reads it, so it need not outlive a crash
                FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                try (channel) {
                    total[0] = writeZip(channel, files, packing, limits);
                    written[0] = BundleReader.open(target, limits).identity();
                } catch (IOException | BundleException | RuntimeException e) {
                    Files.deleteIfExists(target);
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new BundleException(Failure.IO, "cannot write bundle " + out + ": " + e.getMessage(), e);
        }
        return new PackResult(written[0], out, files.size(), total[0]);
    }

    /** Writes {@code files} and their files.json to {@code channel} as a zip; @return the bytes of the files */
    private static long writeZip(FileChannel channel, TreeMap<String, Path> files, Packing packing, BundleLimits limits)
            throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>();
        long total = 0;
        ZipWriter zip = new ZipWriter(channel);
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path path = file.getValue();
            ZipWriter.Reopen reopen = () -> Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            ZipWriter.Written added = packing == Packing.TRANSIENT ? zip.addStored(file.getKey(), reopen)
                    : zip.add(file.getKey(), reopen, limits.maxCompressionRatio());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("path", file.getKey());
            line.put("size", added.size());
            line.put("sha256", HexFormat.of().formatHex(added.sha256()));
            lines.add(line);
            total += added.size();
        }
        zip.addStored(EntryNames.FILES_JSON, filesJson(lines));
        zip.finish();
        return total;
    }

    /** files.json as Warden writes it: pretty, fields in path/size/sha256 order, trailing newline. */
    static byte[] filesJson(List<Map<String, Object>> lines) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("files", lines);
        return (Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8);
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
}
