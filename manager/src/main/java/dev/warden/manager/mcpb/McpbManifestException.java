package dev.warden.manager.mcpb;

import dev.warden.io.WardenException;

/**
 * An MCPB bundle's {@code manifest.json} is missing, not strict JSON, or lacks a field MCPB requires;
 * the message names the field. An integrity failure: the bundle is not what its format says.
 *
 * @since 0.1
 */
public final class McpbManifestException extends WardenException {

    McpbManifestException(String message) {
        super(Category.INTEGRITY, message);
    }

    McpbManifestException(String message, Throwable cause) {
        super(Category.INTEGRITY, message, cause);
    }
}
