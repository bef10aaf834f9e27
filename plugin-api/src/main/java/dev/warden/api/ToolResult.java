package dev.warden.api;

import java.util.Objects;

/**
 * What a tool call returns: text or JSON content, and whether it reports an error to the model.
 *
 * @param content the content, as text; JSON text when {@code format} is {@link Format#JSON}
 * @param format  how to read the content
 * @param isError whether the content describes a failure
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public record ToolResult(String content, Format format, boolean isError) {

    /** How to read a result's content. */
    public enum Format {
        /** Plain text. */
        TEXT,
        /** JSON text; the gateway passes it as structured content. */
        JSON
    }

    /** @throws NullPointerException if content or format is null */
    public ToolResult {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(format, "format");
    }

    /** @return a successful plain-text result */
    public static ToolResult text(String text) {
        return new ToolResult(text, Format.TEXT, false);
    }

    /**
     * @param json JSON text; the host checks it is well-formed before passing it on
     * @return a successful JSON result
     */
    public static ToolResult json(String json) {
        return new ToolResult(json, Format.JSON, false);
    }

    /** @return a plain-text result that tells the model the call failed and why */
    public static ToolResult error(String message) {
        return new ToolResult(message, Format.TEXT, true);
    }
}
