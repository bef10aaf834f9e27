package dev.warden.registry.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
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
 * Sends one GET with the JDK's HTTP client (https, or http through a proxy) and watches it until the body
 * is in the sink: no retries, no redirects. The caller's thread checks the timeouts and the rate every few
 * milliseconds and cancels the exchange when one is broken, so a server that drips bytes cannot hold it.
 *
 * @param client   sends the request (it follows no redirects)
 * @param settings the timeouts and the minimum rate
 * @param clock    nanoseconds, as {@link System#nanoTime()}
 */
record HttpExchange(HttpClient client, FetchSettings settings, LongSupplier clock) implements Exchange {

    private static final long TICK_MILLIS = 50;

    /** An exchange on a new client of its own (tracked by {@link HttpClients}), which follows no redirects. */
    static HttpExchange open(FetchSettings settings, LongSupplier clock) {
        HttpClient.Builder client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            client.proxy(proxies);
        }
        return new HttpExchange(HttpClients.track(client.build()), settings, clock);
    }

    @Override
    public Response send(URI uri, Optional<String> etag, long maxBytes, BodySink sink, Deadline deadline)
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
                transfer.fail(ExchangeFailures.announcedTooLarge(uri.toASCIIString(), announced, maxBytes));
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
                    HttpHeaders headers = response.headers();
                    return new Response(uri, response.statusCode(), headers.firstValue("ETag"),
                            headers.firstValue("Location"));
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
            FetchException interrupted = ExchangeFailures.interrupted(uri.toASCIIString(), e);
            transfer.fail(interrupted);
            throw interrupted;
        } finally {
            // Stops the exchange if it is still running (a limit broken before the body began, an interrupt).
            future.cancel(true);
        }
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
            return ExchangeFailures.connectTimeout(url, root);
        }
        if (root instanceof HttpTimeoutException) {
            return new FetchException(FetchException.Kind.TIMEOUT, url + ": no response within the time allowed;"
                    + " the marketplace may be down, try again later", root);
        }
        if (root instanceof ConnectException) {
            return ExchangeFailures.noConnection(url, root);
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return ExchangeFailures.unknownHost(url, root);
        }
        if (root instanceof SSLException) {
            return new FetchException(FetchException.Kind.NETWORK, url + ": the TLS connection failed ("
                    + ExchangeFailures.describe(root) + "); check the address and the server's certificate", root);
        }
        return ExchangeFailures.broken(url, transfer.headersAt() >= 0, transfer.bytes(), root);
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
