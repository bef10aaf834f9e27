package dev.warden.io;

import java.util.Objects;

/**
 * One thing {@link StrictJson} refused, at a JSON path such as {@code $.permissions[1].scope}.
 *
 * @param kind    what is wrong
 * @param path    where, in {@link JsonPath} notation
 * @param message a sentence saying what is wrong, without the path
 * @param detail  the offending part for callers that word their own message: the key of a
 *                {@link Kind#DUPLICATE_KEY}, the number of a {@link Kind#FRACTION}, the parser's own
 *                message of a {@link Kind#MALFORMED} document; empty otherwise
 * @param line    the line of a {@link Kind#MALFORMED} document's problem, or -1 when not known
 * @param column  its column, or -1
 */
public record JsonProblem(Kind kind, String path, String message, String detail, int line, int column) {

    /** What a problem is about. */
    public enum Kind {
        /** Not JSON at all, or JSON beyond the reader's string or number length limits; reading stops. */
        MALFORMED,
        /** No value at all; reading stops. */
        EMPTY,
        /** Something follows the one value. */
        TRAILING,
        /** A container nested deeper than allowed. */
        TOO_DEEP,
        /** A key that appears twice in one object; the first value is kept. */
        DUPLICATE_KEY,
        /** A key or string holding a control, bidi or invisible character ({@link UnsafeCharacters}). */
        UNSAFE_TEXT,
        /** A number with a fraction or exponent where whole numbers only are read. */
        FRACTION
    }

    public JsonProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return {@code " at line 3, column 7"} for a problem with a known place in the text, else empty */
    public String where() {
        return line < 0 ? "" : " at line " + line + ", column " + column;
    }

    /**
     * @return the problem as one sentence in the parser's own style, for messages such as
     *         {@code "x.json is not valid JSON: …"}: a malformed document's parser message (not escaped),
     *         otherwise the message starting with a capital
     */
    public String describe() {
        if (kind == Kind.MALFORMED) {
            return detail;
        }
        return Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
