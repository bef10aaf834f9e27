package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.PermissionKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cron of schedule scopes: its grammar is the scope grammar, and next() is the first matching minute after. */
class CronExpressionTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static ZonedDateTime utc(String time) {
        return LocalDateTime.parse(time).atZone(ZoneOffset.UTC);
    }

    private static String next(String cron, String after) {
        return CronExpression.parse(cron).next(utc(after)).map(t -> t.toLocalDateTime().toString()).orElse("never");
    }

    /** The firings after {@code after}, one after another. */
    private static List<String> firings(String cron, ZonedDateTime after, int count) {
        CronExpression expression = CronExpression.parse(cron);
        List<String> out = new ArrayList<>();
        ZonedDateTime at = after;
        for (int i = 0; i < count; i++) {
            at = expression.next(at).orElseThrow();
            out.add(at.toOffsetDateTime().toString());
        }
        return out;
    }

    @Test
    void firesAtTheNextMatchingMinuteStrictlyAfterTheInstant() {
        assertThat(next("*/15 * * * *", "2024-05-06T10:07:00")).isEqualTo("2024-05-06T10:15");
        assertThat(next("*/15 * * * *", "2024-05-06T10:15:00")).isEqualTo("2024-05-06T10:30");
        assertThat(next("0 7 * * *", "2024-05-06T06:59:30")).isEqualTo("2024-05-06T07:00");
        assertThat(next("0 7 * * *", "2024-05-06T07:00:00.001")).isEqualTo("2024-05-07T07:00");
        assertThat(next("10-30/10 * * * *", "2024-05-06T10:20:00")).isEqualTo("2024-05-06T10:30");
        assertThat(next("5,35 */6 * * *", "2024-05-06T06:36:00")).isEqualTo("2024-05-06T12:05");
    }

    @Test
    void skipsTheWeekendForAWeekdaySchedule() {
        // 2024-05-10 is a Friday
        assertThat(next("0 7 * * 1-5", "2024-05-10T08:00:00")).isEqualTo("2024-05-13T07:00");
    }

    @Test
    void crossesTheEndOfTheYear() {
        assertThat(next("0 0 1 1 *", "2024-12-31T23:59:00")).isEqualTo("2025-01-01T00:00");
        assertThat(next("59 23 31 12 *", "2024-12-31T23:59:00")).isEqualTo("2025-12-31T23:59");
    }

    @Test
    void findsTheNextLeapDayAndSkipsMonthsWithoutTheDay() {
        assertThat(next("0 0 29 2 *", "2023-03-01T00:00:00")).isEqualTo("2024-02-29T00:00");
        assertThat(next("0 0 29 2 *", "2096-03-01T00:00:00")).as("2100 is not a leap year").isEqualTo("2104-02-29T00:00");
        assertThat(next("0 0 31 * *", "2024-04-01T00:00:00")).isEqualTo("2024-05-31T00:00");
    }

    @Test
    void findsALeapDayOnAGivenWeekdayDecadesAhead() {
        // 29 February on a Sunday (*/7 is 0 and 7): 2004, then 2032
        assertThat(next("0 0 29 2 */7", "2004-03-01T00:00:00")).isEqualTo("2032-02-29T00:00");
    }

    @Test
    void aDateThatNeverComesNeverFires() {
        assertThat(next("0 0 30 2 *", "2024-01-01T00:00:00")).isEqualTo("never");
        assertThat(next("0 0 31 4,6,9,11 *", "2024-01-01T00:00:00")).isEqualTo("never");
    }

    @Test
    void sevenAndZeroAreBothSunday() {
        // 2024-05-12 is a Sunday
        assertThat(next("0 12 * * 7", "2024-05-06T00:00:00")).isEqualTo("2024-05-12T12:00");
        assertThat(next("0 12 * * 0", "2024-05-06T00:00:00")).isEqualTo("2024-05-12T12:00");
        assertThat(next("0 12 * * 5-7", "2024-05-11T13:00:00")).isEqualTo("2024-05-12T12:00");
    }

    @Test
    void aDayMatchesEitherDayFieldWhenBothAreRestricted() {
        // the 13th or any Monday: 2024-09-02 and 09-09 are Mondays, 09-13 a Friday
        assertThat(firings("0 0 13 * 1", utc("2024-09-01T00:00:00"), 4)).containsExactly(
                "2024-09-02T00:00Z", "2024-09-09T00:00Z", "2024-09-13T00:00Z", "2024-09-16T00:00Z");
    }

    @Test
    void aDayMustMatchBothDayFieldsWhenOneStartsWithAStar() {
        // odd days that are Mondays, as Vixie cron reads */2: 2024-09-09 and 09-23 are odd Mondays, 09-02 and 09-16 even
        assertThat(firings("0 0 */2 * 1", utc("2024-09-01T00:00:00"), 2)).containsExactly(
                "2024-09-09T00:00Z", "2024-09-23T00:00Z");
        assertThat(firings("0 0 * * 1", utc("2024-09-01T00:00:00"), 2)).containsExactly(
                "2024-09-02T00:00Z", "2024-09-09T00:00Z");
    }

    @Test
    void aTimeThatSpringForwardSkipsFiresAnHourLaterOnce() {
        ZonedDateTime before = LocalDateTime.parse("2024-03-10T00:00").atZone(NEW_YORK);
        assertThat(firings("30 2 * * *", before, 2)).containsExactly("2024-03-10T03:30-04:00", "2024-03-11T02:30-04:00");
        assertThat(firings("*/30 2-3 * * *", before, 3)).containsExactly(
                "2024-03-10T03:00-04:00", "2024-03-10T03:30-04:00", "2024-03-11T02:00-04:00");
    }

    @Test
    void aTimeThatFallBackRepeatsFiresOnceAtItsFirstOccurrence() {
        ZonedDateTime before = LocalDateTime.parse("2024-11-03T00:00").atZone(NEW_YORK);
        assertThat(firings("30 1 * * *", before, 2)).containsExactly("2024-11-03T01:30-04:00", "2024-11-04T01:30-05:00");
        ZonedDateTime inTheRepeat = ZonedDateTime.ofStrict(LocalDateTime.parse("2024-11-03T01:10"), ZoneOffset.ofHours(-5), NEW_YORK);
        assertThat(CronExpression.parse("30 1 * * *").next(inTheRepeat).orElseThrow().toOffsetDateTime())
                .hasToString("2024-11-04T01:30-05:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@hourly", "@daily", "0 7 * * MON", "0 7 * JAN *", "60 * * * *", "0 24 * * *", "0 0 0 * *",
        "0 0 * 13 *", "0 0 * * 8", "0 7 * *", "0 7 * * * *", "0  7 * * *", "5/10 * * * *", "*/0 * * * *", "10-5 * * * *",
        "0 7 * * 1; max=10m", "", "1,,2 * * * *", "L * * * *", "? * * * *", "-1 * * * *", "007 * * * *"})
    void refusesWhatTheScheduleScopeGrammarRefusesAndTheMaximumPart(String cron) {
        assertThatThrownBy(() -> CronExpression.parse(cron)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(cron.isEmpty() ? "empty" : "\"" + cron + "\"");
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertThatThrownBy(() -> CronExpression.parse("0 25 * * *")).hasMessageContaining("hour").hasMessageContaining("0 to 23");
    }

    // ---- properties

    @Property(tries = 2000)
    void parsesExactlyTheCronExpressionsTheScopeGrammarAccepts(@ForAll("anyCron") String cron) {
        boolean accepted;
        try {
            PermissionKind.SCHEDULE.riskOf(cron);
            accepted = cron.indexOf(';') < 0;
        } catch (IllegalArgumentException e) {
            accepted = false;
        }
        boolean parsed;
        try {
            CronExpression.parse(cron).next(utc("2024-01-01T00:00:00"));
            parsed = true;
        } catch (IllegalArgumentException e) {
            parsed = false;
        }
        assertThat(parsed).as(cron).isEqualTo(accepted);
    }

    @Property(tries = 400)
    void nextIsTheFirstMinuteAfterTheInstantThatAPlainReadingOfTheFieldsMatches(
            @ForAll("validCron") String cron, @ForAll("instants") Instant after) {
        ZonedDateTime at = after.atZone(ZoneOffset.UTC);
        Optional<ZonedDateTime> next = CronExpression.parse(cron).next(at);
        assertThat(next.map(ZonedDateTime::toLocalDateTime)).as(cron + " after " + after).isEqualTo(Reference.next(cron, at.toLocalDateTime()));
    }

    @Provide
    Arbitrary<String> anyCron() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789*-/,; @maxhsMONJ").ofMaxLength(24);
        return Arbitraries.oneOf(crons(2), crons(0), noise, crons(0).map(c -> c + "; max=10m"));
    }

    @Provide
    Arbitrary<String> validCron() {
        return crons(0);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2090-01-01T00:00:00Z").getEpochSecond()).map(Instant::ofEpochSecond);
    }

    /** Five fields of items; with {@code slack} > 0 numbers and steps may lie outside their field's range. */
    private static Arbitrary<String> crons(int slack) {
        return Combinators.combine(field(0, 59, slack), field(0, 23, slack), field(1, 31, slack), field(1, 12, slack),
                field(0, 7, slack)).as((m, h, dom, mon, dow) -> String.join(" ", m, h, dom, mon, dow));
    }

    private static Arbitrary<String> field(int min, int max, int slack) {
        Arbitrary<Integer> value = Arbitraries.integers().between(min - slack, max + slack);
        Arbitrary<Integer> step = Arbitraries.integers().between(1 - slack, max - min + 1 + slack);
        Arbitrary<String> item = Arbitraries.oneOf(
                Arbitraries.just("*"),
                value.map(String::valueOf),
                Combinators.combine(value, value).as((a, b) -> Math.min(a, b) + "-" + Math.max(a, b)),
                step.map(s -> "*/" + s),
                Combinators.combine(value, value, step).as((a, b, s) -> Math.min(a, b) + "-" + Math.max(a, b) + "/" + s));
        return item.list().ofMinSize(1).ofMaxSize(3).map(items -> String.join(",", items));
    }

    /** A slow, plain reading of the five fields, to check the fast search against: day by day, then minute by minute. */
    private static final class Reference {

        static Optional<LocalDateTime> next(String cron, LocalDateTime after) {
            String[] f = cron.split(" ");
            LocalDate day = after.toLocalDate();
            for (int i = 0; i < 146_100; i++, day = day.plusDays(1)) {
                int weekday = day.getDayOfWeek().getValue() % 7;
                boolean dom = covers(f[2], day.getDayOfMonth(), 1, 31);
                boolean dow = covers(f[4], weekday, 0, 7) || weekday == 0 && covers(f[4], 7, 0, 7);
                boolean dayOk = f[2].startsWith("*") || f[4].startsWith("*") ? dom && dow : dom || dow;
                if (!covers(f[3], day.getMonthValue(), 1, 12) || !dayOk) {
                    continue;
                }
                for (int minuteOfDay = 0; minuteOfDay < 24 * 60; minuteOfDay++) {
                    LocalDateTime t = day.atStartOfDay().plusMinutes(minuteOfDay);
                    if (t.isAfter(after) && covers(f[1], t.getHour(), 0, 23) && covers(f[0], t.getMinute(), 0, 59)) {
                        return Optional.of(t);
                    }
                }
            }
            return Optional.empty();
        }

        static boolean covers(String field, int value, int min, int max) {
            for (String item : field.split(",")) {
                String[] rangeAndStep = item.split("/");
                int step = rangeAndStep.length > 1 ? Integer.parseInt(rangeAndStep[1]) : 1;
                String[] ends = rangeAndStep[0].equals("*") ? new String[] {"" + min, "" + max} : rangeAndStep[0].split("-");
                int low = Integer.parseInt(ends[0]);
                int high = Integer.parseInt(ends[ends.length - 1]);
                if (value >= low && value <= high && (value - low) % step == 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
