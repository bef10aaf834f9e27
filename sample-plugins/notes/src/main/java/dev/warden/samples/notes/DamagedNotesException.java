package dev.warden.samples.notes;

/** The notes file exists but is not a notebook this plugin wrote; it is left untouched. */
final class DamagedNotesException extends Exception {

    private static final long serialVersionUID = 1L;

    DamagedNotesException(String message) {
        super(message);
    }
}
