package dev.warden.catalog.manifest;

/**
 * How much harm a granted permission could do if the plugin misused it, from {@link #NONE} to
 * {@link #CRITICAL}. The review screen shows permissions highest risk first.
 *
 * @since 0.1
 */
public enum Risk {
    /** Touches only the plugin's own data. */
    NONE(0),
    /** A narrow, named resource such as one host or one workspace folder. */
    LOW(1),
    /** A broad but bounded resource, such as the whole workspace or every subdomain of one domain. */
    MEDIUM(2),
    /** Reaches the person's private data or runs programs. */
    HIGH(3),
    /** Reaches secrets, the whole home folder, the whole machine or the local network. */
    CRITICAL(4);

    private final int level;

    Risk(int level) {
        this.level = level;
    }

    /** @return the numeric level, 0 for {@link #NONE} up to 4 for {@link #CRITICAL} */
    public int level() {
        return level;
    }

    /**
     * @param level a level from 0 to 4
     * @return the risk of that level
     * @throws IllegalArgumentException if the level is outside 0..4
     */
    public static Risk ofLevel(int level) {
        for (Risk risk : values()) {
            if (risk.level == level) {
                return risk;
            }
        }
        throw new IllegalArgumentException("risk level must be between 0 and 4, was " + level);
    }

    /** @return the higher of this risk and {@code other} */
    public Risk max(Risk other) {
        return other.level > level ? other : this;
    }
}
