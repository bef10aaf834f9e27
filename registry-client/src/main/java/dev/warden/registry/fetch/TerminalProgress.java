package dev.warden.registry.fetch;

import dev.warden.io.UnsafeCharacters;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Shows a download as a bar redrawn in place ({@code \r}) at most ten times a second on a terminal. On
 * anything else it prints nothing at all, so that the output of scripts stays clean. Thread-safe.
 *
 * @since 0.1
 */
public final class TerminalProgress implements Progress {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;
    private static final int LABEL_WIDTH = 40;

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier clock;
    private String label = "";
    private long total = -1;
    private long done;
    private long lastDraw;
    private int lastLength;
    private boolean active;

    /**
     * @param out      where the bar goes (usually standard error)
     * @param terminal whether {@code out} is an interactive terminal; when false nothing is printed
     */
    public TerminalProgress(PrintWriter out, boolean terminal) {
        this(out, terminal, System::nanoTime);
    }

    TerminalProgress(PrintWriter out, boolean terminal, LongSupplier clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.clock = clock;
    }

    /** Starts a bar, or starts it over when a download restarts. */
    @Override
    public synchronized void start(String label, long totalBytes) {
        this.label = shorten(UnsafeCharacters.escape(label == null ? "" : label));
        this.total = totalBytes;
        this.done = 0;
        this.active = true;
        draw();
    }

    /** Adds bytes; redraws when the last drawing is more than 100 ms old. */
    @Override
    public synchronized void advance(long bytes) {
        if (!active) {
            return;
        }
        done += bytes;
        if (clock.getAsLong() - lastDraw >= REDRAW_NANOS) {
            draw();
        }
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void finish() {
        if (!active) {
            return;
        }
        draw();
        if (terminal) {
            out.print('\n');
            out.flush();
        }
        active = false;
        lastLength = 0;
    }

    private void draw() {
        lastDraw = clock.getAsLong();
        if (!terminal) {
            return;
        }
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            long shown = Math.min(done, total);
            int filled = (int) (shown * BAR_WIDTH / total);
            line.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(shown * 100 / total).append("% ")
                    .append(Units.size(done)).append(" / ").append(Units.size(total));
        } else {
            line.append(Units.size(done));
        }
        int length = line.length();
        if (length < lastLength) {
            line.append(" ".repeat(lastLength - length));
        }
        lastLength = length;
        out.print("\r" + line);
        out.flush();
    }

    private static String shorten(String label) {
        if (label.codePointCount(0, label.length()) <= LABEL_WIDTH) {
            return label;
        }
        return "..." + label.substring(label.offsetByCodePoints(label.length(), -(LABEL_WIDTH - 3)));
    }
}
