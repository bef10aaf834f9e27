package dev.warden.registry.fetch;

import java.time.Duration;

/**
 * Repeats an attempt that failed for a reason that may pass (a 5xx, a reset or dropped connection, a
 * timeout), waiting twice as long before each retry, within the file's deadline. Anything else — a 4xx,
 * a file too large, too slow, a local write error — fails at once.
 *
 * @param retries how many times a failed attempt is repeated
 * @param backoff the wait before the first retry
 * @param sleeper how it waits
 */
record Retrier(int retries, Duration backoff, Sleeper sleeper) {

    /** One try. */
    interface Attempt<T> {
        T run() throws FetchException;
    }

    /** Waits; a seam for tests. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static Retrier of(FetchSettings settings) {
        return new Retrier(settings.retries(), settings.backoff(), duration -> Thread.sleep(duration.toMillis()));
    }

    <T> T call(Attempt<T> attempt, Deadline deadline) throws FetchException {
        Duration wait = backoff;
        for (int tried = 1; ; tried++) {
            try {
                return attempt.run();
            } catch (FetchException e) {
                if (!isTransient(e) || tried > retries) {
                    throw tried == 1 ? e : afterTries(e, tried);
                }
                if (deadline.remainingNanos() <= wait.toNanos()) {
                    throw afterTries(e, tried);
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(interrupted);
                    throw e;
                }
                wait = wait.multipliedBy(2);
            }
        }
    }

    /** Whether trying again may help. */
    static boolean isTransient(FetchException e) {
        switch (e.kind()) {
            case SERVER_ERROR:
            case TIMEOUT:
            case TRUNCATED:
                return true;
            case NETWORK:
                return !(e.getCause() instanceof SinkFailure) && !Thread.currentThread().isInterrupted();
            default:
                return false;
        }
    }

    private static FetchException afterTries(FetchException last, int tried) {
        return new FetchException(last.kind(), last.getMessage() + " (tried " + tried + " times)", last);
    }
}
