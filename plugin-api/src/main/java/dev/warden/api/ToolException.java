package dev.warden.api;

/**
 * A tool call failed in a way the plugin could not turn into a {@link ToolResult}. The gateway
 * reports the message to the client; the cause stays in Warden's log.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public class ToolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, for the client */
    public ToolException(String message) {
        super(message);
    }

    /**
     * @param message what failed, for the client
     * @param cause   the underlying failure
     */
    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
