package dev.warden.signing;

import java.nio.file.Path;

/** A private key file that cannot be read or written; the message names the file and what to do. */
public final class KeyFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Path file;

    public KeyFileException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public KeyFileException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
