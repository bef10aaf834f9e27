package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.io.UnsafeCharacters;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The cron expression of a {@code schedule} scope, and when it fires next. It reads exactly what the
 * scope grammar accepts, because it asks that grammar first: five fields (minute 0-59, hour 0-23, day
 * of month 1-31, month 1-12, day of week 0-7 with 0 and 7 both Sunday), each a comma list of
 * {@code *}, {@code n}, {@code a-b}, {@code *}{@code /n} or {@code a-b/n}; no names and no {@code @hourly}.
 *
 * <p>Days follow Vixie cron, the cron of most Linux systems: when the day-of-month and the day-of-week
 * fields are both restricted (neither starts with {@code *}), a day matches if either does; otherwise
 * it must match both. Times are wall-clock times in the zone of the instant asked about; a time that a
 * daylight-saving change skips fires that much later (02:30 becomes 03:30), and a time it repeats fires
 * once, at its first occurrence.
 */
final class CronExpression {

    /**
     * The Gregorian calendar repeats itself, weekdays included, every 400 years: what does not fire
     * within them never does. (A leap day on a given weekday can be 40 years apart.)
     */
    private static final int SEARCH_YEARS = 400;

    private final String text;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean eitherDay;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = bits(fields[0], 0, 59);
        this.hours = bits(fields[1], 0, 23);
        this.daysOfMonth = bits(fields[2], 1, 31);
        this.months = bits(fields[3], 1, 12);
        long week = bits(fields[4], 0, 7);
        this.daysOfWeek = (week | week >>> 7) & 0x7f;
        this.eitherDay = !fields[2].startsWith("*") && !fields[4].startsWith("*");
    }

    /**
     * @param cron the five fields of a {@code schedule} scope, without {@code ; max=}
     * @return the expression
     * @throws IllegalArgumentException if the scope grammar refuses it (the message names the field and
     *                                  what to write instead), or it carries a {@code ; max=} part
     */
    static CronExpression parse(String cron) {
        PermissionKind.SCHEDULE.riskOf(cron);
        if (cron.indexOf(';') >= 0) {
            throw new IllegalArgumentException("cron expression " + UnsafeCharacters.quote(cron)
                    + " must be the five fields alone, without '; max='");
        }
        return new CronExpression(cron, cron.split(" "));
    }

    /** A field the grammar accepted, as one bit per value. */
    private static long bits(String field, int min, int max) {
        long set = 0;
        for (String item : field.split(",")) {
            int slash = item.indexOf('/');
            String range = slash < 0 ? item : item.substring(0, slash);
            int step = slash < 0 ? 1 : Integer.parseInt(item.substring(slash + 1));
            int dash = range.indexOf('-');
            int from = range.equals("*") ? min : Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int to = range.equals("*") ? max : dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
            for (int value = from; value <= to; value += step) {
                set |= 1L << value;
            }
        }
        return set;
    }

    private static boolean has(long set, int value) {
        return (set & 1L << value) != 0;
    }

    /** @return whether the expression fires in the minute of this wall-clock time */
    boolean matches(LocalDateTime time) {
        return has(months, time.getMonthValue()) && matchesDay(time.toLocalDate()) && has(hours, time.getHour())
                && has(minutes, time.getMinute());
    }

    private boolean matchesDay(LocalDate date) {
        boolean dayOfMonth = has(daysOfMonth, date.getDayOfMonth());
        boolean dayOfWeek = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
        return eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    /**
     * @param after the instant to look after, in the zone whose wall clock the expression reads
     * @return the first firing strictly after it, at the start of its minute; empty if the expression
     *         never fires (such as 30 February)
     */
    Optional<ZonedDateTime> next(ZonedDateTime after) {
        LocalDateTime time = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime end = time.plusYears(SEARCH_YEARS);
        while (time.isBefore(end)) {
            if (!has(months, time.getMonthValue())) {
                time = time.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!matchesDay(time.toLocalDate())) {
                time = time.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!has(hours, time.getHour())) {
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!has(minutes, time.getMinute())) {
                time = time.plusMinutes(1);
            } else {
                // in a repeated hour the earlier offset: the later one lies before `after` or was fired already
                ZonedDateTime at = ZonedDateTime.ofLocal(time, after.getZone(), null);
                if (at.isAfter(after)) {
                    return Optional.of(at);
                }
                time = time.plusMinutes(1);
            }
        }
        return Optional.empty();
    }

    /** @return the expression as written */
    @Override
    public String toString() {
        return text;
    }
}
