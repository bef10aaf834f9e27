package dev.warden.manager.marketplace;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work that runs on a thread of its own while the caller goes on (the metadata of a large marketplace written while
 * its offers are); what it throws is thrown where the caller takes its {@linkplain #result() result}, as if it had
 * run there.
 *
 * @param <T> what it returns
 */
final class Beside<T> {

    /** The work: returns its result, or throws. */
    interface Work<T> {
        T run() throws IOException;
    }

    private final FutureTask<T> task;

    private Beside(FutureTask<T> task) {
        this.task = task;
    }

    /** @param name names the thread, a daemon: work beside never keeps the JVM running */
    static <T> Beside<T> start(String name, Work<T> work) {
        FutureTask<T> task = new FutureTask<>(work::run);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return new Beside<>(task);
    }

    /** Waits until the work has ended, however it ended; an interrupt is kept for the caller to see. */
    void await() {
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
     * @throws IOException what it threw; an unchecked exception or error it threw is rethrown as it was
     */
    T result() throws IOException {
        await();
        try {
            return task.get();
        } catch (InterruptedException e) {
            throw new IllegalStateException("the work has ended, so its result does not wait", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw (Error) cause;
        }
    }
}
