package dev.warden.manager.imports;

import dev.warden.io.WardenException;

/**
 * A registry server could not become a Warden plugin: nothing it offers can be started under a
 * permission Warden can show, its version cannot be made SemVer, or the output folder is unusable.
 * The message names the server and the field, and says what to do. Nothing is left in the folder.
 *
 * @since 0.1
 */
public final class McpImportException extends WardenException {

    McpImportException(String message) {
        super(Category.ERROR, message);
    }

    McpImportException(String message, Throwable cause) {
        super(Category.ERROR, message, cause);
    }
}
