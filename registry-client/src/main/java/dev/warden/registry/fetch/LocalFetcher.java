package dev.warden.registry.fetch;

import dev.warden.io.RealPaths;
import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads marketplace files from a local folder with the same path checks and size caps as over http; a
 * link that leads outside the folder is refused. ETags are ignored: the content is always returned.
 */
final class LocalFetcher extends SinkFetcher {

    private static final int CHUNK = 64 * 1024;

    private final Path base;

    private LocalFetcher(Path realBase) {
        this.base = realBase;
    }

    /** @throws FetchException NOT_FOUND when the folder does not exist, BAD_PATH when it is not a folder */
    static LocalFetcher open(Path folder) throws FetchException {
        Path real;
        try {
            real = folder.toAbsolutePath().toRealPath();
        } catch (NoSuchFileException e) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, folder + ": no such folder; check the"
                    + " marketplace location", e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.NETWORK, folder + ": cannot be read (" + e.getMessage()
                    + "); check its permissions", e);
        }
        if (!Files.isDirectory(real)) {
            throw new FetchException(FetchException.Kind.BAD_PATH, folder + ": not a folder; a local marketplace"
                    + " is the folder that holds its metadata");
        }
        return new LocalFetcher(real);
    }

    @Override
    public String location() {
        return base.toString();
    }

    /** Copies the file into the sink; ETags are ignored, so the content always comes back. */
    @Override
    Received receive(String path, Optional<String> etag, long maxBytes, BodySink sink) throws FetchException {
        return new Received(copy(path, maxBytes, sink).toString(), Optional.empty(), false);
    }

    /** Copies the file into the sink, counting against the cap (the file may grow while it is read). */
    private Path copy(String path, long maxBytes, BodySink sink) throws FetchException {
        Path file = resolve(path);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(file, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                sink.begin(size);
                byte[] buffer = new byte[CHUNK];
                long count = 0;
                for (int n; (n = in.read(buffer)) != -1; ) {
                    count += n;
                    if (count > maxBytes) {
                        throw tooLarge(file, maxBytes);
                    }
                    sink.write(ByteBuffer.wrap(buffer, 0, n));
                }
            }
            return file;
        } catch (SinkFailure e) {
            throw ExchangeFailures.localFailure(file.toString(), e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.NETWORK, file + ": cannot be read (" + e.getMessage()
                    + "); check its permissions", e);
        }
    }

    /** The real path of a file under the base; refuses paths and links that leave it. */
    Path resolve(String path) throws FetchException {
        FetchPaths.check(location(), path);
        Path candidate = base.resolve(path).normalize();
        if (!RealPaths.isInside(candidate, base)) {
            throw badPath(path, "it leaves the folder");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, candidate + ": no such file; check the"
                    + " marketplace location, or the marketplace is missing this file", e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.NETWORK, candidate + ": cannot be read ("
                    + e.getMessage() + "); check its permissions", e);
        }
        if (!RealPaths.isInside(real, base)) {
            throw badPath(path, "a link leads outside the folder");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, candidate + ": not a regular file; the"
                    + " marketplace is misconfigured");
        }
        return real;
    }

    private FetchException badPath(String path, String why) {
        return new FetchException(FetchException.Kind.BAD_PATH, location() + ": refused the path \""
                + UnsafeCharacters.escape(path) + "\" (" + why + "); a marketplace path must stay inside the marketplace");
    }

    private static FetchException tooLarge(Path file, long maxBytes) {
        return new FetchException(FetchException.Kind.TOO_LARGE, file + ": larger than " + Units.size(maxBytes)
                + " (the limit for this file); the marketplace may be misconfigured or hostile");
    }
}
