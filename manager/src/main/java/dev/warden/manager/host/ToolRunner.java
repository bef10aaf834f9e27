package dev.warden.manager.host;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs plugin code (start, stop, tool calls) on host threads. Work that overruns its time limit is
 * abandoned: its thread is interrupted and no longer waited for, and the caller gets a
 * {@link TimeoutException} at once. The threads are daemons, so an abandoned call never keeps Warden
 * from exiting.
 */
final class ToolRunner implements AutoCloseable {

    private final ExecutorService threads;

    ToolRunner() {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "warden-plugin-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts {@code work} on a host thread and returns at once; the result completes with what the work
     * returned or threw. Whoever completes the result first (a time limit) abandons the work: its thread is
     * interrupted. The caller's thread is never held.
     */
    <T> CompletableFuture<T> start(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Future<?> task = threads.submit(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((value, error) -> {
            if (error instanceof TimeoutException || error instanceof CancellationException) {
                task.cancel(true); // abandoned: the work is interrupted, not waited for
            }
        });
        return result;
    }

    /**
     * @return what {@code work} returned
     * @throws TimeoutException     if it did not finish within {@code limit}; it was abandoned
     * @throws ExecutionException   holding whatever {@code work} threw
     * @throws InterruptedException if the waiting thread was interrupted; the work was abandoned
     */
    <T> T run(Callable<T> work, Duration limit) throws TimeoutException, ExecutionException, InterruptedException {
        return await(submit(work), limit);
    }

    /** Starts {@code work} on a host thread; {@link #await} collects it. */
    <T> Future<T> submit(Callable<T> work) {
        return threads.submit(work);
    }

    /**
     * Waits for work started with {@link #submit}, abandoning it if it is not done within {@code limit}.
     *
     * @throws TimeoutException     if it did not finish in time; it was abandoned
     * @throws ExecutionException   holding whatever the work threw
     * @throws InterruptedException if the waiting thread was interrupted; the work was abandoned
     */
    <T> T await(Future<T> result, Duration limit) throws TimeoutException, ExecutionException, InterruptedException {
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            result.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
