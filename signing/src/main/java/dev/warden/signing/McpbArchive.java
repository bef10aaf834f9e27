package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An MCPB bundle (a Claude Desktop extension) split into the zip its signature covers and the block
 * {@code mcpb sign} appends after it: {@code MCPB_SIG_V1}, the length of the signature as four bytes
 * little-endian, that many bytes of PKCS#7/CMS DER, {@code MCPB_SIG_END}, and nothing after.
 *
 * <p>The split is exact: the block must end the file and its length field must reach the footer, so
 * the bytes the signature covers are everything before the header and nothing else. Entries are read
 * from those bytes only, with the same strict zip reader as Warden's own bundles.
 *
 * @since 0.1
 */
public final class McpbArchive {

    private static final byte[] HEADER = "MCPB_SIG_V1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FOOTER = "MCPB_SIG_END".getBytes(StandardCharsets.US_ASCII);
    private static final int LENGTH_FIELD = 4;

    private final Path file;
    private final byte[] zip;
    private final Optional<byte[]> signature;

    private McpbArchive(Path file, byte[] zip, Optional<byte[]> signature) {
        this.file = file;
        this.zip = zip;
        this.signature = signature;
    }

    /**
     * Reads the file and splits off its signature block, if any; the zip inside is not read yet.
     *
     * @param file   an {@code .mcpb} file
     * @param limits its size must not exceed {@link BundleLimits#maxTotalBytes()}
     * @return the split bundle
     * @throws BundleException MALFORMED_SIGNATURE when a block is there but is not the documented form
     *                         (a length that does not reach the footer, a header without footer);
     *                         LIMIT_EXCEEDED when too large; IO when it cannot be read
     */
    public static McpbArchive read(Path file, BundleLimits limits) throws BundleException {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > limits.maxTotalBytes()) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, file + " is " + size + " bytes, above the limit of "
                        + limits.maxTotalBytes());
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BundleException(Failure.IO, file + " does not exist", e);
        } catch (IOException e) {
            throw new BundleException(Failure.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return split(file, bytes);
    }

    static McpbArchive split(Path file, byte[] bytes) throws BundleException {
        if (!endsWith(bytes, FOOTER)) {
            if (lastIndexOf(bytes, HEADER, bytes.length) >= 0) {
                throw new BundleException(Failure.MALFORMED_SIGNATURE, file + " holds an MCPB signature header ("
                        + new String(HEADER, StandardCharsets.US_ASCII) + ") but does not end with its footer ("
                        + new String(FOOTER, StandardCharsets.US_ASCII) + "): the block was cut or data was added after it");
            }
            return new McpbArchive(file, bytes, Optional.empty());
        }
        int footer = bytes.length - FOOTER.length;
        // the header nearest the end whose length field reaches exactly the footer; DER never needs to be scanned
        for (int at = lastIndexOf(bytes, HEADER, footer); at >= 0; at = lastIndexOf(bytes, HEADER, at)) {
            int lengthAt = at + HEADER.length;
            if (lengthAt + LENGTH_FIELD > footer) {
                continue;
            }
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, lengthAt, LENGTH_FIELD)
                    .order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (lengthAt + LENGTH_FIELD + length == footer) {
                byte[] der = Arrays.copyOfRange(bytes, lengthAt + LENGTH_FIELD, footer);
                return new McpbArchive(file, Arrays.copyOf(bytes, at), Optional.of(der));
            }
        }
        throw new BundleException(Failure.MALFORMED_SIGNATURE, file + " ends with an MCPB signature footer but no header"
                + " before it announces a signature length that reaches it: the length field or the block was changed");
    }

    /** @return the file this was read from */
    public Path file() {
        return file;
    }

    /** @return the bytes the signature covers (the whole file when unsigned): the zip, a copy */
    public byte[] signedBytes() {
        return zip.clone();
    }

    /** @return the PKCS#7/CMS DER of the signature block, or empty when the file carries none */
    public Optional<byte[]> signature() {
        return signature.map(byte[]::clone);
    }

    /**
     * Reads one entry of the zip (the signed bytes), whole.
     *
     * @param name   the entry name, e.g. {@code manifest.json}
     * @param limits the zip's entry count, sizes and ratios are checked against them
     * @return the entry's bytes, or empty when the zip holds no such entry
     * @throws BundleException when the zip is not the plain, strict form Warden reads (an archive
     *                         comment, overlapping entries, a name that escapes, ...) or above the limits
     */
    public Optional<byte[]> entry(String name, BundleLimits limits) throws BundleException {
        ByteSource source = ByteSource.of(zip);
        for (ZipEntryRecord record : ZipDirectory.readBundle(source, limits).entries()) {
            if (record.name().equals(name)) {
                if (record.size() > limits.maxEntryBytes()) {
                    throw new BundleException(Failure.LIMIT_EXCEEDED, name, name + " is " + record.size()
                            + " bytes, above the limit of " + limits.maxEntryBytes());
                }
                return Optional.of(EntryStreamer.readAll(source, record, name));
            }
        }
        return Optional.empty();
    }

    /**
     * Extracts every entry of the zip (the signed bytes) into {@code dir}, with the checks Warden's own
     * bundles get: names that escape, links, collisions and native libraries refused, limits, CRCs.
     *
     * @param dir    an absent or empty folder; on failure it is left as it was
     * @param limits the zip's entry count, sizes and ratios are checked against them
     * @throws BundleException naming the entry refused, or IO
     */
    public void extract(Path dir, BundleLimits limits) throws BundleException {
        ByteSource source = ByteSource.of(zip);
        ZipDirectory directory = ZipDirectory.readBundle(source, limits);
        Staging staging = Staging.claim(Objects.requireNonNull(dir, "dir"));
        try (EntryStreamer streamer = new EntryStreamer()) {
            staging.createDirectories(directory.entries());
            for (ZipEntryRecord entry : directory.entries()) {
                if (entry.isDirectory()) {
                    continue;
                }
                try (var out = staging.create(entry.name())) {
                    streamer.stream(source, entry, entry.name(), (bytes, off, len) -> Staging.write(out, bytes, off, len));
                } catch (IOException e) {
                    throw new BundleException(Failure.IO, entry.name(), "cannot write '" + EntryNames.printable(entry.name())
                            + "' to " + dir + ": " + e.getMessage(), e);
                }
            }
            staging.sync();
        } catch (BundleException | RuntimeException | Error e) {
            staging.rollback();
            throw e;
        }
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        return bytes.length >= suffix.length
                && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }

    /** The last index below {@code before} where needle starts, or -1. */
    private static int lastIndexOf(byte[] bytes, byte[] needle, int before) {
        for (int i = Math.min(before - 1, bytes.length - needle.length); i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
