package dev.warden.registry.mcp;

import dev.warden.io.WardenException;

/**
 * An MCP Registry could not be listed: a page failed to arrive, was malformed, or paging went wrong.
 * The message names the URL or page and the field, and says what to do. The cached index is unchanged.
 *
 * @since 0.1
 */
public final class McpRegistryException extends WardenException {

    McpRegistryException(String message) {
        super(Category.ERROR, message);
    }

    McpRegistryException(String message, Throwable cause) {
        super(Category.ERROR, message, cause);
    }
}
