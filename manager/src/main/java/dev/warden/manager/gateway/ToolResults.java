package dev.warden.manager.gateway;

import dev.warden.api.ToolResult;
import dev.warden.manager.scan.ContentScanner;
import dev.warden.manager.scan.Finding;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;

/**
 * Turns a plugin's tool result into an MCP result, scanned like a skill (DESIGN 6.4): hidden characters and
 * text aimed at the model are flagged in the result's {@code _meta} under {@code warden/flags}, so a client can
 * warn the person; the text itself is passed on unchanged.
 */
final class ToolResults {

    static final String FLAGS = "warden/flags";

    private static final ContentScanner SCANNER = new ContentScanner();

    private ToolResults() {
    }

    static List<Finding> scan(String tool, ToolResult result) {
        return SCANNER.scan("the result of " + tool, result.content());
    }

    static CallToolResult toMcp(ToolResult result, List<Finding> findings) {
        CallToolResult.Builder out = CallToolResult.builder().addTextContent(result.content()).isError(result.isError());
        if (!findings.isEmpty()) {
            out.meta(Map.of(FLAGS, findings.stream().map(f -> f.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.message()).toList()));
        }
        return out.build();
    }

    static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
