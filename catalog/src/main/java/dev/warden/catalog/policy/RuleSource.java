package dev.warden.catalog.policy;

/**
 * Where a policy rule comes from. A managed ({@link #SYSTEM}) rule beats a {@link #USER} rule.
 *
 * @since 0.1
 */
public enum RuleSource {
    /** The system policy file an administrator manages. */
    SYSTEM,
    /** The person's own policy file in Warden's home. */
    USER;

    /** @return {@code system} or {@code user} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
