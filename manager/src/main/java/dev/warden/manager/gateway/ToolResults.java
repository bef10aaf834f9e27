package dev.warden.manager.gateway;

import dev.warden.api.ToolResult;
import dev.warden.manager.scan.ContentScanner;
import dev.warden.manager.scan.Finding;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.LinkedHashMap;
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

    /** A plugin's result as an MCP result: its text, and whether it is an error. */
    static CallToolResult toMcp(ToolResult result) {
        return CallToolResult.builder().addTextContent(result.content()).isError(result.isError()).build();
    }

    /** Scans the text an external server's result holds: its text, its text resources and its structured content. */
    static List<Finding> scan(String tool, CallToolResult result, McpJsonMapper json) {
        StringBuilder text = new StringBuilder();
        for (McpSchema.Content content : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            if (content instanceof McpSchema.TextContent t) {
                text.append(t.text()).append('\n');
            } else if (content instanceof McpSchema.EmbeddedResource r && r.resource() instanceof McpSchema.TextResourceContents t) {
                text.append(t.text()).append('\n');
            }
        }
        if (result.structuredContent() != null) {
            try {
                text.append(json.writeValueAsString(result.structuredContent()));
            } catch (IOException e) {
                text.append(result.structuredContent());
            }
        }
        return SCANNER.scan("the result of " + tool, text.toString());
    }

    /** A result as it is passed on: unchanged, with the findings added to its {@code _meta}. */
    static CallToolResult flagged(CallToolResult result, List<Finding> findings) {
        if (findings.isEmpty()) {
            return result;
        }
        Map<String, Object> meta = new LinkedHashMap<>(result.meta() == null ? Map.of() : result.meta());
        meta.put(FLAGS, flags(findings));
        return new CallToolResult(result.content(), result.isError(), result.structuredContent(), meta);
    }

    private static List<String> flags(List<Finding> findings) {
        return findings.stream().map(f -> f.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.message()).toList();
    }

    static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
