package dev.warden.api.capability;

import dev.warden.api.Api;

/**
 * Runs work on the schedules declared with {@code schedule}. Jobs run only while the gateway
 * serves and the plugin is enabled; a missed firing is not made up.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface Scheduler {

    /**
     * Registers the task for a declared schedule, replacing any task registered for it before.
     *
     * @param schedule the schedule exactly as declared, e.g. {@code 0 7 * * 1-5; max=10m}
     * @param task     the work to run
     * @throws dev.warden.api.PermissionDeniedException if that schedule is not granted
     */
    void register(String schedule, Task task);

    /**
     * @param schedule a schedule as declared
     * @return true if a task was registered for it and is now removed, false if there was none
     */
    boolean cancel(String schedule);

    /** Work run on a schedule. */
    @FunctionalInterface
    interface Task {

        /**
         * Runs once per firing, within the declared maximum runtime; Warden stops it when that passes.
         *
         * @throws Exception any failure; Warden records it in the audit log and fires again next time
         */
        void run() throws Exception;
    }
}
