package dev.warden.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes the plain zip form {@link ZipDirectory} accepts, deterministically: fixed timestamps
 * (1980-01-01), Unix regular-file mode 0644, no data descriptors, no extra fields, no comments.
 */
final class ZipWriter {

    private static final int VERSION = 20;
    private static final int MADE_BY = (3 << 8) | VERSION;
    private static final int DOS_DATE = (0 << 9) | (1 << 5) | 1;
    private static final long REGULAR_0644 = 0100644L << 16;

    /** Opens a fresh stream of the same file for a second read (to store after a deflate that did not pay). */
    interface Reopen {
        InputStream open() throws IOException;
    }

    /** What was written for one entry. */
    record Written(long size, byte[] sha256) {
    }

    /** Bytes deflated to decide whether a file is worth deflating at all. */
    static final int SAMPLE = 128 * 1024;

    private final FileChannel out;
    private final List<byte[]> central = new ArrayList<>();
    private final byte[] buffer = new byte[EntryStreamer.BUFFER];
    private final byte[] compressed = new byte[EntryStreamer.BUFFER];
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

    ZipWriter(FileChannel out) throws IOException {
        this.out = out;
        out.position(0);
        out.truncate(0);
    }

    /**
     * Writes an entry from {@code reopen}, deflated unless that does not shrink it or would exceed
     * {@code maxRatio} (the reader would refuse it as a bomb), and returns its size and SHA-256. A file
     * whose first {@link #SAMPLE} bytes do not shrink is stored without deflating it all first.
     */
    Written add(String name, Reopen reopen, int maxRatio) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (!startsCompressible(reopen)) {
            return write(nameBytes, reopen, false);
        }
        long start = out.position();
        Written deflated = write(nameBytes, reopen, true);
        long csize = out.position() - start - 30 - nameBytes.length;
        boolean tooRatio = deflated.size() > BundleLimits.RATIO_THRESHOLD_BYTES && deflated.size() > csize * maxRatio;
        if (csize < deflated.size() && !tooRatio) {
            return deflated;
        }
        central.remove(central.size() - 1);
        out.truncate(start);
        out.position(start);
        Written stored = write(nameBytes, reopen, false);
        if (stored.size() != deflated.size() || !java.util.Arrays.equals(stored.sha256(), deflated.sha256())) {
            throw new IOException(name + " changed while it was being packed; pack again");
        }
        return stored;
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
        deflater.reset();
        deflater.setInput(buffer, 0, n);
        deflater.finish();
        long deflated = 0;
        while (!deflater.finished()) {
            deflated += deflater.deflate(compressed, 0, compressed.length);
        }
        return deflated < n;
    }

    /** Writes an entry holding {@code bytes}, stored. */
    void addStored(String name, byte[] bytes) throws IOException {
        write(name.getBytes(StandardCharsets.UTF_8), () -> new java.io.ByteArrayInputStream(bytes), false);
    }

    private Written write(byte[] name, Reopen reopen, boolean deflate) throws IOException {
        long start = out.position();
        writeFully(localHeader(name, deflate ? 8 : 0, 0, 0, 0));
        CRC32 crc = new CRC32();
        java.security.MessageDigest sha = EntryStreamer.newSha256();
        long size = 0;
        long csize = 0;
        deflater.reset();
        try (InputStream in = reopen.open()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                crc.update(buffer, 0, n);
                sha.update(buffer, 0, n);
                size += n;
                if (size >= 0xFFFF_FFFFL) {
                    throw new IOException("a file of 4 GiB or more cannot go into a bundle");
                }
                if (deflate) {
                    deflater.setInput(buffer, 0, n);
                    while (!deflater.needsInput()) {
                        csize += drain(Deflater.NO_FLUSH);
                    }
                } else {
                    writeFully(ByteBuffer.wrap(buffer, 0, n));
                    csize += n;
                }
            }
        }
        if (deflate) {
            deflater.finish();
            while (!deflater.finished()) {
                csize += drain(Deflater.NO_FLUSH);
            }
        }
        long end = out.position();
        ByteBuffer sizes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        sizes.putInt((int) crc.getValue()).putInt((int) csize).putInt((int) size).flip();
        while (sizes.hasRemaining()) {
            out.write(sizes, start + 14 + sizes.position());
        }
        out.position(end);
        central.add(centralHeader(name, deflate ? 8 : 0, crc.getValue(), csize, size, start));
        return new Written(size, sha.digest());
    }

    private int drain(int flush) throws IOException {
        int n = deflater.deflate(compressed, 0, compressed.length, flush);
        if (n > 0) {
            writeFully(ByteBuffer.wrap(compressed, 0, n));
        }
        return n;
    }

    /** Copies an entry of a checked archive byte for byte, moving only its central record's offset. */
    void copy(FileChannel from, ZipEntryRecord entry) throws IOException {
        long start = out.position();
        long at = entry.localOffset();
        long remaining = entry.endOffset() - entry.localOffset();
        while (remaining > 0) {
            long n = from.transferTo(at, remaining, out);
            if (n <= 0) {
                throw new IOException("the bundle shrank while it was being signed");
            }
            at += n;
            remaining -= n;
        }
        out.position(start + (entry.endOffset() - entry.localOffset()));
        byte[] record = entry.central().clone();
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putInt(42, (int) start);
        central.add(record);
    }

    /** Writes the central directory and the end record. */
    void finish() throws IOException {
        long centralStart = out.position();
        long centralSize = 0;
        for (byte[] record : central) {
            writeFully(ByteBuffer.wrap(record));
            centralSize += record.length;
        }
        if (central.size() >= 0xFFFF || out.position() >= 0xFFFF_FFFFL) {
            throw new IOException("the bundle would need ZIP64 (65,535 entries or 4 GiB); it is far above Warden's limits");
        }
        ByteBuffer end = ByteBuffer.allocate(ZipDirectory.END_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(ZipDirectory.END_SIG).putShort((short) 0).putShort((short) 0)
                .putShort((short) central.size()).putShort((short) central.size())
                .putInt((int) centralSize).putInt((int) centralStart).putShort((short) 0).flip();
        writeFully(end);
        deflater.end();
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static int flags(byte[] name) {
        for (byte b : name) {
            if (b < 0) {
                return ZipDirectory.FLAG_UTF8;
            }
        }
        return 0;
    }

    private static ByteBuffer localHeader(byte[] name, int method, long crc, long csize, long size) {
        ByteBuffer b = ByteBuffer.allocate(30 + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(ZipDirectory.LOCAL_SIG).putShort((short) VERSION).putShort((short) flags(name)).putShort((short) method)
                .putShort((short) 0).putShort((short) DOS_DATE).putInt((int) crc).putInt((int) csize).putInt((int) size)
                .putShort((short) name.length).putShort((short) 0).put(name).flip();
        return b;
    }

    private static byte[] centralHeader(byte[] name, int method, long crc, long csize, long size, long offset) {
        ByteBuffer b = ByteBuffer.allocate(46 + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(ZipDirectory.CENTRAL_SIG).putShort((short) MADE_BY).putShort((short) VERSION)
                .putShort((short) flags(name)).putShort((short) method).putShort((short) 0).putShort((short) DOS_DATE)
                .putInt((int) crc).putInt((int) csize).putInt((int) size).putShort((short) name.length)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putInt((int) REGULAR_0644).putInt((int) offset).put(name);
        return b.array();
    }
}
