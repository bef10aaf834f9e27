package dev.warden.registry.fetch;

import dev.warden.io.UnsafeCharacters;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a {@link Fetcher} for a marketplace location.
 *
 * @since 0.1
 */
public final class Fetchers {

    /** Compiled on first use, not by {@link #stopAll}, which every command calls at exit. */
    private static final class Patterns {
        // Two letters at least, so that a Windows drive (C:\repo) reads as a path.
        static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");
        static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private Fetchers() {
    }

    /**
     * Opens a location: an http(s) URL (read as a folder whether or not it ends in {@code /}), a
     * {@code file:} URL, or a local folder path. Nothing is fetched yet.
     *
     * @throws FetchException {@link FetchException.Kind#BAD_PATH} for another scheme or a malformed URL,
     *                        {@link FetchException.Kind#NOT_FOUND} for a local folder that does not exist
     */
    public static Fetcher open(String location, FetchSettings settings) throws FetchException {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(settings, "settings");
        String trimmed = location.strip();
        if (trimmed.isEmpty()) {
            throw new FetchException(FetchException.Kind.BAD_PATH, "no marketplace location given; give an"
                    + " https:// URL or a folder");
        }
        Matcher scheme = Patterns.SCHEME.matcher(trimmed);
        if (!scheme.find()) {
            try {
                return LocalFetcher.open(Path.of(trimmed));
            } catch (InvalidPathException e) {
                throw new FetchException(FetchException.Kind.BAD_PATH, "\"" + UnsafeCharacters.escape(trimmed)
                        + "\" is not a valid folder path (" + UnsafeCharacters.escape(e.getReason()) + ")", e);
            }
        }
        switch (scheme.group(1).toLowerCase(Locale.ROOT)) {
            case "http":
            case "https":
                return HttpFetcher.open(trimmed, settings);
            case "file":
                return LocalFetcher.open(fileUrl(trimmed));
            default:
                throw new FetchException(FetchException.Kind.BAD_PATH, "\"" + UnsafeCharacters.escape(trimmed)
                        + "\": Warden reads marketplaces from https://, http://, file: URLs and folders, not "
                        + UnsafeCharacters.escape(scheme.group(1)) + ":" + " URLs");
        }
    }

    /**
     * Whether the location is plain http to a host other than loopback ({@code localhost}, {@code 127.x.x.x},
     * {@code ::1}), so that the caller can warn that the transport is not protected. No name is looked up;
     * false for anything that is not an http URL.
     */
    public static boolean isInsecure(String location) {
        URI uri;
        try {
            uri = new URI(location.strip());
        } catch (URISyntaxException | NullPointerException e) {
            return false;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        String host = uri.getHost();
        return host == null || !isLoopback(host);
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (Patterns.IPV4.matcher(h).matches()) {
            return h.startsWith("127.");
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            String v6 = h.substring(1, h.length() - 1);
            return v6.equals("::1") || v6.matches("(0{1,4}:){7}0{0,3}1") || v6.matches("::ffff:127(\\.\\d{1,3}){3}");
        }
        return false;
    }

    private static Path fileUrl(String location) throws FetchException {
        try {
            return Path.of(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new FetchException(FetchException.Kind.BAD_PATH, "\"" + UnsafeCharacters.escape(location)
                    + "\" is not a usable file: URL (" + UnsafeCharacters.escape(String.valueOf(e.getMessage()))
                    + "); write it as file:///absolute/folder or give the folder path", e);
        }
    }

    /**
     * Stops the HTTP clients of every fetcher opened so far, so that the process exits without
     * waiting for their threads. For the end of a command-line run; fetchers fail afterwards.
     */
    public static void stopAll() {
        HttpClients.stopAll();
    }
}
