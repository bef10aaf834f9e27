package dev.warden.registry.fetch;

import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * Sends one GET and watches it until the body is in the sink: no retries, no redirects. The caller's
 * thread checks the timeouts and the rate every few milliseconds and cancels the exchange when one is
 * broken, so a server that drips bytes cannot hold it.
 *
 * @param client   sends the request (it follows no redirects)
 * @param settings the timeouts and the minimum rate
 * @param clock    nanoseconds, as {@link System#nanoTime()}
 */
record HttpExchange(HttpClient client, FetchSettings settings, LongSupplier clock) {

    static final String USER_AGENT = "warden/0.1";
    private static final long TICK_MILLIS = 50;

    /** What came back; the body, when the status is 200, is in the sink. */
    record Response(URI uri, int status, HttpHeaders headers) {

        Optional<String> etag() {
            return headers.firstValue("ETag");
        }

        Optional<String> location() {
            return headers.firstValue("Location");
        }
    }

    /**
     * @param etag sent as {@code If-None-Match}
     * @throws FetchException when the exchange fails or breaks a limit; a status is never an exception here
     */
    Response send(URI uri, Optional<String> etag, long maxBytes, BodySink sink, Deadline deadline)
            throws FetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .header("User-Agent", USER_AGENT);
        etag.ifPresent(tag -> request.header("If-None-Match", tag));
        Transfer transfer = new Transfer(clock.getAsLong());
        TransferLimits limits = new TransferLimits(uri, settings, deadline);
        HttpResponse.BodyHandler<Long> handler = info -> {
            transfer.headersArrived(clock.getAsLong());
            if (info.statusCode() != 200) {
                return new SkippedBody(transfer);
            }
            long announced = announcedLength(info.headers());
            if (announced > maxBytes) {
                transfer.fail(new FetchException(FetchException.Kind.TOO_LARGE, uri.toASCIIString()
                        + ": the server announced " + Units.size(announced) + ", more than " + Units.size(maxBytes)
                        + " (the limit for this file); the marketplace may be misconfigured or hostile"));
            }
            return new LimitedBodySubscriber(uri, sink, maxBytes, announced, transfer, clock);
        };
        CompletableFuture<HttpResponse<Long>> future = client.sendAsync(request.build(), handler);
        try {
            while (true) {
                try {
                    HttpResponse<Long> response = future.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
                    Optional<FetchException> failure = transfer.failure();
                    if (failure.isPresent()) {
                        throw failure.get();
                    }
                    return new Response(uri, response.statusCode(), response.headers());
                } catch (TimeoutException e) {
                    Optional<FetchException> broken = limits.check(transfer, clock.getAsLong());
                    if (broken.isPresent()) {
                        transfer.fail(broken.get());
                        throw broken.get();
                    }
                } catch (ExecutionException e) {
                    Optional<FetchException> failure = transfer.failure();
                    if (failure.isPresent()) {
                        throw failure.get();
                    }
                    FetchException translated = translate(uri, e.getCause(), transfer);
                    transfer.fail(translated);
                    throw translated;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            FetchException interrupted = new FetchException(FetchException.Kind.NETWORK,
                    uri.toASCIIString() + ": interrupted while fetching", e);
            transfer.fail(interrupted);
            throw interrupted;
        } finally {
            // Stops the exchange if it is still running (a limit broken before the body began, an interrupt).
            future.cancel(true);
        }
    }

    /** A local write failure, as the caller sees it. */
    static FetchException localFailure(String url, IOException e) {
        return new FetchException(FetchException.Kind.NETWORK, url + ": " + e.getMessage()
                + "; check the free disk space and the permissions of the folder", new SinkFailure(e.getMessage(), e));
    }

    private static long announcedLength(HttpHeaders headers) {
        try {
            return headers.firstValueAsLong("Content-Length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static FetchException translate(URI uri, Throwable cause, Transfer transfer) {
        String url = uri.toASCIIString();
        Throwable root = cause;
        while (root != null && !(root instanceof IOException) && !(root instanceof UnresolvedAddressException)
                && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof HttpConnectTimeoutException) {
            return new FetchException(FetchException.Kind.TIMEOUT, url + ": could not connect within the time allowed;"
                    + " check the address and your network", root);
        }
        if (root instanceof HttpTimeoutException) {
            return new FetchException(FetchException.Kind.TIMEOUT, url + ": no response within the time allowed;"
                    + " the marketplace may be down, try again later", root);
        }
        if (root instanceof ConnectException) {
            return new FetchException(FetchException.Kind.NETWORK, url + ": could not connect ("
                    + describe(root) + "); check the address and your network", root);
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return new FetchException(FetchException.Kind.NETWORK, url + ": unknown host; check the address"
                    + " and your network", root);
        }
        if (root instanceof SSLException) {
            return new FetchException(FetchException.Kind.NETWORK, url + ": the TLS connection failed ("
                    + describe(root) + "); check the address and the server's certificate", root);
        }
        if (transfer.headersAt() >= 0) {
            return new FetchException(FetchException.Kind.TRUNCATED, url + ": the connection ended after "
                    + transfer.bytes() + " bytes of the body (" + describe(root)
                    + "); the server or a proxy cut the transfer short, try again later", root);
        }
        return new FetchException(FetchException.Kind.NETWORK, url + ": the connection failed before a response ("
                + describe(root) + "); check your network and try again", root);
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "no detail";
        }
        String message = error.getMessage();
        return UnsafeCharacters.escape(message == null || message.isBlank() ? error.getClass().getSimpleName() : message);
    }

    /** Takes no body: used for every status but 200, whose body Warden never reads. */
    private static final class SkippedBody implements HttpResponse.BodySubscriber<Long> {

        private final Transfer transfer;
        private final CompletableFuture<Long> body = new CompletableFuture<>();

        SkippedBody(Transfer transfer) {
            this.transfer = transfer;
        }

        @Override
        public CompletionStage<Long> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            transfer.attach(subscription);
            subscription.cancel();
            body.complete(0L);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
            body.complete(0L);
        }

        @Override
        public void onComplete() {
            body.complete(0L);
        }
    }
}
