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
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

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
        ZipFile opened;
        try {
            opened = ZipFile.builder().setPath(archive).setCharset(StandardCharsets.UTF_8).get();
        } catch (IOException e) {
            throw new MarketplaceException(INTEGRITY, "the archive is not a readable zip: " + UnsafeCharacters.quote(String.valueOf(e.getMessage())), e);
        }
        try (ZipFile zip = opened) {
            int count = 0;
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                if (++count > MAX_ENTRIES) {
                    throw new MarketplaceException(INTEGRITY, "the archive has more than " + MAX_ENTRIES + " entries; refused");
                }
                if (entry.isUnixSymlink()) {
                    throw extraction.refused(entry.getName(), "is a symbolic link");
                }
                Path file = extraction.place(entry.getName(), entry.isDirectory());
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    if (!zip.canReadEntryData(entry)) {
                        throw extraction.refused(entry.getName(), "uses a compression method or encryption Warden does not read");
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        extraction.write(entry.getName(), file, in);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new MarketplaceException(INTEGRITY, "the archive is not a readable zip: " + UnsafeCharacters.quote(String.valueOf(e.getMessage())), e);
        }
    }

    private static void extractTarGz(Path archive, Extraction extraction) throws MarketplaceException, IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 64 * 1024)) {
            new TarReader(in, extraction).extract();
        } catch (java.util.zip.ZipException e) {
            throw new MarketplaceException(INTEGRITY, "the archive is not a readable tar.gz: " + UnsafeCharacters.quote(String.valueOf(e.getMessage())), e);
        }
    }
}
