package dev.warden.registry.git;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;

/**
 * Reads small loose objects straight from a repository's {@code objects} folder: one open and one read of the file,
 * one inflate, no look-up in packs first. Anything else — an object that is not loose here, is larger than
 * {@link #MAX_BYTES}, or whose file is not exactly one zlib stream of {@code "<type> <size>\0<content>"} of the type
 * asked for — reads as empty, and the caller reads it through JGit, which reports what is wrong with it. Nothing is
 * checked against the object's id here: the caller hashes what it gets.
 */
final class LooseObjectReader implements AutoCloseable {

    /** The largest object (and object file) read here; larger ones go through JGit, which streams them. */
    static final int MAX_BYTES = 8 << 20;
    private static final int MAX_HEADER = 32;

    private final Path objects;
    private final boolean[] fanOut = new boolean[256];
    private final Inflater inflater = new Inflater();
    private final byte[] header = new byte[MAX_HEADER];

    /** @param objects a repository's {@code objects} folder; its fan-out folders are listed once, here */
    LooseObjectReader(Path objects) throws IOException {
        this.objects = objects;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(objects)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.length() == 2 && Character.digit(name.charAt(0), 16) >= 0 && Character.digit(name.charAt(1), 16) >= 0) {
                    fanOut[Integer.parseInt(name, 16)] = true;
                }
            }
        } catch (NoSuchFileException e) {
            // no objects folder of its own: every object is elsewhere (alternates), which JGit reads
        }
    }

    /**
     * The content of the loose object {@code id} of {@code type} ({@link Constants#OBJ_BLOB} and the like).
     *
     * @return the content without git's header, or empty when this reader leaves the object to JGit (see above)
     * @throws IOException if the file exists but cannot be read
     */
    Optional<byte[]> read(AnyObjectId id, int type) throws IOException {
        if (!fanOut[id.getFirstByte()]) {
            return Optional.empty();
        }
        String name = id.name();
        Path path = objects.resolve(name.substring(0, 2)).resolve(name.substring(2));
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty(); // missing, or a link, a FIFO (whose opening would wait for a writer)...: JGit's way
        }
        byte[] file;
        try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
            long size = in.length();
            if (size > MAX_BYTES) {
                return Optional.empty();
            }
            file = new byte[(int) size];
            // a file that shrank since its length was read fails the inflate below
            for (int n = 0, read; n < file.length && (read = in.read(file, n, file.length - n)) >= 0; n += read) {
                // reads until the length seen at open
            }
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
        try {
            return inflate(file, type);
        } catch (DataFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<byte[]> inflate(byte[] file, int type) throws DataFormatException {
        inflater.reset();
        inflater.setInput(file);
        int headerLength = inflater.inflate(header);
        int end = 0;
        while (end < headerLength && header[end] != 0) {
            end++;
        }
        if (end == headerLength) {
            return Optional.empty();
        }
        byte[] expected = Constants.encodedTypeString(type);
        int space = expected.length;
        if (space >= end || header[space] != ' ' || !startsWith(header, expected)) {
            return Optional.empty();
        }
        long size = parseSize(header, space + 1, end);
        if (size < 0 || size > MAX_BYTES) {
            return Optional.empty();
        }
        byte[] content = new byte[(int) size];
        int have = headerLength - end - 1;
        if (have > size) {
            return Optional.empty();
        }
        System.arraycopy(header, end + 1, content, 0, have);
        while (have < size) {
            int n = inflater.inflate(content, have, (int) size - have);
            if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                return Optional.empty();
            }
            have += n;
        }
        // exactly one stream, ending where the content does, and nothing after it in the file
        if (!inflater.finished()) {
            if (inflater.inflate(header, 0, 1) != 0 || !inflater.finished()) {
                return Optional.empty();
            }
        }
        return inflater.getRemaining() == 0 ? Optional.of(content) : Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decimal size between from and to, or -1 when it is not one (empty, a leading zero, too long, not digits). */
    private static long parseSize(byte[] bytes, int from, int to) {
        if (from == to || to - from > 10 || bytes[from] == '0' && to - from > 1) {
            return -1;
        }
        long size = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            size = size * 10 + digit;
        }
        return size;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
