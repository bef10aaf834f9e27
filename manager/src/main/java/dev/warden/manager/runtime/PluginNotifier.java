package dev.warden.manager.runtime;

import dev.warden.api.capability.Notifier;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.UnsafeCharacters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link Notifier} capability: one plugin's messages to the person, each delivered to the sink
 * as one line that starts with {@code [publisher/name]}, so a plugin can neither pass for Warden nor
 * for another plugin. Line breaks become spaces; control, ANSI, bidi and invisible characters become
 * visible {@code \}{@code u202E} escapes ({@link UnsafeCharacters#escape(String)}); a line is cut at {@value #MAX_CHARS} characters.
 *
 * <p>At most {@value #MAX_PER_MINUTE} messages are delivered in any minute; the rest are dropped and
 * counted ({@link #dropped()}), and the first one dropped in a burst makes Warden say so, once, in a
 * line of its own. Messages need no permission and are not audited: the audit speaks of permissions,
 * and a chatty plugin is seen on the screen and in the drop count, which the broker may act on.
 *
 * <p>Thread-safe.
 */
final class PluginNotifier implements Notifier {

    static final int MAX_CHARS = 500;
    static final int MAX_PER_MINUTE = 10;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final PluginId plugin;
    private final Consumer<String> sink;
    private final Clock clock;
    private final Deque<Instant> delivered = new ArrayDeque<>();
    private long dropped;
    private boolean dropping;

    /**
     * @param plugin the plugin that speaks, named at the start of each line
     * @param sink   where lines go, e.g. the terminal's standard error; called under this notifier's lock
     * @param clock  the time, for the rate limit
     */
    PluginNotifier(PluginId plugin, Consumer<String> sink, Clock clock) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void tell(String message) {
        deliver("", message);
    }

    @Override
    public void warn(String message) {
        deliver("warning: ", message);
    }

    /** @return how many messages were dropped for coming too fast since this notifier was made */
    synchronized long dropped() {
        return dropped;
    }

    private synchronized void deliver(String label, String message) {
        Objects.requireNonNull(message, "message");
        Instant now = clock.instant();
        while (!delivered.isEmpty() && !delivered.peekFirst().isAfter(now.minus(WINDOW))) {
            delivered.removeFirst();
        }
        if (delivered.size() >= MAX_PER_MINUTE) {
            dropped++;
            if (!dropping) {
                dropping = true;
                sink.accept("warden: " + plugin + " sends more than " + MAX_PER_MINUTE
                        + " messages a minute; its next ones are dropped until it slows down");
            }
            return;
        }
        dropping = false;
        delivered.addLast(now);
        sink.accept("[" + plugin + "] " + label + oneLine(message));
    }

    private static String oneLine(String message) {
        String flat = message.replaceAll("[\\r\\n\\t\\u2028\\u2029\\u0085\\u000B\\u000C]+", " ");
        String safe = UnsafeCharacters.escapeMultiline(flat);
        if (safe.length() <= MAX_CHARS) {
            return safe;
        }
        int end = Character.isHighSurrogate(safe.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return safe.substring(0, end) + "…";
    }
}
