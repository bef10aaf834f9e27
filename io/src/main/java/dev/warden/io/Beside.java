package dev.warden.io;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work that runs on a daemon thread of its own while the caller goes on (a large file hashed while it is parsed, a
 * marketplace's metadata written while its offers are); what it throws is thrown where the caller takes its
 * {@linkplain #result() result}, so a failure is reported where it would have been had the work run first. Waiting
 * is never cut short by an interrupt, which is kept for the caller to see: the work's answer is needed, and it must
 * not be left writing into a folder the caller is about to abandon.
 *
 * @param <T> what the work returns
 * @param <X> the checked exception it may throw
 */
public final class Beside<T, X extends Exception> {

    /** The work: returns its result, or throws. */
    public interface Work<T, X extends Exception> {
        T run() throws X;
    }

    private final FutureTask<T> task;

    private Beside(FutureTask<T> task) {
        this.task = task;
    }

    /** @param name names the thread, a daemon: work beside never keeps the JVM running */
    public static <T, X extends Exception> Beside<T, X> start(String name, Work<T, X> work) {
        FutureTask<T> task = new FutureTask<>(work::run);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return new Beside<>(task);
    }

    /** Waits until the work has ended, however it ended. */
    public void await() {
        boolean interrupted = false;
        while (!task.isDone()) {
            try {
                task.get();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break; // reported by result()
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the work and returns its result.
     *
     * @throws X what it threw; an unchecked exception or error it threw is rethrown as it was
     */
    @SuppressWarnings("unchecked") // Work.run throws only X or unchecked throwables
    public T result() throws X {
        await();
        try {
            return task.get();
        } catch (InterruptedException e) {
            throw new IllegalStateException("the work has ended, so its result does not wait", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw (X) cause;
        }
    }
}
