package dev.warden.registry.git;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.eclipse.jgit.internal.storage.file.BasePackIndexWriter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.PackedObjectInfo;
import org.eclipse.jgit.util.NB;
import org.eclipse.jgit.util.sha1.SHA1;

/**
 * Writes whole objects into one new pack of a repository, with its index: each object is hashed as it is written
 * (JGit's SHA-1, collision detection and all, as its inserters do), deflated fast and without delta search, and
 * written through one buffer. Until {@link #finish} the pack is a temporary file that {@link #close} removes.
 */
final class PackFileWriter implements AutoCloseable {

    private static final int INDEX_VERSION = 2;

    private final File packDirectory;
    private final File tmpPack;
    private final File tmpIndex;
    private final OutputStream out;
    private long offset;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final CRC32 crc = new CRC32();
    private final SHA1 objectHash = SHA1.newInstance();
    private final byte[] buffer = new byte[64 << 10];
    private final byte[] header = new byte[32];
    private final List<PackedObjectInfo> written = new ArrayList<>();
    private long objectStart;
    private boolean finished;
    private boolean moved;

    /** Starts a pack in {@code packDirectory} ({@code objects/pack}, made if missing). */
    PackFileWriter(File packDirectory) throws IOException {
        this.packDirectory = packDirectory;
        Files.createDirectories(packDirectory.toPath());
        tmpPack = File.createTempFile("incoming_", ".pack", packDirectory);
        tmpIndex = new File(packDirectory, tmpPack.getName().replace(".pack", ".idx"));
        out = new BufferedOutputStream(new FileOutputStream(tmpPack), 64 << 10);
        System.arraycopy(Constants.PACK_SIGNATURE, 0, header, 0, 4);
        NB.encodeInt32(header, 4, 2);
        NB.encodeInt32(header, 8, 0); // the count, written when it is known
        write(header, 12);
    }

    /** Appends one object; returns the id its type and content hash to. */
    ObjectId insert(int type, byte[] content) throws IOException {
        begin(type, content.length);
        objectHash.update(content);
        deflater.setInput(content);
        deflater.finish();
        drain();
        return end(type, content.length);
    }

    /** Appends one object of {@code size} bytes read from {@code in}; returns the id its type and content hash to. */
    ObjectId insert(int type, long size, InputStream in) throws IOException {
        begin(type, size);
        long left = size;
        byte[] chunk = new byte[64 << 10];
        while (left > 0) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                throw new EOFException("an object ended " + left + " bytes before its stated size of " + size);
            }
            objectHash.update(chunk, 0, n);
            deflater.setInput(chunk, 0, n);
            while (!deflater.needsInput()) {
                emit(deflater.deflate(buffer));
            }
            left -= n;
        }
        deflater.finish();
        drain();
        return end(type, size);
    }

    private void begin(int type, long size) throws IOException {
        if (finished) {
            throw new IllegalStateException("the pack is finished");
        }
        objectHash.reset();
        objectHash.update(Constants.encodedTypeString(type));
        objectHash.update((byte) ' ');
        objectHash.update(Constants.encodeASCII(size));
        objectHash.update((byte) 0);
        deflater.reset();
        crc.reset();
        objectStart = offset;
        int n = typeAndSize(type, size);
        crc.update(header, 0, n);
        write(header, n);
    }

    private ObjectId end(int type, long size) {
        PackedObjectInfo info = new PackedObjectInfo(objectHash.toObjectId());
        info.setType(type);
        info.setOffset(objectStart);
        info.setCRC((int) crc.getValue());
        info.setFullSize(size);
        written.add(info);
        return info.copy();
    }

    private void drain() throws IOException {
        while (!deflater.finished()) {
            emit(deflater.deflate(buffer));
        }
    }

    private void emit(int n) throws IOException {
        crc.update(buffer, 0, n);
        write(buffer, n);
    }

    private void write(byte[] bytes, int n) throws IOException {
        out.write(bytes, 0, n);
        offset += n;
    }

    /** The pack entry header: type and size, seven bits at a time after the first four. */
    private int typeAndSize(int type, long size) {
        long rest = size >>> 4;
        header[0] = (byte) ((rest > 0 ? 0x80 : 0) | type << 4 | (int) (size & 0x0F));
        int n = 1;
        while (rest > 0) {
            header[n++] = (byte) ((rest >>> 7 > 0 ? 0x80 : 0) | (int) (rest & 0x7F));
            rest >>>= 7;
        }
        return n;
    }

    /**
     * Writes the number of objects into the pack's header, ends the pack with its checksum (the pack is read back once
     * from the page cache to hash it), writes its index and moves both into place, the index last (a pack without its
     * index is never read).
     *
     * @return the pack file, in place
     */
    File finish() throws IOException {
        out.close();
        byte[] checksum;
        try (RandomAccessFile file = new RandomAccessFile(tmpPack, "rw")) {
            file.seek(8);
            file.writeInt(written.size());
            file.seek(0);
            MessageDigest digest = sha1();
            for (int n; (n = file.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            checksum = digest.digest();
            file.write(checksum);
        }
        finished = true;
        Collections.sort(written);
        try (OutputStream index = new BufferedOutputStream(new FileOutputStream(tmpIndex))) {
            BasePackIndexWriter.createVersion(index, INDEX_VERSION).write(written, checksum);
        }
        String name = "pack-" + ObjectId.fromRaw(checksum).name();
        tmpPack.setReadOnly();
        tmpIndex.setReadOnly();
        File pack = new File(packDirectory, name + ".pack");
        Files.move(tmpPack.toPath(), pack.toPath(), StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpIndex.toPath(), new File(packDirectory, name + ".idx").toPath(), StandardCopyOption.ATOMIC_MOVE);
        moved = true;
        return pack;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-1, which every Java has", e);
        }
    }

    @Override
    public void close() throws IOException {
        deflater.end();
        if (!moved) {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(tmpPack.toPath());
                Files.deleteIfExists(tmpIndex.toPath());
            }
        }
    }
}
