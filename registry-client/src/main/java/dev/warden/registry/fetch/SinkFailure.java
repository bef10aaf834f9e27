package dev.warden.registry.fetch;

import java.io.IOException;

/** A local write failed (disk full, no permission): not the server's fault, so never retried. */
final class SinkFailure extends IOException {

    SinkFailure(String message, IOException cause) {
        super(message, cause);
    }
}
