package dev.warden.manager.host;

import dev.warden.manager.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;

/** The check a plugin's installed code passes before its class loader is made. */
@FunctionalInterface
interface LoadCheck {

    /** @param pluginDir an installed plugin version's folder */
    VerificationReport check(Path pluginDir) throws IOException;
}
