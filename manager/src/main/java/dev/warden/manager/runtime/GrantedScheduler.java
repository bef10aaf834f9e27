package dev.warden.manager.runtime;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.Scheduler;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Scheduler} capability of one plugin: tasks only for its effective {@code schedule} grants,
 * run by the host's {@link PluginScheduler}, each registration audited.
 *
 * <p>A plugin names a schedule by a granted scope's full text ({@code 0 7 * * 1-5; max=10m}) or by its
 * cron expression alone ({@code 0 7 * * 1-5}); either way the maximum run time is the grant's, never
 * the plugin's. When two grants share a cron expression, the cron alone means the one with the
 * shorter maximum. Registering again for the same cron expression replaces the task.
 */
public final class GrantedScheduler implements Scheduler {

    private final PluginId plugin;
    private final List<ScheduleGrant> grants;
    private final CapabilityAudit audit;
    private final PluginScheduler scheduler;

    /**
     * @param plugin    the plugin this capability belongs to, as the host knows it
     * @param effective the plugin's effective grants; kinds other than {@code schedule} are ignored
     * @param audit     where every registration, firing and failure of its tasks is reported
     * @param scheduler the host's scheduler
     */
    public GrantedScheduler(PluginId plugin, List<Permission> effective, CapabilityAudit audit, PluginScheduler scheduler) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.grants = ScheduleGrant.of(Objects.requireNonNull(effective, "effective"));
        this.audit = Objects.requireNonNull(audit, "audit");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public void register(String schedule, Scheduler.Task task) {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(task, "task");
        Optional<ScheduleGrant> grant = ScheduleGrant.find(grants, schedule);
        if (grant.isEmpty()) {
            String shown = PluginInput.shown(schedule);
            audit.record(PermissionKind.SCHEDULE, shown, false, "register: no schedule grant has this cron expression");
            throw new PermissionDeniedException(PermissionKind.SCHEDULE.id(), shown);
        }
        audit.record(PermissionKind.SCHEDULE, grant.get().scope(), true, "register");
        scheduler.register(plugin, grant.get(), task, audit);
    }

    @Override
    public boolean cancel(String schedule) {
        Objects.requireNonNull(schedule, "schedule");
        Optional<ScheduleGrant> grant = ScheduleGrant.find(grants, schedule);
        if (grant.isEmpty()) {
            return false;
        }
        audit.record(PermissionKind.SCHEDULE, grant.get().scope(), true, "cancel");
        return scheduler.cancel(plugin, grant.get().cronText());
    }
}
