package dev.warden.catalog.testing;

import dev.warden.catalog.state.StateLock;
import dev.warden.catalog.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a second JVM by lock tests: takes the state lock of {@code args[0]} as command {@code args[1]},
 * prints {@code locked}, and holds it for {@code args[2]} milliseconds (or until killed).
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        StateStore store = new StateStore(Path.of(args[0]));
        try (StateLock lock = store.lock(Duration.ofSeconds(10), args[1])) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[2]));
        }
    }
}
