package dev.warden.catalog.state;

import java.nio.file.Path;

/**
 * Another process (or another part of this one) holds the state lock and did not release it in time.
 *
 * @since 0.1
 */
public final class LockBusyException extends StateException {

    private static final long serialVersionUID = 1L;

    private final String holder;

    LockBusyException(Path lockFile, String holder) {
        super("another Warden command holds the state lock " + lockFile + ": " + holder
                + "; wait for it to finish and try again (the lock is released when that process ends)");
        this.holder = holder;
    }

    /** @return who holds the lock, e.g. {@code pid 4711, "warden install acme/weather", since 2025-05-01T10:00:00Z} */
    public String holder() {
        return holder;
    }
}
