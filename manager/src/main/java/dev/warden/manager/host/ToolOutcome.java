package dev.warden.manager.host;

import dev.warden.api.ToolResult;
import java.util.Objects;

/**
 * What a tool call came to.
 *
 * @param result what goes back to the caller; an error result unless {@link Kind#OK} (or an error the tool chose to return)
 * @param kind   how it ended
 */
public record ToolOutcome(ToolResult result, Kind kind) {

    /** How a call ended. */
    public enum Kind {
        /** The tool answered. */
        OK,
        /** The tool reported an error (an error result or a {@code ToolException}). */
        ERROR,
        /** The tool tried a capability use Warden denied, and did not handle the denial. */
        DENIED,
        /** The tool's code failed with an unexpected exception. */
        FAILED;

        /** @return the word written to the audit log */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ToolOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(kind, "kind");
    }
}
