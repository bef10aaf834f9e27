package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Streams one entry's bytes out of a checked directory through CRC-32, SHA-256 and a sink, stopping
 * the moment the output passes the declared size. One per thread: it owns its inflater and buffers.
 */
final class EntryStreamer implements AutoCloseable {

    static final int BUFFER = 256 * 1024;

    /** Receives inflated bytes; may throw to stop the stream. */
    interface Sink {
        void accept(byte[] bytes, int off, int len) throws IOException, BundleException;
    }

    static final Sink DISCARD = (bytes, off, len) -> { };

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final MessageDigest sha256 = newSha256();
    private final byte[] in = new byte[BUFFER];
    private final byte[] out = new byte[BUFFER];

    /**
     * Streams {@code entry} from {@code source} into {@code sink}, checking its CRC and size.
     *
     * @return the SHA-256 of the inflated bytes
     * @throws BundleException LIMIT_EXCEEDED if it inflates past its declared size, MALFORMED_ARCHIVE for
     *     a broken deflate stream, CONTENT_MISMATCH for a wrong CRC, IO for read failures
     */
    byte[] stream(ByteSource source, ZipEntryRecord entry, String label, Sink sink) throws BundleException {
        crc.reset();
        sha256.reset();
        try {
            long produced = entry.method() == ZipEntryRecord.STORED
                    ? copyStored(source, entry, sink)
                    : inflate(source, entry, label, sink);
            if (produced != entry.size()) {
                throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + EntryNames.printable(label)
                        + "' inflates to " + produced + " bytes, not the " + entry.size() + " its headers declare");
            }
        } catch (IOException e) {
            throw new BundleException(Failure.IO, label, "cannot read or write entry '" + EntryNames.printable(label)
                    + "': " + e.getMessage(), e);
        }
        if (crc.getValue() != entry.crc()) {
            throw new BundleException(Failure.CONTENT_MISMATCH, label, "entry '" + EntryNames.printable(label)
                    + "' fails its zip CRC check (damaged or altered); download the bundle again");
        }
        return sha256.digest();
    }

    private long copyStored(ByteSource source, ZipEntryRecord entry, Sink sink) throws IOException, BundleException {
        long position = entry.dataOffset();
        long remaining = entry.compressedSize();
        while (remaining > 0) {
            int n = (int) Math.min(remaining, out.length);
            source.read(position, out, 0, n);
            position += n;
            remaining -= n;
            emit(out, n, sink);
        }
        return entry.compressedSize();
    }

    private long inflate(ByteSource source, ZipEntryRecord entry, String label, Sink sink)
            throws IOException, BundleException {
        String shown = EntryNames.printable(label);
        inflater.reset();
        long position = entry.dataOffset();
        long remainingIn = entry.compressedSize();
        long declared = entry.size();
        long produced = 0;
        try {
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (remainingIn == 0) {
                        throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + shown
                                + "' has a truncated deflate stream");
                    }
                    int n = (int) Math.min(remainingIn, in.length);
                    source.read(position, in, 0, n);
                    position += n;
                    remainingIn -= n;
                    inflater.setInput(in, 0, n);
                }
                // Ask for at most one byte past the declared size: a bomb stops right there.
                int want = (int) Math.min(out.length, declared - produced + 1);
                int got = inflater.inflate(out, 0, want);
                if (got > 0) {
                    produced += got;
                    if (produced > declared) {
                        throw new BundleException(Failure.LIMIT_EXCEEDED, label, "entry '" + shown
                                + "' inflates past its declared " + declared + " bytes (stopped at " + produced
                                + "); the bundle is a zip bomb or damaged");
                    }
                    emit(out, got, sink);
                } else if (inflater.needsDictionary() || (!inflater.needsInput() && !inflater.finished())) {
                    throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + shown
                            + "' has a malformed deflate stream");
                }
            }
        } catch (DataFormatException e) {
            throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + shown
                    + "' has a malformed deflate stream: " + e.getMessage(), e);
        }
        if (remainingIn != 0 || inflater.getRemaining() != 0) {
            throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + shown
                    + "' has hidden bytes after its deflate stream");
        }
        return produced;
    }

    private void emit(byte[] bytes, int len, Sink sink) throws IOException, BundleException {
        crc.update(bytes, 0, len);
        sha256.update(bytes, 0, len);
        sink.accept(bytes, 0, len);
    }

    @Override
    public void close() {
        inflater.end();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
