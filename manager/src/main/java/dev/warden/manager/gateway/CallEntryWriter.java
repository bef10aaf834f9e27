package dev.warden.manager.gateway;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.StateException;
import dev.warden.manager.host.ToolCallLog;
import dev.warden.manager.lifecycle.Lifecycle;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes the {@code tool.call} entries of external MCP servers' calls on a thread of its own, in the order the calls
 * ended, so that an answer does not wait for its entry to be made durable: three fsyncs, about a millisecond on a
 * disk, as long as a whole call to a server nearby (bench/gateway-latency.sh).
 *
 * <p>An external server runs in a process of its own or on another machine, so it cannot end Warden between an answer
 * and its entry. {@link #close} writes every entry still waiting; the gateway closes it when its client goes away and
 * when the JVM is told to stop ({@link ServedUntilStopped}). Only a kill that gives Warden no chance to act loses the
 * entries of the last calls, the ones still waiting for their fsyncs. At most {@value #WAITING} entries wait: a call that
 * would add another waits for room, so a flood of calls slows to the log's pace instead of filling memory.
 */
final class CallEntryWriter implements AutoCloseable {

    static final int WAITING = 1000;
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final Lifecycle lifecycle;
    private final Consumer<String> report;
    private final ThreadPoolExecutor writer;

    /** @param report where a failure to write the log is told */
    CallEntryWriter(Lifecycle lifecycle, Consumer<String> report) {
        this.lifecycle = lifecycle;
        this.report = report;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(WAITING), job -> {
            Thread thread = new Thread(job, "warden-audit-tool-calls");
            thread.setDaemon(true);
            return thread;
        }, (entry, full) -> waitForRoom(entry, full));
    }

    /**
     * Has the entry of one call written, soon; once closed, at once.
     *
     * @param startedNanos {@link System#nanoTime()} when the call was made
     * @param endedNanos   {@link System#nanoTime()} when it ended
     */
    void record(PluginId plugin, String server, String tool, String outcome, long startedNanos, long endedNanos) {
        Runnable entry = () -> write(plugin, server, tool, outcome, startedNanos, endedNanos);
        try {
            writer.execute(entry);
        } catch (RejectedExecutionException closed) {
            entry.run();
        }
    }

    /** Writes every entry still waiting, for up to {@value #CLOSE_WAIT_SECONDS} s. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                report.accept("warden: " + writer.getQueue().size() + " tool.call entries could not be written to the audit"
                        + " log within " + CLOSE_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitForRoom(Runnable entry, ThreadPoolExecutor full) {
        if (full.isShutdown()) {
            throw new RejectedExecutionException("closed");
        }
        try {
            full.getQueue().put(entry);
            if (full.isShutdown() && full.getQueue().remove(entry)) {
                throw new RejectedExecutionException("closed while waiting for room"); // it may have missed the last drain
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting to record a tool call", e);
        }
    }

    private void write(PluginId plugin, String server, String tool, String outcome, long startedNanos, long endedNanos) {
        try {
            ToolCallLog.record(lifecycle, plugin, tool, Optional.of(server), outcome, startedNanos, endedNanos);
        } catch (StateException e) {
            report.accept("warden: could not write the audit log: " + e.getMessage());
        }
    }
}
