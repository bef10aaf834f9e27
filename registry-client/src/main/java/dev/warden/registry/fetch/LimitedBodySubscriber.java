package dev.warden.registry.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongSupplier;

/**
 * Streams a response body into a sink, one buffer list at a time, refusing it once it passes the size cap
 * and when it ends short of its announced length. Completes with the number of bytes written.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<Long> {

    private final String url;
    private final BodySink sink;
    private final long maxBytes;
    private final long announced;
    private final Transfer transfer;
    private final LongSupplier clock;
    private final CompletableFuture<Long> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long count;

    /** @param announced the Content-Length, or -1 */
    LimitedBodySubscriber(URI uri, BodySink sink, long maxBytes, long announced, Transfer transfer, LongSupplier clock) {
        this.url = uri.toASCIIString();
        this.sink = sink;
        this.maxBytes = maxBytes;
        this.announced = announced;
        this.transfer = transfer;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Long> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (!transfer.attach(s)) {
            body.completeExceptionally(transfer.failure().orElseThrow());
            return;
        }
        synchronized (transfer) {
            // Checked under the lock: once the caller has seen a failure it may delete the sink's file,
            // which a late begin must not recreate.
            if (transfer.failed()) {
                return;
            }
            try {
                sink.begin(announced);
            } catch (IOException e) {
                fail(ExchangeFailures.localFailure(url, e));
                return;
            }
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        synchronized (transfer) {
            if (transfer.failed()) {
                return;
            }
            long n = 0;
            for (ByteBuffer buffer : item) {
                n += buffer.remaining();
            }
            if (count + n > maxBytes) {
                fail(ExchangeFailures.sentTooMuch(url, maxBytes));
                return;
            }
            try {
                for (ByteBuffer buffer : item) {
                    sink.write(buffer);
                }
            } catch (IOException e) {
                fail(ExchangeFailures.localFailure(url, e));
                return;
            }
            count += n;
            transfer.received(n, clock.getAsLong());
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        if (announced >= 0 && count < announced) {
            fail(ExchangeFailures.endedShort(url, count, announced));
            return;
        }
        body.complete(count);
    }

    private void fail(FetchException failure) {
        transfer.fail(failure);
        body.completeExceptionally(failure);
    }
}
