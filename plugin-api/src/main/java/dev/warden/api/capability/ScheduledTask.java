package dev.warden.api.capability;

/**
 * Work run by the {@link Scheduler}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ScheduledTask {

    /**
     * Runs once per firing, within the declared maximum runtime; Warden stops it when that passes.
     *
     * @throws Exception any failure; Warden records it in the audit log and fires again next time
     */
    void run() throws Exception;
}
