package dev.warden.signing;

import tools.jackson.databind.json.JsonMapper;

/** How this module writes JSON; it reads with io's {@code StrictJson.standard()}. */
final class Json {

    private static final JsonMapper WRITER = JsonMapper.builder().build();

    private Json() {
    }

    static String pretty(Object value) {
        return WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
