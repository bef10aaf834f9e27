package dev.warden.manager.host;

import dev.warden.io.WardenException;

/**
 * A tool call the host would not make or could not finish: the plugin is not running, the tool or its
 * input is wrong, the plugin is quarantined, or the call ran out of time. Errors the tool itself reports
 * are not exceptions but error results.
 */
public final class ToolCallException extends WardenException {

    private static final long serialVersionUID = 1L;

    /** Why the call did not happen. */
    public enum Reason {
        /** The plugin is not installed, not enabled, or failed to load. */
        NOT_RUNNING(Category.ERROR),
        /** The plugin declares no such tool. */
        UNKNOWN_TOOL(Category.USAGE),
        /** The input does not fit the tool's declared schema. */
        BAD_INPUT(Category.USAGE),
        /** Warden stopped the plugin after repeated denials. */
        QUARANTINED(Category.REFUSED),
        /** The call overran its time limit and was abandoned. */
        TIMED_OUT(Category.ERROR);

        private final Category category;

        Reason(Category category) {
            this.category = category;
        }
    }

    private final Reason reason;

    public ToolCallException(Reason reason, String message) {
        super(reason.category, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
