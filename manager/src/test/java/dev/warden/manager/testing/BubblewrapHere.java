package dev.warden.manager.testing;

import dev.warden.manager.sandbox.IsolationSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The bwrap program the sandbox tests need; where this machine cannot make a sandbox they are skipped, saying why. */
public final class BubblewrapHere {

    private BubblewrapHere() {
    }

    /** bwrap's path, or skips the running test (printing {@code "<Test> skipped: <reason>"}) when there is none. */
    public static Path orSkip(Class<?> test) {
        IsolationSupport support = IsolationSupport.here();
        if (support.bwrap().isEmpty()) {
            System.out.println(test.getSimpleName() + " skipped: " + support.reason());
        }
        Assumptions.assumeTrue(support.bwrap().isPresent(), support.reason());
        return support.bwrap().get();
    }
}
