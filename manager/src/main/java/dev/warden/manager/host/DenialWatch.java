package dev.warden.manager.host;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts one plugin's denied capability uses in a sliding window (THREATS: repeated denials quarantine
 * the plugin). A plugin probing for what it may reach trips it; an honest plugin that hits one missing
 * grant now and then does not.
 */
final class DenialWatch {

    /** The default: 20 denials within one minute. */
    static final int DEFAULT_LIMIT = 20;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final Duration window;
    private final Deque<Instant> recent = new ArrayDeque<>();

    DenialWatch(int limit, Duration window) {
        if (limit < 1) {
            throw new IllegalArgumentException("the denial limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.window = window;
    }

    /** @return true when this denial brings the count within the window to the limit */
    synchronized boolean deniedAt(Instant now) {
        recent.addLast(now);
        Instant since = now.minus(window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(since)) {
            recent.removeFirst();
        }
        return recent.size() >= limit;
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }
}
