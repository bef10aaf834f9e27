package dev.warden.catalog.permissions;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.util.Optional;

/**
 * A validated {@code schedule} scope: the cron expression and the maximum run time in seconds (default 5 minutes).
 *
 * @param cron       the five cron fields, as written before {@code ; max=}
 * @param maxSeconds how long one run may take
 * @since 0.1
 */
public record Schedule(String cron, long maxSeconds) {

    private static final long DEFAULT_MAX_SECONDS = 5 * 60;
    private static final String MAX = "; max=";

    /**
     * @param scope a scope that passed the {@code schedule} grammar, as the scope of every {@link Permission} has
     * @return its cron expression and maximum run time
     */
    public static Schedule parse(String scope) {
        int at = scope.indexOf(MAX);
        if (at < 0) {
            return new Schedule(scope, DEFAULT_MAX_SECONDS);
        }
        String duration = scope.substring(at + MAX.length());
        long amount = Long.parseLong(duration.substring(0, duration.length() - 1));
        long unit = switch (duration.charAt(duration.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            default -> 3600;
        };
        return new Schedule(scope.substring(0, at), amount * unit);
    }

    /** @return the schedule of a {@code schedule} permission, or empty for a permission of another kind */
    public static Optional<Schedule> of(Permission permission) {
        return permission.kind() == PermissionKind.SCHEDULE ? Optional.of(parse(permission.scope())) : Optional.empty();
    }

    /** @return the maximum run time as scopes write it: {@code 45s}, {@code 10m}, {@code 2h} */
    public String maxText() {
        return maxSeconds % 3600 == 0 ? maxSeconds / 3600 + "h" : maxSeconds % 60 == 0 ? maxSeconds / 60 + "m" : maxSeconds + "s";
    }

    boolean covers(Schedule other) {
        return cron.equals(other.cron) && other.maxSeconds <= maxSeconds;
    }
}
