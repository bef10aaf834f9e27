package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.ERROR;
import static dev.warden.registry.git.MarketplaceException.Kind.INTEGRITY;

import dev.warden.io.UnsafeCharacters;
import dev.warden.io.Digests;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Progress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Warden's {@code archive} source: a zip or tar.gz downloaded through a {@link Fetcher}, whose
 * SHA-256 must equal the marketplace's before a single entry is read. Extraction writes only
 * regular files and folders inside the target, refuses links, absolute and {@code ..} paths,
 * backslashes and names that collide, and stops at entry-count and size limits while streaming.
 */
final class ArchiveSource {

    static final long MAX_ARCHIVE_BYTES = 256L << 20;
    static final int MAX_ENTRIES = 20_000;
    static final long MAX_EXTRACTED_BYTES = 512L << 20;

    private ArchiveSource() {
    }

    /** @throws IllegalArgumentException unless the URL is http(s) and ends in .zip, .tar.gz or .tgz */
    static void checkUrl(String url) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new IllegalArgumentException("archive url " + UnsafeCharacters.quote(String.valueOf(url))
                    + " must be an https:// (or http://) URL");
        }
        String path = url.replaceFirst("[?#].*$", "");
        if (format(path) == null || path.endsWith("/") || url.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException("archive url " + UnsafeCharacters.quote(url)
                    + " must name a .zip, .tar.gz or .tgz file");
        }
    }

    private static String format(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            return "zip";
        }
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return "tar.gz";
        }
        return null;
    }

    /** Downloads, checks and extracts the archive into target (which must not exist). */
    static void materialise(PluginSource.Archive source, Function<String, Fetcher> fetchers, Path target, Path tmp)
            throws MarketplaceException, IOException {
        String url = source.url();
        int slash = url.replaceFirst("[?#].*$", "").lastIndexOf('/');
        String folder = url.substring(0, slash + 1);
        String name = url.substring(slash + 1);
        Fetcher fetcher = fetchers.apply(folder);
        if (fetcher == null) {
            throw new IllegalStateException("no fetcher for " + folder);
        }
        try {
            fetcher.download(name, MAX_ARCHIVE_BYTES, tmp, List.of("sha256"), Progress.none());
        } catch (FetchException e) {
            // more than the archive limit is refused like any other oversized content; other failures are the network's
            throw new MarketplaceException(e.kind() == FetchException.Kind.TOO_LARGE ? INTEGRITY : ERROR,
                    "cannot download the archive " + UnsafeCharacters.quote(url) + ": "
                    + e.getMessage(), e);
        }
        // Hashed here again rather than trusting the fetcher's report: this check is what makes the bytes safe to open.
        String actual = Digests.sha256Hex(tmp);
        if (!actual.equals(source.sha256())) {
            throw new MarketplaceException(INTEGRITY, "the archive " + UnsafeCharacters.quote(url) + " has SHA-256 " + actual
                    + " but the marketplace says " + source.sha256() + "; nothing was extracted."
                    + " The file changed after it was listed, or was tampered with; tell the marketplace's maintainer");
        }
        Files.createDirectories(target);
        Extraction extraction = new Extraction(target, url);
        if ("zip".equals(format(url.replaceFirst("[?#].*$", "")))) {
            extractZip(tmp, extraction);
        } else {
            extractTarGz(tmp, extraction);
        }
    }

    /** The checks and counters of one extraction. */
    static final class Extraction {
        private final Path target;
        private final String url;
        private final Set<String> folded = new HashSet<>();
        private int entries;
        private long total;

        Extraction(Path target, String url) {
            this.target = target;
            this.url = url;
        }

        MarketplaceException refused(String name, String why) {
            return new MarketplaceException(INTEGRITY, "the archive " + UnsafeCharacters.quote(url) + " holds the entry "
                    + UnsafeCharacters.quote(name) + ", which " + why + "; refused");
        }

        /** @return where the entry goes, after every check on its name */
        Path place(String name, boolean directory) throws MarketplaceException {
            if (++entries > MAX_ENTRIES) {
                throw new MarketplaceException(INTEGRITY, "the archive " + UnsafeCharacters.quote(url) + " has more than "
                        + MAX_ENTRIES + " entries; refused");
            }
            String path = directory && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0
                    || path.length() > 1 && path.charAt(1) == ':') {
                throw refused(name, "is absolute or uses backslashes");
            }
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw refused(name, "has an empty, '.' or '..' segment");
                }
                if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7F) || segment.endsWith(".") || segment.endsWith(" ")) {
                    throw refused(name, "has a control character or ends with a dot or space");
                }
            }
            String key = Normalizer.normalize(path, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
            if (!folded.add(key + (directory ? "/" : ""))) {
                throw refused(name, "appears twice, or differs from another entry only by case or Unicode form");
            }
            Path file = target.resolve(path).normalize();
            if (!file.startsWith(target) || file.equals(target)) {
                throw refused(name, "would be written outside the plugin folder");
            }
            return file;
        }

        void write(String name, Path file, InputStream in) throws MarketplaceException, IOException {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > MAX_EXTRACTED_BYTES) {
                        throw refused(name, "takes the extracted size past " + MAX_EXTRACTED_BYTES + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
        }
    }

    private static void extractZip(Path archive, Extraction extraction) throws MarketplaceException, IOException {
        Set<String> links = zipLinks(archive);
        try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
            if (zip.size() > MAX_ENTRIES) {
                throw new MarketplaceException(INTEGRITY, "the archive has more than " + MAX_ENTRIES + " entries; refused");
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (links.contains(entry.getName())) {
                    throw extraction.refused(entry.getName(), "is a symbolic link");
                }
                Path file = extraction.place(entry.getName(), entry.isDirectory());
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        extraction.write(entry.getName(), file, in);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new MarketplaceException(INTEGRITY, "the archive is not a readable zip: " + UnsafeCharacters.quote(String.valueOf(e.getMessage())), e);
        }
    }

    /**
     * Reads the central directory for the Unix file type that {@link ZipFile} does not expose, so
     * that link entries are refused rather than written as small text files.
     */
    static Set<String> zipLinks(Path archive) throws MarketplaceException, IOException {
        Set<String> links = new HashSet<>();
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, 22 + 65_535);
            ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(end, size - tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == 0x06054b50) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new MarketplaceException(INTEGRITY, "the archive is not a zip: no end of central directory; refused");
            }
            int count = Short.toUnsignedInt(end.getShort(eocd + 10));
            long cdSize = Integer.toUnsignedLong(end.getInt(eocd + 12));
            long cdOffset = Integer.toUnsignedLong(end.getInt(eocd + 16));
            if (cdOffset + cdSize > size || cdSize > 64L << 20) {
                throw new MarketplaceException(INTEGRITY, "the archive's central directory lies outside the file; refused");
            }
            ByteBuffer cd = ByteBuffer.allocate((int) cdSize).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(cd, cdOffset);
            int at = 0;
            for (int i = 0; i < count; i++) {
                if (at + 46 > cdSize || cd.getInt(at) != 0x02014b50) {
                    throw new MarketplaceException(INTEGRITY, "the archive's central directory is damaged; refused");
                }
                int madeBy = Short.toUnsignedInt(cd.getShort(at + 4)) >> 8;
                int nameLength = Short.toUnsignedInt(cd.getShort(at + 28));
                int extraLength = Short.toUnsignedInt(cd.getShort(at + 30));
                int commentLength = Short.toUnsignedInt(cd.getShort(at + 32));
                long external = Integer.toUnsignedLong(cd.getInt(at + 38));
                if (at + 46 + nameLength > cdSize) {
                    throw new MarketplaceException(INTEGRITY, "the archive's central directory is damaged; refused");
                }
                byte[] name = new byte[nameLength];
                cd.get(at + 46, name);
                int unixType = (int) (external >>> 16) & 0xF000;
                if (madeBy == 3 && unixType == 0xA000) {
                    links.add(new String(name, StandardCharsets.UTF_8));
                }
                at += 46 + nameLength + extraLength + commentLength;
            }
        }
        return links;
    }

    private static void extractTarGz(Path archive, Extraction extraction) throws MarketplaceException, IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 64 * 1024)) {
            new TarReader(in, extraction).extract();
        } catch (java.util.zip.ZipException e) {
            throw new MarketplaceException(INTEGRITY, "the archive is not a readable tar.gz: " + UnsafeCharacters.quote(String.valueOf(e.getMessage())), e);
        }
    }
}
