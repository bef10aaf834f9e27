package dev.warden.manager.marketplace;

import java.io.IOException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the marketplace files Warden keeps in its home folder. */
final class MarketplaceJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private MarketplaceJson() {
    }

    static JsonNode read(Path file) throws IOException {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new IOException(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); Warden wrote it, so it was damaged: remove it and add the marketplace again", e);
        }
    }

    static byte[] write(Object tree) {
        return MAPPER.writeValueAsBytes(tree);
    }

    static String text(JsonNode node, String field, Path file) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IOException(file + ": field '" + field + "' is missing or not a string; Warden wrote this file,"
                    + " so it was damaged: remove it and add the marketplace again");
        }
        return value.asString();
    }
}
