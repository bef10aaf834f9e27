package dev.warden.signing;

import dev.warden.io.JsonTreeWriter;

/** How this module writes JSON (without a databind mapper); it reads with io's {@code StrictJson.standard()}. */
final class Json {

    private Json() {
    }

    static String pretty(Object value) {
        return JsonTreeWriter.pretty(value);
    }
}
