package dev.warden.api;

import java.util.Objects;

/**
 * One call of a connector tool.
 *
 * @param tool  the declared tool name
 * @param input the input the client sent, already parsed and validated against the tool's input schema;
 *              {@code input().text()} gives it back as JSON text
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public record ToolCall(String tool, Json input) {

    /** @throws NullPointerException if either part is null */
    public ToolCall {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(input, "input");
    }
}
