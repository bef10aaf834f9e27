package dev.warden.manager.host;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.ToolResult;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Exec;
import dev.warden.api.capability.Http;
import dev.warden.api.capability.Secrets;
import dev.warden.catalog.manifest.PermissionKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The values and failures of the capability protocol between Warden and a plugin host process, written and
 * read the same way on both sides. Bytes travel as base64; a missing field is a protocol error, not a default.
 */
final class CapabilityMessages {

    /** Kinds of failure: each maps back to the exception the plugin API promises. */
    static final String DENIED = "denied";
    static final String DECLINED = "declined";
    static final String LIMIT = "limit";
    static final String CAPABILITY = "capability";
    static final String TOOL = "tool";
    static final String FAILED = "failed";

    private CapabilityMessages() {
    }

    static ObjectNode object() {
        return Wire.JSON.createObjectNode();
    }

    static String bytes(byte[] value) {
        return Base64.getEncoder().encodeToString(value);
    }

    static byte[] bytes(JsonNode value) {
        return Base64.getDecoder().decode(text(value));
    }

    static String text(JsonNode value) {
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("expected a string, found " + (value == null ? "nothing" : value.getNodeType()));
        }
        return value.asString();
    }

    static List<String> texts(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("expected a list of strings");
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(text(v)));
        return values;
    }

    static ArrayNode array(Iterable<String> values) {
        ArrayNode array = Wire.JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    static ObjectNode httpRequest(Http.Request request) {
        ObjectNode node = object().put("method", request.method()).put("url", request.url())
                .put("body", bytes(request.body())).put("timeoutMillis", request.timeout().toMillis());
        ObjectNode headers = node.putObject("headers");
        request.headers().forEach(headers::put);
        ArrayNode secrets = node.putArray("secretHeaders");
        request.secretHeaders().forEach(h -> secrets.addObject().put("name", h.name()).put("prefix", h.prefix())
                .put("secret", h.secret().name()));
        return node;
    }

    static Http.Request httpRequest(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        node.path("headers").properties().forEach(e -> headers.put(e.getKey(), text(e.getValue())));
        List<Http.Request.SecretHeader> secrets = new ArrayList<>();
        node.path("secretHeaders").forEach(h -> secrets.add(new Http.Request.SecretHeader(text(h.get("name")),
                text(h.get("prefix")), new Secrets.Ref(text(h.get("secret"))))));
        return new Http.Request(text(node.get("method")), text(node.get("url")), headers, secrets, bytes(node.get("body")),
                Duration.ofMillis(node.path("timeoutMillis").asLong()));
    }

    static ObjectNode httpResponse(Http.Response response) {
        ObjectNode node = object().put("status", response.status()).put("body", bytes(response.body()));
        ObjectNode headers = node.putObject("headers");
        response.headers().forEach((name, values) -> headers.set(name, array(values)));
        return node;
    }

    static Http.Response httpResponse(JsonNode node) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.path("headers").properties().forEach(e -> headers.put(e.getKey(), texts(e.getValue())));
        return new Http.Response(node.path("status").asInt(), headers, bytes(node.get("body")));
    }

    static ObjectNode execRequest(Exec.Request request) {
        return object().put("program", request.program()).<ObjectNode>set("args", array(request.args()))
                .put("stdin", bytes(request.stdin())).put("timeoutMillis", request.timeout().toMillis());
    }

    static Exec.Request execRequest(JsonNode node) {
        return new Exec.Request(text(node.get("program")), texts(node.get("args")), bytes(node.get("stdin")),
                Duration.ofMillis(node.path("timeoutMillis").asLong()));
    }

    static ObjectNode execResult(Exec.Result result) {
        return object().put("exitCode", result.exitCode()).put("stdout", result.stdout()).put("stderr", result.stderr())
                .put("timedOut", result.timedOut());
    }

    static Exec.Result execResult(JsonNode node) {
        return new Exec.Result(node.path("exitCode").asInt(), text(node.get("stdout")), text(node.get("stderr")),
                node.path("timedOut").asBoolean());
    }

    static ObjectNode toolResult(ToolResult result) {
        return object().put("content", result.content()).put("format", result.format().name()).put("isError", result.isError());
    }

    static ToolResult toolResult(JsonNode node) {
        return new ToolResult(text(node.get("content")), ToolResult.Format.valueOf(text(node.get("format"))),
                node.path("isError").asBoolean());
    }

    /** @return the failure a capability exception travels as */
    static Wire.Failure failure(Exception e) {
        if (e instanceof PermissionDeniedException denied) {
            return new Wire.Failure(DENIED, denied.getMessage(),
                    object().put("kind", denied.permission()).put("target", denied.target()));
        }
        if (e instanceof CapabilityException.Declined) {
            return new Wire.Failure(DECLINED, e.getMessage());
        }
        if (e instanceof CapabilityException.LimitExceeded) {
            return new Wire.Failure(LIMIT, e.getMessage());
        }
        if (e instanceof CapabilityException) {
            return new Wire.Failure(CAPABILITY, e.getMessage());
        }
        return new Wire.Failure(FAILED, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /** @return the exception the plugin API promises for a failure Warden reported; unchecked ones are thrown */
    static CapabilityException exception(Wire.Failure failure) {
        switch (failure.kind()) {
            case DENIED -> {
                PermissionKind kind = PermissionKind.byId(failure.details().path("kind").asString(""))
                        .orElseThrow(() -> new IllegalStateException(failure.getMessage()));
                throw new PermissionDeniedException(kind.id(), failure.details().path("target").asString(""));
            }
            case DECLINED -> {
                return new CapabilityException.Declined(failure.getMessage());
            }
            case LIMIT -> {
                return new CapabilityException.LimitExceeded(failure.getMessage());
            }
            case CAPABILITY -> {
                return new CapabilityException(failure.getMessage());
            }
            default -> throw new IllegalStateException(failure.getMessage());
        }
    }
}
