package dev.warden.samples.tidy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date a file's name carries, as cameras, phones, scanners and careful people write it:
 * {@code IMG_20260302_101500.jpg}, {@code Screenshot 2026-03-02 at 10.15.00.png},
 * {@code invoice_2026_03.pdf}. The Files capability shows no timestamps, so the name is what
 * tidy can go by; a name without a date is sorted by type only.
 */
final class DateInName {

    /** Year, month and day with one separator used throughout (or none), not inside a longer number. */
    private static final Pattern DAY = Pattern.compile(
            "(?<!\\d)((?:19|20)\\d{2})([-_.]?)(0[1-9]|1[0-2])\\2(0[1-9]|[12]\\d|3[01])(?!\\d)");
    /** Year and month with a separator, not followed by more digits or another separator and digits. */
    private static final Pattern MONTH = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})[-_](0[1-9]|1[0-2])(?![\\d]|[-_.]\\d)");

    private DateInName() {
    }

    /** @return the year and month in the name (the first full date, else the first year-month); empty if none */
    static Optional<YearMonth> find(String fileName) {
        Matcher day = DAY.matcher(fileName);
        while (day.find()) {
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(day.group(1)), Integer.parseInt(day.group(3)),
                        Integer.parseInt(day.group(4)));
                return Optional.of(YearMonth.from(date));
            } catch (DateTimeException e) {
                // 2026-02-30 is no date; look further along the name
            }
        }
        Matcher month = MONTH.matcher(fileName);
        if (month.find()) {
            return Optional.of(YearMonth.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2))));
        }
        return Optional.empty();
    }
}
