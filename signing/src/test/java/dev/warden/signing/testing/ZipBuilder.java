package dev.warden.signing.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte so tests can forge every structural defect: local header unlike
 * the central record, overlapping entries, hidden or trailing bytes, encryption flags, unknown
 * methods, symlink modes, lying sizes, data descriptors. Without overrides it writes a valid zip.
 */
public final class ZipBuilder {

    /** One entry; every field the archive carries can be overridden separately in the local and central header. */
    public static final class Entry {
        final String name;
        final byte[] data;
        byte[] centralName;
        byte[] localName;
        int method = 8;
        Integer localMethod;
        int flags;
        Integer localFlags;
        int madeBy = (3 << 8) | 20;
        long external = 0100644L << 16;
        byte[] compressed;
        Long declaredSize;
        Long centralCrc;
        Long localCrc;
        Long localSize;
        Long centralCompressedSize;
        byte[] extraLocal = new byte[0];
        byte[] extraCentral = new byte[0];
        boolean descriptor;
        byte[] descriptorBytes;
        byte[] comment = new byte[0];
        byte[] after = new byte[0];

        private final ZipBuilder owner;

        Entry(ZipBuilder owner, String name, byte[] data) {
            this.owner = owner;
            this.name = name;
            this.data = data;
            this.centralName = name.getBytes(StandardCharsets.UTF_8);
            for (byte b : centralName) {
                if (b < 0) {
                    flags |= 1 << 11;
                }
            }
        }

        /** Back to the archive, to forge more or to write it. */
        public ZipBuilder and() {
            return owner;
        }

        public Entry stored() {
            method = 0;
            return this;
        }

        public Entry method(int m) {
            method = m;
            return this;
        }

        public Entry localMethod(int m) {
            localMethod = m;
            return this;
        }

        public Entry flags(int f) {
            flags = f;
            return this;
        }

        public Entry localFlags(int f) {
            localFlags = f;
            return this;
        }

        /** Raw name bytes in both headers (for non-UTF-8 names). */
        public Entry rawName(byte[] bytes) {
            centralName = bytes;
            return this;
        }

        public Entry localName(String n) {
            localName = n.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Unix mode (type and permission bits) in the external attributes. */
        public Entry unixMode(int mode) {
            external = (long) mode << 16;
            return this;
        }

        public Entry external(long attributes) {
            external = attributes;
            return this;
        }

        public Entry madeBy(int value) {
            madeBy = value;
            return this;
        }

        /** Uses these bytes as the compressed data, declaring {@code size} inflated bytes. */
        public Entry compressedData(byte[] bytes, long size) {
            compressed = bytes;
            declaredSize = size;
            return this;
        }

        /** Declares another inflated size in both headers. */
        public Entry declaredSize(long size) {
            declaredSize = size;
            return this;
        }

        public Entry centralCrc(long crc) {
            centralCrc = crc;
            return this;
        }

        public Entry localCrc(long crc) {
            localCrc = crc;
            return this;
        }

        public Entry localSize(long size) {
            localSize = size;
            return this;
        }

        public Entry centralCompressedSize(long size) {
            centralCompressedSize = size;
            return this;
        }

        public Entry extra(byte[] bytes) {
            extraLocal = bytes;
            extraCentral = bytes;
            return this;
        }

        public Entry localExtra(byte[] bytes) {
            extraLocal = bytes;
            return this;
        }

        /** Sets flag bit 3: zero CRC and sizes in the local header, a signed data descriptor after the data. */
        public Entry dataDescriptor() {
            descriptor = true;
            return this;
        }

        /** Writes these bytes as the data descriptor instead of the correct one. */
        public Entry dataDescriptor(byte[] bytes) {
            descriptor = true;
            descriptorBytes = bytes;
            return this;
        }

        public Entry comment(String text) {
            comment = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Bytes written after this entry's data, before the next local header. */
        public Entry hiddenBytesAfter(byte[] bytes) {
            after = bytes;
            return this;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Object[]> aliases = new ArrayList<>();
    private byte[] prefix = new byte[0];
    private byte[] suffix = new byte[0];
    private byte[] archiveComment = new byte[0];
    private Integer declaredEntries;

    public Entry add(String name, byte[] data) {
        Entry e = new Entry(this, name, data);
        entries.add(e);
        return e;
    }

    public Entry add(String name, String text) {
        return add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a directory entry ({@code name} ends with '/'). */
    public Entry directory(String name) {
        Entry e = add(name, new byte[0]).stored();
        e.external = (040755L << 16) | 0x10;
        return e;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry named {@code name}. */
    public Entry entry(String name) {
        return entries.stream().filter(e -> e.name.equals(name)).findFirst().orElseThrow();
    }

    public ZipBuilder remove(String name) {
        entries.removeIf(e -> e.name.equals(name));
        return this;
    }

    /** Adds a second central record named {@code name} that points at the local header of {@code target}. */
    public ZipBuilder centralAlias(String name, String target) {
        aliases.add(new Object[] {name, target});
        return this;
    }

    public ZipBuilder prepend(byte[] bytes) {
        prefix = bytes;
        return this;
    }

    public ZipBuilder append(byte[] bytes) {
        suffix = bytes;
        return this;
    }

    public ZipBuilder comment(String text) {
        archiveComment = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public ZipBuilder declaredEntries(int count) {
        declaredEntries = count;
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        List<byte[]> central = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (Entry e : entries) {
            long offset = out.size();
            offsets.add(offset);
            CRC32 crc32 = new CRC32();
            crc32.update(e.data);
            long crc = crc32.getValue();
            byte[] body = e.compressed != null ? e.compressed : e.method == 8 ? deflate(e.data) : e.data;
            long size = e.declaredSize != null ? e.declaredSize : e.data.length;
            long csize = body.length;
            int flags = e.flags | (e.descriptor ? 1 << 3 : 0);
            byte[] localName = e.localName != null ? e.localName : e.centralName;
            ByteBuffer local = le(30 + localName.length + e.extraLocal.length);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) (e.localFlags != null ? e.localFlags : flags))
                    .putShort((short) (e.localMethod != null ? e.localMethod : e.method)).putShort((short) 0)
                    .putShort((short) 33)
                    .putInt((int) (e.descriptor ? 0 : e.localCrc != null ? e.localCrc : crc))
                    .putInt((int) (e.descriptor ? 0 : csize))
                    .putInt((int) (e.descriptor ? 0 : e.localSize != null ? e.localSize : size))
                    .putShort((short) localName.length).putShort((short) e.extraLocal.length)
                    .put(localName).put(e.extraLocal);
            out.writeBytes(local.array());
            out.writeBytes(body);
            if (e.descriptor) {
                if (e.descriptorBytes != null) {
                    out.writeBytes(e.descriptorBytes);
                } else {
                    out.writeBytes(le(16).putInt(0x08074b50).putInt((int) crc).putInt((int) csize).putInt((int) size).array());
                }
            }
            out.writeBytes(e.after);
            central.add(centralRecord(e, e.centralName, flags, e.centralCrc != null ? e.centralCrc : crc,
                    e.centralCompressedSize != null ? e.centralCompressedSize : csize, size, offset));
        }
        for (Object[] alias : aliases) {
            int target = -1;
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).name.equals(alias[1])) {
                    target = i;
                }
            }
            Entry e = entries.get(target);
            byte[] record = central.get(target);
            ByteBuffer r = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
            central.add(centralRecord(e, ((String) alias[0]).getBytes(StandardCharsets.UTF_8), r.getShort(8),
                    r.getInt(16) & 0xFFFF_FFFFL, r.getInt(20) & 0xFFFF_FFFFL, r.getInt(24) & 0xFFFF_FFFFL, offsets.get(target)));
        }
        long centralStart = out.size();
        for (byte[] record : central) {
            out.writeBytes(record);
        }
        long centralSize = out.size() - centralStart;
        int count = declaredEntries != null ? declaredEntries : central.size();
        ByteBuffer end = le(22 + archiveComment.length);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) count).putShort((short) count)
                .putInt((int) centralSize).putInt((int) centralStart).putShort((short) archiveComment.length).put(archiveComment);
        out.writeBytes(end.array());
        out.writeBytes(suffix);
        return out.toByteArray();
    }

    private static byte[] centralRecord(Entry e, byte[] name, int flags, long crc, long csize, long size, long offset) {
        ByteBuffer c = le(46 + name.length + e.extraCentral.length + e.comment.length);
        c.putInt(0x02014b50).putShort((short) e.madeBy).putShort((short) 20).putShort((short) flags)
                .putShort((short) e.method).putShort((short) 0).putShort((short) 33).putInt((int) crc).putInt((int) csize)
                .putInt((int) size).putShort((short) name.length).putShort((short) e.extraCentral.length)
                .putShort((short) e.comment.length).putShort((short) 0).putShort((short) 0).putInt((int) e.external)
                .putInt((int) offset).put(name).put(e.extraCentral).put(e.comment);
        return c.array();
    }

    public Path write(Path file) throws IOException {
        Files.write(file, build());
        return file;
    }

    /** Raw deflate (no zlib header) of {@code data}, as zip entries hold it. */
    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * A raw deflate stream that inflates to {@code mebibytes} MiB of zeros while being about a
     * thousandth of that: one flushed block of 1 MiB of zeros, repeated, then an empty final block.
     */
    public static byte[] zeroBomb(int mebibytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(new byte[1 << 20]);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH)) > 0) {
            block.write(buffer, 0, n);
        }
        deflater.end();
        byte[] one = block.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(one.length * mebibytes + 2);
        for (int i = 0; i < mebibytes; i++) {
            out.writeBytes(one);
        }
        out.write(0x03);
        out.write(0x00);
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
