package dev.warden.manager.host;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How often a sandboxed plugin whose process ended is started again: at most {@value #RESTARTS} times within
 * {@link #WINDOW}, so a plugin that is killed on every call, or crashes on start, stops costing a process start
 * per call. Not thread-safe; the host takes it under its own lock.
 */
final class RestartBudget {

    static final int RESTARTS = 3;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final Deque<Long> taken = new ArrayDeque<>();

    /**
     * @param nowNanos the time now, on {@link System#nanoTime()}'s scale
     * @return true if one more start fits, and it is counted
     */
    boolean take(long nowNanos) {
        while (!taken.isEmpty() && nowNanos - taken.peekFirst() >= WINDOW.toNanos()) {
            taken.removeFirst();
        }
        if (taken.size() >= RESTARTS) {
            return false;
        }
        taken.addLast(nowNanos);
        return true;
    }
}
