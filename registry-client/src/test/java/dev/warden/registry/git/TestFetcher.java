package dev.warden.registry.git;

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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Serves files from memory under one folder URL; records every download it is asked for. */
final class TestFetcher implements Fetcher {

    final String location;
    final Map<String, byte[]> files = new HashMap<>();
    int downloads;

    TestFetcher(String location) {
        this.location = location;
    }

    TestFetcher serve(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public FetchedBytes fetch(String path, long maxBytes, Optional<String> etag) throws FetchException {
        byte[] content = files.get(path);
        if (content == null) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, location + path + " not found");
        }
        return new FetchedBytes(content, Optional.empty(), false);
    }

    @Override
    public FetchedFile download(String path, long maxBytes, Path target, List<String> algorithms, Progress progress)
            throws FetchException {
        downloads++;
        byte[] content = fetch(path, maxBytes, Optional.empty()).bytes();
        if (content.length > maxBytes) {
            throw new FetchException(FetchException.Kind.TOO_LARGE, location + path + " is too large");
        }
        try {
            Files.write(target, content);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return new FetchedFile(target, content.length, Map.of("sha256", sha));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new FetchException(FetchException.Kind.NETWORK, e.getMessage(), e);
        }
    }
}
