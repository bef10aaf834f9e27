package dev.warden.samples.tidy;

import java.time.YearMonth;
import java.util.Optional;

/** Whether files with a date in their name go one level deeper, into a folder for their year or month. */
enum Grouping {
    /** {@code Images/photo.jpg} */
    NONE("none"),
    /** {@code Images/2026/photo.jpg} */
    YEAR("year"),
    /** {@code Images/2026-03/photo.jpg} */
    MONTH("month");

    final String inputName;

    Grouping(String inputName) {
        this.inputName = inputName;
    }

    /** @return the grouping the tool input names, or empty for an unknown name */
    static Optional<Grouping> byInputName(String name) {
        for (Grouping grouping : values()) {
            if (grouping.inputName.equals(name)) {
                return Optional.of(grouping);
            }
        }
        return Optional.empty();
    }

    /** @return the subfolder for a file dated {@code month}; empty under {@link #NONE} */
    Optional<String> subfolder(YearMonth month) {
        switch (this) {
            case YEAR:
                return Optional.of(Integer.toString(month.getYear()));
            case MONTH:
                return Optional.of(month.toString());
            default:
                return Optional.empty();
        }
    }
}
