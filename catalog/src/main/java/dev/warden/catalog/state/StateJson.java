package dev.warden.catalog.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Strict JSON reading (duplicate keys and trailing data refused), stable writing, and hashing. */
final class StateJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static final String ZERO_HASH = "0".repeat(64);

    private StateJson() {
    }

    /**
     * @param what names the source in messages, e.g. the file's path
     * @throws StateException if the bytes are empty or not exactly one well-formed JSON value
     */
    static JsonNode parse(byte[] bytes, String what, String advice) throws StateException {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            String path = e instanceof StreamReadException read && read.processor() != null
                    ? " (at " + pathOf(read.processor().streamReadContext()) + ")" : "";
            throw new StateException(what + " is not valid JSON" + where(e.getLocation()) + path + ": "
                    + Texts.escape(e.getOriginalMessage()) + (advice.isEmpty() ? "" : "; " + advice), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new StateException(what + " is empty" + (advice.isEmpty() ? "" : "; " + advice));
        }
        return node;
    }

    /** @return the node pretty-printed, ending with a line break */
    static byte[] pretty(JsonNode node) {
        return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @return the node on one line with the keys of every object sorted: equal trees give equal text */
    static String canonical(JsonNode node) {
        return MAPPER.writeValueAsString(sorted(node));
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>(node.propertyNames());
            Collections.sort(keys);
            ObjectNode out = MAPPER.createObjectNode();
            for (String key : keys) {
                out.set(key, sorted(node.get(key)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            for (JsonNode element : node.values()) {
                out.add(sorted(element));
            }
            return out;
        }
        return node;
    }

    /** The path of the value the parser was at when it failed, from Jackson's own context. */
    private static String pathOf(TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return "$";
        }
        String parent = pathOf(context.getParent());
        if (context.inObject()) {
            return context.currentName() == null ? parent : child(parent, context.currentName());
        }
        return context.getCurrentIndex() < 0 ? parent : index(parent, context.getCurrentIndex());
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** @return a JSON path child, e.g. {@code $.plugins['acme/weather']} */
    static String child(String parent, String key) {
        if (!key.isEmpty() && key.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))
                && !Character.isDigit(key.charAt(0))) {
            return parent + "." + key;
        }
        return parent + "['" + Texts.escape(key).replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
