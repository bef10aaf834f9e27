package dev.warden.signing;

import dev.warden.io.StrictJson;
import tools.jackson.databind.json.JsonMapper;

/** How this module reads JSON (io's strict reader: duplicate keys and trailing data are errors) and writes it. */
final class Json {

    /** Numbers as a plain Jackson mapper reads them, which the signed formats were written against. */
    static final StrictJson READER = StrictJson.builder().numbers(StrictJson.Numbers.DOUBLE).build();

    private static final JsonMapper WRITER = JsonMapper.builder().build();

    private Json() {
    }

    static String pretty(Object value) {
        return WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
