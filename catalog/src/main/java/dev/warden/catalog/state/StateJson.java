package dev.warden.catalog.state;

import dev.warden.io.JsonProblem;
import dev.warden.io.JsonTreeWriter;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Strict JSON reading (io's {@link StrictJson}), stable writing, and hashing.
 * Reading, writing and hashing use Jackson's streaming layer only: a databind mapper costs tens of ms
 * to build in a fresh JVM, and neither {@code warden list} nor a command that changes the state should pay that.
 */
final class StateJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final JsonFactory WRITING = new JsonFactory();

    static final String ZERO_HASH = "0".repeat(64);

    private StateJson() {
    }

    /**
     * @param what names the source in messages, e.g. the file's path
     * @throws StateException if the bytes are empty or not exactly one well-formed JSON value
     */
    static JsonNode parse(byte[] bytes, String what, String advice) throws StateException {
        try {
            return StrictJson.standard().read(bytes);
        } catch (StrictJsonException e) {
            JsonProblem problem = e.problem();
            String then = advice.isEmpty() ? "" : "; " + advice;
            if (problem.kind() == JsonProblem.Kind.EMPTY) {
                throw new StateException(what + " is empty" + then);
            }
            throw new StateException(what + " is not valid JSON" + problem.where() + " (at " + problem.path() + "): "
                    + UnsafeCharacters.escape(problem.describe()) + then, e);
        }
    }

    /** @return the node pretty-printed, ending with a line break */
    static byte[] pretty(JsonNode node) {
        return (JsonTreeWriter.pretty(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** @return the node on one line with the keys of every object sorted: equal trees give equal text */
    static String canonical(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = WRITING.createGenerator(ObjectWriteContext.empty(), out)) {
            writeSorted(node, generator);
        }
        return out.toString();
    }

    private static void writeSorted(JsonNode node, JsonGenerator out) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>(node.propertyNames());
            Collections.sort(keys);
            out.writeStartObject();
            for (String key : keys) {
                out.writeName(key);
                writeSorted(node.get(key), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node.values()) {
                writeSorted(element, out);
            }
            out.writeEndArray();
        } else if (node.isString()) {
            out.writeString(node.stringValue());
        } else if (node.isBigInteger()) {
            out.writeNumber(node.bigIntegerValue());
        } else if (node.isIntegralNumber()) {
            out.writeNumber(node.longValue());
        } else if (node.isNumber()) {
            out.writeNumber(node.doubleValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            out.writeNull();
        } else {
            throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node");
        }
    }
}
