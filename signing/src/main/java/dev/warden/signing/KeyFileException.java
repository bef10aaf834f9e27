package dev.warden.signing;

import dev.warden.io.WardenException;
import java.nio.file.Path;

/** A private key file that cannot be read or written; the message names the file and what to do. */
public final class KeyFileException extends WardenException {

    private static final long serialVersionUID = 1L;

    private final Path file;

    public KeyFileException(Path file, String message) {
        super(Category.ERROR, file + ": " + message);
        this.file = file;
    }

    public KeyFileException(Path file, String message, Throwable cause) {
        super(Category.ERROR, file + ": " + message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
