package dev.warden.catalog.permissions;

/** A validated {@code schedule} scope: the cron expression and the maximum run time in seconds (default 5 minutes). */
record Schedule(String cron, long maxSeconds) {

    private static final long DEFAULT_MAX_SECONDS = 5 * 60;
    private static final String MAX = "; max=";

    static Schedule parse(String scope) {
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

    boolean covers(Schedule other) {
        return cron.equals(other.cron) && other.maxSeconds <= maxSeconds;
    }
}
