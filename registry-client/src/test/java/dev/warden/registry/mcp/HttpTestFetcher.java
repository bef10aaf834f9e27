package dev.warden.registry.mcp;

import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchedBytes;
import dev.warden.registry.fetch.FetchedFile;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A plain test stand-in for the real fetcher: GET over java.net.http, with the size limit and the status mapping. */
final class HttpTestFetcher implements Fetcher {

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpTestFetcher(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    @Override
    public String location() {
        return base;
    }

    @Override
    public FetchedBytes fetch(String path, long maxBytes, Optional<String> etag) throws FetchException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 404 || status == 410) {
                    throw new FetchException(FetchException.Kind.NOT_FOUND, base + path + " was not found (" + status + ")");
                }
                if (status >= 500) {
                    throw new FetchException(FetchException.Kind.SERVER_ERROR, base + path + " answered " + status);
                }
                if (status != 200) {
                    throw new FetchException(FetchException.Kind.BAD_RESPONSE, base + path + " answered " + status);
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new FetchException(FetchException.Kind.TOO_LARGE, base + path + " is larger than " + maxBytes + " bytes");
                }
                return new FetchedBytes(bytes, Optional.empty(), false);
            }
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.NETWORK, base + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.NETWORK, "interrupted", e);
        }
    }

    @Override
    public FetchedFile download(String path, long maxBytes, Path target, List<String> algorithms, Progress progress) {
        throw new UnsupportedOperationException("the MCP Registry client never downloads files");
    }
}
