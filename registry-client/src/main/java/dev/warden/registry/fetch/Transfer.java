package dev.warden.registry.fetch;

import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live state of one request: written as the response arrives (by the JDK client's threads, or by the
 * caller's own reads on a plain socket), read by the caller that watches the limits. The first failure recorded wins and cancels the body, which closes
 * the connection; nothing is written to the sink after that.
 */
final class Transfer {

    private final long startedAt;
    private volatile long headersAt = -1;
    private volatile long lastActivity;
    private final AtomicLong bytes = new AtomicLong();
    private FetchException failure;
    private Flow.Subscription subscription;

    Transfer(long startedAt) {
        this.startedAt = startedAt;
        this.lastActivity = startedAt;
    }

    long startedAt() {
        return startedAt;
    }

    /** When the headers arrived, or -1 while waiting for them. */
    long headersAt() {
        return headersAt;
    }

    long lastActivity() {
        return lastActivity;
    }

    long bytes() {
        return bytes.get();
    }

    void headersArrived(long now) {
        lastActivity = now;
        headersAt = now;
    }

    /** Bytes of any kind arrived (a line of the head or of the chunk framing): the server is not silent. */
    void active(long now) {
        lastActivity = now;
    }

    void received(long count, long now) {
        bytes.addAndGet(count);
        lastActivity = now;
    }

    /** Registers the body's subscription; false (and cancelled) if the transfer already failed. */
    synchronized boolean attach(Flow.Subscription body) {
        if (failure != null) {
            body.cancel();
            return false;
        }
        subscription = body;
        return true;
    }

    /** Records the failure, unless one is already recorded, and stops the body. */
    synchronized void fail(FetchException cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    synchronized boolean failed() {
        return failure != null;
    }

    synchronized Optional<FetchException> failure() {
        return Optional.ofNullable(failure);
    }
}
