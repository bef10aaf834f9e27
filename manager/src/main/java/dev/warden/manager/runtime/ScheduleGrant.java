package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.permissions.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One effective {@code schedule} grant: the scope as granted, its cron expression, and the longest a run may take.
 *
 * @param scope      the scope exactly as granted, e.g. {@code 0 7 * * 1-5; max=10m}; the audit target
 * @param cron       its cron expression
 * @param maxRuntime its {@code max=}, or the default of 5 minutes
 * @param maxText    the same as scopes write it, e.g. {@code 10m}
 */
record ScheduleGrant(String scope, CronExpression cron, Duration maxRuntime, String maxText) {

    /** @return the plugin's effective schedule grants, in order */
    static List<ScheduleGrant> of(List<Permission> effective) {
        List<ScheduleGrant> grants = new ArrayList<>();
        for (Permission permission : effective) {
            Schedule.of(permission).ifPresent(s -> grants.add(
                    new ScheduleGrant(permission.scope(), CronExpression.parse(s.cron()), Duration.ofSeconds(s.maxSeconds()),
                            s.maxText())));
        }
        return List.copyOf(grants);
    }

    /**
     * @param schedule what the plugin passed: a granted scope's full text, or its cron expression alone
     * @return the grant with exactly that scope; else, of the grants with that cron expression, the one
     *         with the shortest maximum run time; empty if none
     */
    static Optional<ScheduleGrant> find(List<ScheduleGrant> grants, String schedule) {
        for (ScheduleGrant grant : grants) {
            if (grant.scope.equals(schedule)) {
                return Optional.of(grant);
            }
        }
        return grants.stream().filter(g -> g.cron.toString().equals(schedule))
                .min(Comparator.comparing(ScheduleGrant::maxRuntime));
    }

    /** @return the cron expression as written, the key a schedule is paused and recorded under */
    String cronText() {
        return cron.toString();
    }
}
