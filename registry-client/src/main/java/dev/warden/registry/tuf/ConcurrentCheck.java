package dev.warden.registry.tuf;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A check that runs on another thread while the caller goes on (hashing a large file while it is parsed); its
 * failure is thrown when the caller {@linkplain #await() waits} for it, so it is reported where it would have
 * been had it run first.
 */
final class ConcurrentCheck {

    /** The check: returns normally or throws. */
    interface Check {
        void run() throws TufException;
    }

    private final FutureTask<Void> task;

    private ConcurrentCheck(FutureTask<Void> task) {
        this.task = task;
    }

    /** @param name names the thread */
    static ConcurrentCheck start(String name, Check check) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            check.run();
            return null;
        });
        beside(name, task);
        return new ConcurrentCheck(task);
    }

    /** Runs {@code task} on a daemon thread of its own named {@code name}: a check never keeps the JVM running. */
    static void beside(String name, FutureTask<?> task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the check; @throws TufException what it threw */
    void await() throws TufException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the check's answer is needed whatever happens
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TufException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException bug) {
                throw bug;
            }
            throw (Error) e.getCause();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
