package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.INTEGRITY;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a tar stream (ustar, with pax {@code path} records and GNU long names) for
 * {@link ArchiveSource}: regular files and folders are extracted; links, devices and every other
 * entry type are refused; header checksums are verified.
 */
final class TarReader {

    private static final int BLOCK = 512;
    private static final int MAX_META_BYTES = 64 * 1024;

    private final InputStream in;
    private final ArchiveSource.Extraction extraction;

    TarReader(InputStream in, ArchiveSource.Extraction extraction) {
        this.in = in;
        this.extraction = extraction;
    }

    void extract() throws MarketplaceException, IOException {
        byte[] header = new byte[BLOCK];
        String pendingName = null;
        while (true) {
            if (!readBlock(header)) {
                throw new MarketplaceException(INTEGRITY, "the tar archive ends without its end marker; refused");
            }
            if (isZero(header)) {
                return;
            }
            checkSum(header);
            char type = (char) header[156];
            long size = octal(header, 124, 12);
            String name = pendingName != null ? pendingName : name(header);
            switch (type) {
                case 'x', 'L' -> {
                    String value = new String(readMeta(size), StandardCharsets.UTF_8);
                    pendingName = type == 'L' ? stripNul(value) : paxPath(value, pendingName);
                    continue;
                }
                case 'g' -> {
                    // global pax records (e.g. git archive's commit comment) carry no file
                    readMeta(size);
                    continue;
                }
                case '0', '\0', '7' -> {
                    if (name.endsWith("/") && size == 0) {
                        Files.createDirectories(extraction.place(name, true));
                        pendingName = null;
                        continue;
                    }
                    Path file = extraction.place(name, false);
                    extraction.write(name, file, new Bounded(in, size));
                    skip(padding(size));
                }
                case '5' -> {
                    Files.createDirectories(extraction.place(name.endsWith("/") ? name : name + "/", true));
                    skip(size + padding(size));
                }
                case '1', '2' -> throw extraction.refused(name, "is a " + (type == '1' ? "hard" : "symbolic") + " link");
                default -> throw extraction.refused(name, "is neither a file nor a folder (tar type '" + type + "')");
            }
            pendingName = null;
        }
    }

    private static String paxPath(String records, String previous) throws MarketplaceException {
        String result = previous;
        int at = 0;
        while (at < records.length()) {
            int space = records.indexOf(' ', at);
            if (space < 0) {
                throw new MarketplaceException(INTEGRITY, "the tar archive has a damaged pax header; refused");
            }
            int length;
            try {
                length = Integer.parseInt(records.substring(at, space));
            } catch (NumberFormatException e) {
                throw new MarketplaceException(INTEGRITY, "the tar archive has a damaged pax header; refused", e);
            }
            // a pax length counts bytes; these records are ASCII in every archive we accept
            if (length <= space - at || at + length > records.length()) {
                throw new MarketplaceException(INTEGRITY, "the tar archive has a damaged pax header; refused");
            }
            String record = records.substring(space + 1, at + length - 1);
            if (record.startsWith("path=")) {
                result = record.substring("path=".length());
            } else if (record.startsWith("linkpath=") || record.startsWith("size=")) {
                throw new MarketplaceException(INTEGRITY, "the tar archive uses pax " + record.substring(0, record.indexOf('='))
                        + " records, which Warden does not read; refused");
            }
            at += length;
        }
        return result;
    }

    private byte[] readMeta(long size) throws MarketplaceException, IOException {
        if (size > MAX_META_BYTES) {
            throw new MarketplaceException(INTEGRITY, "the tar archive has a metadata record of " + size + " bytes; refused");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new MarketplaceException(INTEGRITY, "the tar archive is truncated; refused");
        }
        skip(padding(size));
        return data;
    }

    private static String name(byte[] header) {
        String name = field(header, 0, 100);
        String magic = field(header, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return name;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String stripNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static long octal(byte[] header, int offset, int length) throws MarketplaceException {
        if ((header[offset] & 0x80) != 0) {
            throw new MarketplaceException(INTEGRITY, "the tar archive has an entry too large to extract; refused");
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = header[i];
            if (b == 0 || b == ' ') {
                if (value > 0 || i > offset && header[i - 1] >= '0') {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                throw new MarketplaceException(INTEGRITY, "the tar archive has a damaged header; refused");
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }

    private static void checkSum(byte[] header) throws MarketplaceException {
        long expected = octal(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xFF;
        }
        if (sum != expected) {
            throw new MarketplaceException(INTEGRITY, "the tar archive has a header with a wrong checksum; refused");
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private boolean readBlock(byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        return n == BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void skip(long n) throws IOException {
        in.skipNBytes(n);
    }

    /** Reads at most a given number of bytes of the entry, and fails if fewer arrive. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new java.io.EOFException("the tar archive is truncated");
            }
            left -= n;
            return n;
        }
    }
}
