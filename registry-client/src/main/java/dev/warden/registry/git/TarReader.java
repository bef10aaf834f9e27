package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.INTEGRITY;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Extracts a tar stream for {@link ArchiveSource}, read by Commons Compress (ustar, pax and GNU long
 * names): regular files and folders are extracted; links, devices, sparse files and every other entry
 * type are refused; header checksums and the end marker are required.
 */
final class TarReader {

    private final InputStream in;
    private final ArchiveSource.Extraction extraction;

    TarReader(InputStream in, ArchiveSource.Extraction extraction) {
        this.in = in;
        this.extraction = extraction;
    }

    void extract() throws MarketplaceException, IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
        long entryEnd = 0;
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IllegalArgumentException | IOException e) {
                throw new MarketplaceException(INTEGRITY, "the tar archive has a damaged header; refused", e);
            }
            if (entry == null) {
                // Commons Compress also stops quietly where the stream stops; a full archive ends with a zero block.
                if (tar.getBytesRead() < entryEnd + 512) {
                    throw new MarketplaceException(INTEGRITY, "the tar archive ends without its end marker; refused");
                }
                return;
            }
            if (!entry.isCheckSumOK()) {
                throw new MarketplaceException(INTEGRITY, "the tar archive has a header with a wrong checksum; refused");
            }
            String name = entry.getName();
            long size = entry.getSize();
            entryEnd = tar.getBytesRead() + (size + 511) / 512 * 512;
            if (entry.isSymbolicLink() || entry.isLink()) {
                throw extraction.refused(name, "is a " + (entry.isLink() ? "hard" : "symbolic") + " link");
            }
            if (entry.isDirectory()) {
                Files.createDirectories(extraction.place(name.endsWith("/") ? name : name + "/", true));
            } else if ((entry.isFile() || entry.getLinkFlag() == TarConstants.LF_CONTIG) && !entry.isSparse()) {
                Path file = extraction.place(name, false);
                extraction.write(name, file, tar);   // a short entry throws "Truncated TAR archive"
            } else {
                throw extraction.refused(name, "is neither a file nor a folder (tar type '" + (char) entry.getLinkFlag() + "')");
            }
        }
    }
}
