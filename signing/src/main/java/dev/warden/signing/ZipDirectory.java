package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ExtraFieldUtils;
import org.apache.commons.compress.archivers.zip.UnparseableExtraFieldData;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipExtraField;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipUtil;

/**
 * Warden's strictness over Commons Compress's reading of a zip: the one way Warden learns what an
 * archive holds. Commons Compress reads the central directory; this class accepts only
 * the plain form (no comment, no ZIP64, one disk, stored or deflated, no encryption) and only when
 * every central record matches its local header and the entries tile the file from byte 0 to the
 * central directory with no gap, overlap, prefix or suffix — so no tool can see other content.
 */
final class ZipDirectory {

    private static final int LOCAL_SIG = 0x04034b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int DESCRIPTOR_SIG = 0x08074b50;
    private static final int END_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIZE = 30;

    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_DESCRIPTOR = 1 << 3;
    private static final int FLAG_STRONG_ENCRYPTION = 1 << 6;
    private static final int FLAG_UTF8 = 1 << 11;
    private static final int FLAG_MASKED_HEADERS = 1 << 13;
    /** Deflate options (bits 1-2), data descriptor (3), UTF-8 names (11); anything else is refused. */
    private static final int ALLOWED_FLAGS = 0b110 | FLAG_DESCRIPTOR | FLAG_UTF8;
    private static final long MAX_CENTRAL_DIRECTORY = 64L << 20;

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    private final List<ZipEntryRecord> entries;
    private final long centralOffset;
    private final long totalSize;

    private ZipDirectory(List<ZipEntryRecord> entries, long centralOffset, long totalSize) {
        this.entries = List.copyOf(entries);
        this.centralOffset = centralOffset;
        this.totalSize = totalSize;
    }

    /** Entries in central-directory order. */
    List<ZipEntryRecord> entries() {
        return entries;
    }

    long centralOffset() {
        return centralOffset;
    }

    /** Sum of the declared inflated sizes. */
    long totalSize() {
        return totalSize;
    }

    /**
     * Parses and checks a bundle: structure, names (every rule of {@link EntryNames}) and declared sizes.
     *
     * @throws BundleException MALFORMED_ARCHIVE, UNSAFE_ENTRY or LIMIT_EXCEEDED naming the entry
     */
    static ZipDirectory readBundle(ByteSource source, BundleLimits limits) throws BundleException {
        return read(source, "", limits, false);
    }

    /**
     * Parses and checks a jar inside a bundle with the same structural rules; names are only checked
     * for native libraries and duplicates, since nothing in it is ever extracted. Entry names in
     * exceptions are {@code prefix + name}.
     */
    static ZipDirectory readNested(ByteSource source, String prefix, BundleLimits limits) throws BundleException {
        return read(source, prefix, limits, true);
    }

    private static ZipDirectory read(ByteSource source, String prefix, BundleLimits limits, boolean nested)
            throws BundleException {
        String what = nested ? "nested archive '" + prefix.substring(0, prefix.length() - 2) + "'" : "the bundle";
        String archiveEntry = nested ? prefix.substring(0, prefix.length() - 2) : null;
        try {
            EndRecord end = EndRecord.check(source, limits, what, archiveEntry);
            List<ZipArchiveEntry> parsed = parse(source, end, what, archiveEntry);
            List<ZipEntryRecord> records = checkCentral(source, parsed, end, prefix, limits, nested, what, archiveEntry);
            long total = 0;
            for (ZipEntryRecord r : records) {
                total += r.size();
            }
            List<ZipEntryRecord> located = locate(source, records, end.centralOffset(), prefix, what, archiveEntry);
            return new ZipDirectory(located, end.centralOffset(), total);
        } catch (EOFException e) {
            throw new BundleException(Failure.MALFORMED_ARCHIVE, archiveEntry, what + " is truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BundleException(Failure.IO, archiveEntry, "cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The end record, checked before Commons Compress reads anything: it must be the last 22 bytes
     * (no archive comment, nothing after it), plain (no ZIP64, one disk), and announce a central
     * directory that ends right where it begins and holds no more entries than the limit.
     */
    private record EndRecord(int entryCount, long centralOffset, long centralSize) {

        static EndRecord check(ByteSource source, BundleLimits limits, String what, String archiveEntry)
                throws IOException, BundleException {
            long size = source.size();
            if (size < END_SIZE) {
                throw malformed(archiveEntry, what + " is not a zip archive (" + size + " bytes, too short)");
            }
            byte[] end = new byte[END_SIZE];
            source.read(size - END_SIZE, end, 0, END_SIZE);
            ByteBuffer eocd = le(end);
            if (eocd.getInt(0) != END_SIG) {
                throw malformed(archiveEntry, findEndRecord(source, size)
                        ? what + " has an archive comment or data after its end record; rebuild it with 'warden pack'"
                        : what + " is not a zip archive (no end record)");
            }
            if (u16(eocd, 20) != 0) {
                throw malformed(archiveEntry, what + "'s end record announces an archive comment; bundles carry none");
            }
            int entriesOnDisk = u16(eocd, 8);
            int entryCount = u16(eocd, 10);
            long centralSize = u32(eocd, 12);
            long centralOffset = u32(eocd, 16);
            if (entryCount == 0xFFFF || entriesOnDisk == 0xFFFF || centralSize == 0xFFFF_FFFFL || centralOffset == 0xFFFF_FFFFL) {
                throw malformed(archiveEntry, what + " uses ZIP64, which bundles never need; rebuild it with 'warden pack'");
            }
            if (u16(eocd, 4) != 0 || u16(eocd, 6) != 0 || entriesOnDisk != entryCount) {
                throw malformed(archiveEntry, what + " spans several disks; bundles are one file");
            }
            if (entryCount > limits.maxEntries()) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, archiveEntry, what + " has " + entryCount
                        + " entries, above the limit of " + limits.maxEntries());
            }
            if (centralOffset + centralSize != size - END_SIZE) {
                if (hasZip64Locator(source, size)) {
                    throw malformed(archiveEntry, what + " uses ZIP64, which bundles never need; rebuild it with 'warden pack'");
                }
                throw malformed(archiveEntry, what + "'s central directory is not immediately followed by its end record"
                        + " (hidden or missing bytes)");
            }
            if (centralSize > MAX_CENTRAL_DIRECTORY) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, archiveEntry, what + "'s central directory is "
                        + centralSize + " bytes, above " + MAX_CENTRAL_DIRECTORY);
            }
            return new EndRecord(entryCount, centralOffset, centralSize);
        }
    }

    /** Commons Compress reads the central directory; local headers are compared by {@link #locate} instead. */
    private static List<ZipArchiveEntry> parse(ByteSource source, EndRecord end, String what, String archiveEntry)
            throws BundleException {
        List<ZipArchiveEntry> parsed = new ArrayList<>(end.entryCount());
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new ByteSourceChannel(source))
                .setCharset(StandardCharsets.UTF_8).setUseUnicodeExtraFields(false).setIgnoreLocalFileHeader(true)
                .setMaxNumberOfDisks(1).get()) {
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                parsed.add(entries.nextElement());
            }
        } catch (IOException | RuntimeException e) {
            throw malformed(archiveEntry, what + "'s central directory is damaged: " + EntryNames.printable(
                    String.valueOf(e.getMessage())));
        }
        if (parsed.size() != end.entryCount()) {
            throw malformed(archiveEntry, what + "'s central directory is damaged: it holds " + parsed.size()
                    + " records where its end record announces " + end.entryCount());
        }
        return parsed;
    }

    private static List<ZipEntryRecord> checkCentral(ByteSource source, List<ZipArchiveEntry> parsed, EndRecord end,
                                                     String prefix, BundleLimits limits, boolean nested, String what,
                                                     String archiveEntry)
            throws IOException, BundleException {
        byte[] central = new byte[(int) end.centralSize()];
        source.read(end.centralOffset(), central, 0, central.length);
        List<ZipEntryRecord> records = new ArrayList<>(parsed.size());
        Set<String> names = new HashSet<>();
        EntryNames.Collisions collisions = new EntryNames.Collisions();
        long total = 0;
        int at = 0;
        for (int i = 0; i < parsed.size(); i++) {
            ZipArchiveEntry e = parsed.get(i);
            byte[] nameBytes = e.getRawName();
            int flags = e.getRawFlag();
            int method = e.getMethod();
            long compressed = e.getCompressedSize();
            long size = e.getSize();
            String rawName = decodeName(nameBytes, flags, prefix, archiveEntry);
            String label = prefix + rawName;
            String shown = EntryNames.printable(label);
            if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS)) != 0) {
                throw malformed(label, "entry '" + shown + "' is encrypted; bundles are never encrypted");
            }
            if ((flags & ~ALLOWED_FLAGS) != 0) {
                throw malformed(label, "entry '" + shown + "' uses unsupported zip flags 0x" + Integer.toHexString(flags));
            }
            if (method != ZipEntryRecord.STORED && method != ZipEntryRecord.DEFLATED) {
                throw malformed(label, "entry '" + shown + "' uses compression method " + method
                        + "; only stored (0) and deflated (8) are allowed");
            }
            if (e.getComment() != null && !e.getComment().isEmpty()) {
                throw malformed(label, "entry '" + shown + "' carries a comment (hidden data)");
            }
            if (e.getDiskNumberStart() != 0) {
                throw malformed(label, "entry '" + shown + "' lies on another disk; bundles are one file");
            }
            checkExtra(e, label);
            if (compressed == 0xFFFF_FFFFL || size == 0xFFFF_FFFFL || e.getLocalHeaderOffset() == 0xFFFF_FFFFL) {
                throw malformed(label, "entry '" + shown + "' uses ZIP64, which bundles never need");
            }
            // The records must tile the central directory exactly as Commons Compress read them.
            int recordLength = CENTRAL_SIZE + nameBytes.length + e.getCentralDirectoryExtra().length;
            if (at + recordLength > central.length || le(central).getInt(at) != CENTRAL_SIG
                    || u16(le(central), at + 28) != nameBytes.length
                    || !Arrays.equals(central, at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameBytes.length, nameBytes, 0,
                            nameBytes.length)) {
                throw malformed(archiveEntry, what + "'s central directory is damaged at record " + (i + 1)
                        + " of " + parsed.size());
            }
            checkType(e.getVersionMadeBy(), e.getExternalAttributes(), rawName, label);
            if (!names.add(rawName)) {
                throw new BundleException(Failure.UNSAFE_ENTRY, label, "entry '" + shown + "' appears twice");
            }
            boolean directory = rawName.endsWith("/");
            if (method == ZipEntryRecord.STORED && compressed != size) {
                throw malformed(label, "stored entry '" + shown + "' declares " + compressed + " stored bytes but "
                        + size + " inflated bytes");
            }
            if (directory && size != 0) {
                throw new BundleException(Failure.UNSAFE_ENTRY, label, "directory entry '" + shown + "' carries "
                        + size + " bytes of content");
            }
            if (nested) {
                if (rawName.indexOf(0) >= 0) {
                    throw new BundleException(Failure.UNSAFE_ENTRY, label, "entry '" + shown + "' contains a NUL character");
                }
                if (!directory && EntryNames.isNativeLibrary(rawName)) {
                    throw new BundleException(Failure.UNSAFE_ENTRY, label, "entry '" + shown
                            + "' is a native library inside a jar; Warden plugins may not ship native code");
                }
            } else {
                EntryNames.check(rawName, directory, limits);
                collisions.add(rawName);
                if (size > limits.maxEntryBytes()) {
                    throw new BundleException(Failure.LIMIT_EXCEEDED, label, "entry '" + shown + "' declares " + size
                            + " bytes, above the per-entry limit of " + limits.maxEntryBytes());
                }
                total += size;
                if (total > limits.maxTotalBytes()) {
                    throw new BundleException(Failure.LIMIT_EXCEEDED, label, "the bundle declares more than "
                            + limits.maxTotalBytes() + " bytes in all (reached at entry '" + shown + "')");
                }
                if (size > BundleLimits.RATIO_THRESHOLD_BYTES && size > compressed * limits.maxCompressionRatio()) {
                    throw new BundleException(Failure.LIMIT_EXCEEDED, label, "entry '" + shown + "' inflates "
                            + compressed + " bytes to " + size + ", a ratio above the limit of "
                            + limits.maxCompressionRatio() + " (a zip bomb)");
                }
            }
            byte[] raw = Arrays.copyOfRange(central, at, at + recordLength);
            records.add(new ZipEntryRecord(i, rawName, method, flags, e.getCrc(), compressed, size,
                    e.getLocalHeaderOffset(), -1, -1, e.getTime(), raw));
            at += recordLength;
        }
        if (at != central.length) {
            throw malformed(archiveEntry, what + "'s central directory holds " + (central.length - at)
                    + " bytes after its " + parsed.size() + " records (hidden data)");
        }
        return records;
    }

    private static List<ZipEntryRecord> locate(ByteSource source, List<ZipEntryRecord> records, long centralOffset,
                                               String prefix, String what, String archiveEntry)
            throws IOException, BundleException {
        List<ZipEntryRecord> byOffset = new ArrayList<>(records);
        byOffset.sort(Comparator.comparingLong(ZipEntryRecord::localOffset));
        ZipEntryRecord[] located = new ZipEntryRecord[records.size()];
        long expected = 0;
        String previous = null;
        byte[] header = new byte[LOCAL_SIZE];
        for (ZipEntryRecord r : byOffset) {
            String label = prefix + r.name();
            String shown = EntryNames.printable(label);
            if (r.localOffset() != expected) {
                if (previous == null) {
                    throw malformed(label, what + " has " + r.localOffset() + " bytes before its first entry '"
                            + shown + "' (prepended data)");
                }
                throw malformed(label, r.localOffset() < expected
                        ? "entry '" + shown + "' overlaps entry '" + EntryNames.printable(prefix + previous) + "'"
                        : "there are " + (r.localOffset() - expected) + " hidden bytes between entry '"
                                + EntryNames.printable(prefix + previous) + "' and entry '" + shown + "'");
            }
            if (r.localOffset() + LOCAL_SIZE > centralOffset) {
                throw malformed(label, "entry '" + shown + "' starts inside the central directory");
            }
            source.read(r.localOffset(), header, 0, LOCAL_SIZE);
            ByteBuffer local = le(header);
            if (local.getInt(0) != LOCAL_SIG) {
                throw malformed(label, "entry '" + shown + "' has no local header where the central directory points");
            }
            int flags = u16(local, 6);
            int method = u16(local, 8);
            long crc = u32(local, 14);
            long compressed = u32(local, 18);
            long size = u32(local, 22);
            int nameLength = u16(local, 26);
            int extraLength = u16(local, 28);
            byte[] nameAndExtra = new byte[nameLength + extraLength];
            long dataOffset = r.localOffset() + LOCAL_SIZE + nameLength + extraLength;
            if (dataOffset + r.compressedSize() > centralOffset) {
                throw malformed(label, "entry '" + shown + "' runs into the central directory");
            }
            source.read(r.localOffset() + LOCAL_SIZE, nameAndExtra, 0, nameAndExtra.length);
            byte[] centralName = Arrays.copyOfRange(r.central(), CENTRAL_SIZE, CENTRAL_SIZE + u16(le(r.central()), 28));
            if (!Arrays.equals(nameAndExtra, 0, nameLength, centralName, 0, centralName.length)) {
                throw malformed(label, "entry '" + shown + "' has a different name in its local header ('"
                        + EntryNames.printable(new String(nameAndExtra, 0, nameLength, StandardCharsets.UTF_8))
                        + "') than in the central directory");
            }
            if (u16(local, 4) != u16(le(r.central()), 6) || ZipUtil.dosToJavaTime(u32(local, 10)) != r.time()) {
                throw malformed(label, "entry '" + shown + "' has a different version or timestamp in its local header than in the central directory");
            }
            if (flags != r.flags() || method != r.method()) {
                throw malformed(label, "entry '" + shown + "' has different flags or method in its local header than in the central directory");
            }
            boolean descriptor = (flags & FLAG_DESCRIPTOR) != 0;
            if (!descriptor && (crc != r.crc() || compressed != r.compressedSize() || size != r.size())) {
                throw malformed(label, "entry '" + shown + "' has different CRC or sizes in its local header than in the central directory");
            }
            if (descriptor && ((crc != 0 && crc != r.crc()) || (compressed != 0 && compressed != r.compressedSize())
                    || (size != 0 && size != r.size()))) {
                throw malformed(label, "entry '" + shown + "' has different CRC or sizes in its local header than in the central directory");
            }
            checkExtra(localExtra(nameAndExtra, nameLength, label), label);
            long end = dataOffset + r.compressedSize();
            if (descriptor) {
                end = checkDescriptor(source, r, end, centralOffset, label);
            }
            located[r.index()] = r.withLocation(r.localOffset(), dataOffset, end);
            expected = end;
            previous = r.name();
        }
        if (expected != centralOffset) {
            throw malformed(previous == null ? archiveEntry : prefix + previous, "there are " + (centralOffset - expected)
                    + " hidden bytes before the central directory of " + what);
        }
        return Arrays.asList(located);
    }

    private static long checkDescriptor(ByteSource source, ZipEntryRecord r, long at, long centralOffset, String label)
            throws IOException, BundleException {
        String shown = EntryNames.printable(label);
        byte[] bytes = new byte[16];
        int available = (int) Math.min(16, centralOffset - at);
        if (available < 12) {
            throw malformed(label, "entry '" + shown + "' is missing its data descriptor");
        }
        source.read(at, bytes, 0, available);
        ByteBuffer d = le(bytes);
        if (available == 16 && d.getInt(0) == DESCRIPTOR_SIG && u32(d, 4) == r.crc() && u32(d, 8) == r.compressedSize()
                && u32(d, 12) == r.size()) {
            return at + 16;
        }
        if (u32(d, 0) == r.crc() && u32(d, 4) == r.compressedSize() && u32(d, 8) == r.size()) {
            return at + 12;
        }
        throw malformed(label, "entry '" + shown + "' has a data descriptor that differs from the central directory");
    }

    /** The local header's extra fields as Commons Compress reads them, unparseable ones kept as such. */
    private static ZipExtraField[] localExtra(byte[] nameAndExtra, int nameLength, String label) throws BundleException {
        try {
            return ExtraFieldUtils.parse(Arrays.copyOfRange(nameAndExtra, nameLength, nameAndExtra.length), true,
                    ExtraFieldUtils.UnparseableExtraField.READ);
        } catch (ZipException | RuntimeException e) {
            throw malformed(label, "entry '" + EntryNames.printable(label) + "' has a malformed extra field");
        }
    }

    private static void checkExtra(ZipArchiveEntry entry, String label) throws BundleException {
        checkExtra(entry.getExtraFields(true), label);
    }

    /** Refuses extra fields that are malformed, carry ZIP64 or encryption, a second name, or link targets. */
    private static void checkExtra(ZipExtraField[] fields, String label) throws BundleException {
        String shown = EntryNames.printable(label);
        for (ZipExtraField field : fields) {
            if (field instanceof UnparseableExtraFieldData) {
                throw malformed(label, "entry '" + shown + "' has a malformed extra field");
            }
            int id = field.getHeaderId().getValue();
            switch (id) {
                case 0x0001 -> throw malformed(label, "entry '" + shown + "' uses ZIP64, which bundles never need");
                case 0x0017, 0x9901 -> throw malformed(label, "entry '" + shown + "' is encrypted; bundles are never encrypted");
                case 0x000d, 0x756e -> throw new BundleException(Failure.UNSAFE_ENTRY, label, "entry '" + shown
                        + "' carries Unix link data (extra field 0x" + Integer.toHexString(id) + "); links are never installed");
                case 0x7075, 0x6375 -> throw new BundleException(Failure.UNSAFE_ENTRY, label, "entry '" + shown
                        + "' carries a second Unicode name or comment (extra field 0x" + Integer.toHexString(id)
                        + ") that other tools would use instead of its name");
                default -> {
                    // Timestamps, uid/gid, the jar marker and padding are harmless.
                }
            }
        }
    }

    private static void checkType(int madeBy, long external, String name, String label) throws BundleException {
        String shown = EntryNames.printable(label);
        boolean directory = name.endsWith("/");
        int host = madeBy >>> 8;
        if (host == 3 || host == 19) {
            int type = (int) ((external >>> 16) & S_IFMT);
            if (type == S_IFLNK) {
                throw new BundleException(Failure.UNSAFE_ENTRY, label, "entry '" + shown + "' is a symbolic link; links are never installed");
            }
            if (type != 0 && type != S_IFREG && type != S_IFDIR) {
                throw new BundleException(Failure.UNSAFE_ENTRY, label, "entry '" + shown
                        + "' is a special file (device, FIFO or socket); only regular files are installed");
            }
            if (type == S_IFDIR && !directory || type == S_IFREG && directory) {
                throw new BundleException(Failure.UNSAFE_ENTRY, label, "entry '" + shown
                        + "' is marked as a " + (directory ? "file" : "directory") + " but named as a "
                        + (directory ? "directory" : "file"));
            }
        }
        if ((external & 0x10) != 0 && !directory) {
            throw new BundleException(Failure.UNSAFE_ENTRY, label, "entry '" + shown + "' is marked as a directory but named as a file");
        }
    }

    private static String decodeName(byte[] bytes, int flags, String prefix, String archiveEntry) throws BundleException {
        if ((flags & FLAG_UTF8) == 0) {
            for (byte b : bytes) {
                if (b < 0) {
                    throw malformed(archiveEntry, "an entry name in " + (prefix.isEmpty() ? "the bundle" : prefix)
                            + " is not marked UTF-8 and is not ASCII");
                }
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw malformed(archiveEntry, "an entry name in " + (prefix.isEmpty() ? "the bundle" : prefix)
                    + " is not valid UTF-8");
        }
    }

    private static boolean findEndRecord(ByteSource source, long size) throws IOException {
        int window = (int) Math.min(size, 0xFFFF + END_SIZE + 1024);
        byte[] tail = new byte[window];
        source.read(size - window, tail, 0, window);
        ByteBuffer b = le(tail);
        for (int i = window - END_SIZE; i >= 0; i--) {
            if (b.getInt(i) == END_SIG) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasZip64Locator(ByteSource source, long size) throws IOException {
        if (size < END_SIZE + 20) {
            return false;
        }
        byte[] b = new byte[4];
        source.read(size - END_SIZE - 20, b, 0, 4);
        return le(b).getInt(0) == ZIP64_LOCATOR_SIG;
    }

    private static BundleException malformed(String entry, String message) {
        return new BundleException(Failure.MALFORMED_ARCHIVE, entry, message);
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFF_FFFFL;
    }
}
