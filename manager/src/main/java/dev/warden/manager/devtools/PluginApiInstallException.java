package dev.warden.manager.devtools;

import dev.warden.io.WardenException;

/**
 * The plugin API could not be put where Maven finds it: the local repository cannot be written, or the
 * person's Maven settings cannot be read. The message names the folder or file and what to do.
 */
public final class PluginApiInstallException extends WardenException {

    private static final long serialVersionUID = 1L;

    PluginApiInstallException(String message, Throwable cause) {
        super(Category.ERROR, message, cause);
    }
}
