package dev.warden.signing;

import dev.warden.io.Digests;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.StreamCompressor;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipUtil;
import org.apache.commons.compress.parallel.FileBasedScatterGatherBackingStore;
import org.apache.commons.compress.utils.BoundedSeekableByteChannelInputStream;

/**
 * Writes, with Commons Compress, the plain zip form {@link ZipDirectory} accepts, deterministically:
 * fixed timestamps (1980-01-01), Unix regular-file mode 0644, no data descriptors, no extra fields, no
 * comments, the UTF-8 flag only on names that are not ASCII.
 */
final class ZipWriter {

    /** 1980-01-01 00:00, the first time a zip can hold. */
    private static final long EPOCH = ZipUtil.dosToJavaTime((0 << 9 | 1 << 5 | 1) << 16);
    private static final int REGULAR_0644 = 0100644;

    /** Opens a fresh stream of the same file for a second read (to store after a deflate that did not pay). */
    interface Reopen {
        InputStream open() throws IOException;
    }

    /** What was written for one entry. */
    record Written(long size, byte[] sha256) {
    }

    /** Bytes deflated to decide whether a file is worth deflating at all. */
    static final int SAMPLE = 128 * 1024;

    private final ZipArchiveOutputStream zip;
    private final byte[] buffer = new byte[EntryStreamer.BUFFER];
    private final byte[] compressed = new byte[EntryStreamer.BUFFER];
    private final Deflater sampler = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

    ZipWriter(FileChannel out) throws IOException {
        out.position(0);
        out.truncate(0);
        zip = new ZipArchiveOutputStream(out);
        // ASCII names carry no flag; others fall back to UTF-8 and carry the language-encoding flag.
        zip.setEncoding("US-ASCII");
        zip.setFallbackToUTF8(true);
        zip.setUseLanguageEncodingFlag(false);
        zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
        zip.setUseZip64(Zip64Mode.Never);
    }

    /**
     * Writes an entry from {@code reopen}, deflated unless that does not shrink it or would exceed
     * {@code maxRatio} (the reader would refuse it as a bomb), and returns its size and SHA-256. A file
     * whose first {@link #SAMPLE} bytes do not shrink is stored without deflating it all first.
     */
    Written add(String name, Reopen reopen, int maxRatio) throws IOException {
        if (!startsCompressible(reopen)) {
            return store(name, reopen);
        }
        Path spill = newSpillFile();
        try (FileBasedScatterGatherBackingStore deflated = new FileBasedScatterGatherBackingStore(spill);
             StreamCompressor compressor = StreamCompressor.create(Deflater.DEFAULT_COMPRESSION, deflated)) {
            Counted in;
            try (Counted opened = new Counted(reopen.open())) {
                compressor.deflate(opened, ZipArchiveEntry.DEFLATED);
                in = opened;
            }
            long size = in.size;
            long csize = compressor.getBytesWrittenForLastEntry();
            boolean tooRatio = size > BundleLimits.RATIO_THRESHOLD_BYTES && size > csize * maxRatio;
            if (csize < size && !tooRatio) {
                deflated.closeForWriting();
                ZipArchiveEntry entry = entry(name, ZipArchiveEntry.DEFLATED);
                entry.setSize(size);
                entry.setCompressedSize(csize);
                entry.setCrc(compressor.getCrc32());
                try (InputStream raw = deflated.getInputStream()) {
                    zip.addRawArchiveEntry(entry, raw);
                }
                return new Written(size, in.sha256.digest());
            }
            Written stored = store(name, reopen);
            if (stored.size() != size || !Arrays.equals(stored.sha256(), in.sha256.digest())) {
                throw new IOException(name + " changed while it was being packed; pack again");
            }
            return stored;
        } finally {
            Files.deleteIfExists(spill);
        }
    }

    /**
     * A new file, readable by its owner only, in the temporary folder, as {@code Files.createTempFile} makes one, but
     * named with {@link ThreadLocalRandom} as {@code AtomicFiles} names its temporary files: createTempFile seeds a
     * {@code SecureRandom}, which costs a cold process tens of ms for a name that is no secret.
     */
    private static Path newSpillFile() throws IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        while (true) {
            Path spill = folder.resolve("warden-pack-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                    + ".deflated");
            try {
                return posix ? Files.createFile(spill, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                        : Files.createFile(spill);
            } catch (FileAlreadyExistsException e) {
                // another name, then
            }
        }
    }

    /**
     * Whether the file's first {@link #SAMPLE} bytes shrink when deflated. Jars, images and archives do
     * not, and deflating them whole only to store them after costs most of pack's time; a shorter file is
     * cheap to deflate whole, so it counts as compressible and the whole file decides. The answer depends
     * on the bytes alone, so the output stays deterministic.
     */
    private boolean startsCompressible(Reopen reopen) throws IOException {
        int n = 0;
        try (InputStream in = reopen.open()) {
            for (int got; n < SAMPLE && (got = in.read(buffer, n, SAMPLE - n)) >= 0; ) {
                n += got;
            }
        }
        if (n < SAMPLE) {
            return true;
        }
        sampler.reset();
        sampler.setInput(buffer, 0, n);
        sampler.finish();
        long deflated = 0;
        while (!sampler.finished()) {
            deflated += sampler.deflate(compressed, 0, compressed.length);
        }
        return deflated < n;
    }

    /** Writes an entry from {@code reopen}, stored, and returns its size and SHA-256. */
    Written addStored(String name, Reopen reopen) throws IOException {
        return store(name, reopen);
    }

    /** Writes an entry holding {@code bytes}, stored. */
    void addStored(String name, byte[] bytes) throws IOException {
        store(name, () -> new java.io.ByteArrayInputStream(bytes));
    }

    private Written store(String name, Reopen reopen) throws IOException {
        zip.putArchiveEntry(entry(name, ZipArchiveEntry.STORED));
        try (Counted in = new Counted(reopen.open())) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                zip.write(buffer, 0, n);
            }
            zip.closeArchiveEntry();
            return new Written(in.size, in.sha256.digest());
        }
    }

    private static ZipArchiveEntry entry(String name, int method) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(method);
        entry.setTime(EPOCH);
        entry.setUnixMode(REGULAR_0644);
        return entry;
    }

    /** Copies an entry of a checked archive, its compressed bytes unchanged, under a header of this writer. */
    void copy(FileChannel from, ZipEntryRecord entry) throws IOException {
        ZipArchiveEntry copied = entry(entry.name(), entry.method());
        copied.setSize(entry.size());
        copied.setCompressedSize(entry.compressedSize());
        copied.setCrc(entry.crc());
        Counted raw = new Counted(new BoundedSeekableByteChannelInputStream(entry.dataOffset(), entry.compressedSize(), from));
        zip.addRawArchiveEntry(copied, raw);
        if (raw.size != entry.compressedSize()) {
            throw new IOException("the bundle shrank while it was being signed");
        }
    }

    /** Writes the central directory and the end record. */
    void finish() throws IOException {
        zip.finish();
        sampler.end();
    }

    /** The bytes of one file (or one copied entry) as they are read, counted and hashed; a bundle never holds 4 GiB in one file. */
    private static final class Counted extends FilterInputStream {
        final MessageDigest sha256 = Digests.sha256();
        long size;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                sha256.update(b, off, n);
                size += n;
                if (size >= 0xFFFF_FFFFL) {
                    throw new IOException("a file of 4 GiB or more cannot go into a bundle");
                }
            }
            return n;
        }
    }
}
