package dev.warden.manager.gateway;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one line of the stdio transport into a JSON-RPC message and a message into one line. A request or
 * notification is built straight from the parsed object, as the SDK's own reader would build it but without
 * converting the whole message a second time; responses (rare: answers to the server's own requests) go
 * through the SDK's conversion.
 */
final class JsonRpcLines {

    private static final TypeRef<HashMap<String, Object>> OBJECT = new TypeRef<>() {
    };

    private final McpJsonMapper json;

    JsonRpcLines(McpJsonMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Why a line is not a message, as the JSON-RPC error to answer it with. */
    static final class Unreadable extends Exception {

        private final int code;
        private final transient Object id;

        Unreadable(int code, Object id, String message) {
            super(message);
            this.code = code;
            this.id = id;
        }

        int code() {
            return code;
        }

        /** @return the id of the request the line seems to be, or null when it has none that is valid */
        Object id() {
            return id;
        }
    }

    /**
     * @return the message the line holds
     * @throws Unreadable with code -32700 if the line is not JSON, -32600 if it is not a JSON-RPC message
     */
    McpSchema.JSONRPCMessage read(String line) throws Unreadable {
        Map<String, Object> map;
        try {
            map = json.readValue(line, OBJECT);
        } catch (IOException | RuntimeException e) {
            throw notAnObject(line);
        }
        Object id = map.get("id");
        try {
            if (map.containsKey("method") && map.containsKey("id")) {
                return new McpSchema.JSONRPCRequest(text(map.get("jsonrpc")), method(map), id, map.get("params"));
            }
            if (map.containsKey("method")) {
                return new McpSchema.JSONRPCNotification(text(map.get("jsonrpc")), method(map), map.get("params"));
            }
            if (map.containsKey("result") || map.containsKey("error")) {
                return json.convertValue(map, McpSchema.JSONRPCResponse.class);
            }
        } catch (RuntimeException e) {
            throw new Unreadable(McpSchema.ErrorCodes.INVALID_REQUEST, validId(id), "Invalid request: " + e.getMessage());
        }
        throw new Unreadable(McpSchema.ErrorCodes.INVALID_REQUEST, validId(id),
                "Invalid request: the message is not a JSON-RPC request, notification or response");
    }

    private Unreadable notAnObject(String line) {
        try {
            json.readValue(line, Object.class);
        } catch (IOException | RuntimeException e) {
            return new Unreadable(McpSchema.ErrorCodes.PARSE_ERROR, null, "Parse error: the message is not JSON");
        }
        return new Unreadable(McpSchema.ErrorCodes.INVALID_REQUEST, null, "Invalid request: the message is not a JSON object");
    }

    private static String method(Map<String, Object> map) {
        if (!(map.get("method") instanceof String method)) {
            throw new IllegalArgumentException("the method must be a string");
        }
        return method;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private static Object validId(Object id) {
        return id instanceof String || id instanceof Integer || id instanceof Long ? id : null;
    }

    /** @return the message as compact JSON; it holds no line break */
    byte[] write(McpSchema.JSONRPCMessage message) throws IOException {
        return json.writeValueAsBytes(message);
    }

    /** @return an error response with {@code id} null when unknown, which the SDK's response type does not allow */
    byte[] error(Object id, int code, String message) throws IOException {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", id);
        response.put("error", Map.of("code", code, "message", message));
        return json.writeValueAsBytes(response);
    }
}
