package dev.warden.api;

import java.util.Objects;

/**
 * One call of a connector tool.
 *
 * @param tool      the declared tool name
 * @param inputJson the JSON text the client sent, already validated against the tool's input schema
 * @since 0.1
 */
public record ToolCall(String tool, String inputJson) {

    /** @throws NullPointerException if either part is null */
    public ToolCall {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(inputJson, "inputJson");
    }
}
