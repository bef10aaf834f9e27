package dev.warden.registry.testing;

import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchedBytes;
import dev.warden.registry.fetch.FetchedFile;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Fetcher} over a map of path to bytes, or over a folder, that records every request. A missing
 * path is {@link FetchException.Kind#NOT_FOUND}; more bytes than asked for stop at the cap with
 * {@link FetchException.Kind#TOO_LARGE}, as a real fetcher stops reading.
 */
public final class InMemoryFetcher implements Fetcher {

    /** One call: the path and the byte limit given. */
    public record Request(String path, long maxBytes) {
    }

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, FetchException> failures = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Path folder;

    public InMemoryFetcher() {
        this.folder = null;
    }

    private InMemoryFetcher(Path folder) {
        this.folder = folder;
    }

    /** Serves the files of a folder, read at each request. */
    public static InMemoryFetcher ofFolder(Path folder) {
        return new InMemoryFetcher(folder);
    }

    public void put(String path, byte[] bytes) {
        files.put(path, bytes.clone());
    }

    public void remove(String path) {
        files.remove(path);
    }

    public Optional<byte[]> get(String path) {
        return Optional.ofNullable(content(path)).map(byte[]::clone);
    }

    /** Every later request for {@code path} fails with {@code failure}. */
    public void failWith(String path, FetchException failure) {
        failures.put(path, failure);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<String> requestedPaths() {
        return requests.stream().map(Request::path).toList();
    }

    public synchronized long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    @Override
    public String location() {
        return folder == null ? "memory:/" : folder.toString();
    }

    @Override
    public FetchedBytes fetch(String path, long maxBytes, Optional<String> etag) throws FetchException {
        byte[] bytes = read(path, maxBytes);
        if (bytes.length > maxBytes) {
            throw new FetchException(FetchException.Kind.TOO_LARGE, location() + path + " is larger than " + maxBytes
                    + " bytes");
        }
        return new FetchedBytes(bytes.clone(), Optional.empty(), false);
    }

    @Override
    public FetchedFile download(String path, long maxBytes, Path target, List<String> algorithms, Progress progress)
            throws FetchException {
        byte[] bytes = read(path, maxBytes);
        try {
            if (bytes.length > maxBytes) {
                Files.write(target, Arrays.copyOf(bytes, (int) maxBytes));
                Files.deleteIfExists(target);
                throw new FetchException(FetchException.Kind.TOO_LARGE, location() + path + " is larger than "
                        + maxBytes + " bytes");
            }
            progress.start(path, bytes.length);
            Files.write(target, bytes);
            progress.advance(bytes.length);
            progress.finish();
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.NETWORK, "cannot write " + target, e);
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String algorithm : algorithms) {
            hashes.put(algorithm, HexFormat.of().formatHex(digest(algorithm).digest(bytes)));
        }
        return new FetchedFile(target, bytes.length, hashes);
    }

    private byte[] read(String path, long maxBytes) throws FetchException {
        synchronized (this) {
            requests.add(new Request(path, maxBytes));
        }
        FetchException failure = failures.get(path);
        if (failure != null) {
            throw failure;
        }
        byte[] bytes = content(path);
        if (bytes == null) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, location() + path + " does not exist");
        }
        return bytes;
    }

    private byte[] content(String path) {
        if (folder == null) {
            return files.get(path);
        }
        Path file = folder.resolve(path);
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.replace("sha", "SHA-"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(algorithm, e);
        }
    }
}
