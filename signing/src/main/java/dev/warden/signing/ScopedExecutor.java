package dev.warden.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed pool of daemon threads owned by one call: {@link #close} shuts it down and returns only once
 * every thread it started has ended, so no check leaves a thread behind, whatever way it ends.
 */
final class ScopedExecutor implements AutoCloseable {

    /** Every thread of every scoped executor is named {@code warden-bundle-…}. */
    static final String THREAD_PREFIX = "warden-bundle-";

    private final ExecutorService pool;
    private final List<Thread> started = new ArrayList<>();

    /**
     * @param threads most threads running at once; they start only when tasks need them
     * @param role the thread name's suffix, for stack dumps (e.g. {@code check}, {@code sync})
     */
    ScopedExecutor(int threads, String role) {
        if (threads < 1) {
            throw new IllegalArgumentException("a scoped executor needs at least one thread, not " + threads);
        }
        pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + role);
            thread.setDaemon(true);
            synchronized (started) {
                started.add(thread);
            }
            return thread;
        });
    }

    <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    Future<?> submit(Runnable task) {
        return pool.submit(task);
    }

    /**
     * Interrupts running tasks and waits, without giving up on interruption, until every thread has
     * ended; an interrupt received meanwhile is kept for the caller.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        List<Thread> threads;
        synchronized (started) {
            threads = new ArrayList<>(started);
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
