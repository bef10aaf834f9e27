package dev.warden.registry.fetch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fetcher that streams each file into a sink: memory for {@link #fetch}, a hashed file for
 * {@link #download}. Subclasses only say how the bytes of one path reach the sink.
 */
abstract class SinkFetcher implements Fetcher {

    /** What one transfer read: where from (for messages), the validator sent back, and whether it was unchanged. */
    record Received(String source, Optional<String> etag, boolean notModified) {
    }

    /**
     * Streams the file at {@code path} into the sink, refusing more than {@code maxBytes}.
     *
     * @param etag a validator that lets the source answer "not modified" instead of sending the bytes
     */
    abstract Received receive(String path, Optional<String> etag, long maxBytes, BodySink sink)
            throws FetchException;

    @Override
    public final FetchedBytes fetch(String path, long maxBytes, Optional<String> etag) throws FetchException {
        checkLimit(maxBytes);
        Objects.requireNonNull(etag, "etag");
        MemorySink sink = new MemorySink();
        Received received = receive(path, etag, Math.min(maxBytes, MemorySink.MAX_BYTES), sink);
        if (received.notModified()) {
            return new FetchedBytes(new byte[0], received.etag().or(() -> etag), true);
        }
        return new FetchedBytes(sink.toByteArray(), received.etag(), false);
    }

    @Override
    public final FetchedFile download(String path, long maxBytes, Path target, List<String> algorithms,
            Progress progress) throws FetchException {
        checkLimit(maxBytes);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        FileSink sink = new FileSink(target, algorithms, progress, path);
        try {
            Received received = receive(path, Optional.empty(), maxBytes, sink);
            try {
                sink.close();
            } catch (IOException e) {
                throw ExchangeFailures.localFailure(received.source(), e);
            }
            return new FetchedFile(target, sink.length(), sink.hashes());
        } catch (FetchException | RuntimeException e) {
            sink.discard(e);
            throw e;
        }
    }

    private static void checkLimit(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
    }
}
