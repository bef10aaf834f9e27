package dev.warden.catalog.testing;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.AuditLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Run in a second JVM by audit tests: appends {@code args[1]} entries to the audit folder {@code args[0]}. */
public final class AuditAppender {

    private AuditAppender() {
    }

    public static void main(String[] args) throws Exception {
        AuditLog log = new AuditLog(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            log.append(AuditEvent.CAPABILITY, Optional.of(PluginId.parse("other/process")), Map.of("i", i), Instant.now());
        }
    }
}
