package dev.warden.catalog.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level keys of a Markdown file's YAML front matter, read just far enough to check that
 * required keys have values. Nested YAML structure is not interpreted.
 */
public final class FrontMatter {

    private FrontMatter() {
    }

    /** @return key to value of the front matter, or empty if the text does not start with one */
    public static Optional<Map<String, String>> read(String text) {
        // YAML ends a line at CRLF, LF or a lone CR: splitting on less would read two keys as one
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (lines.length == 0 || !lines[0].equals("---")) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        String lastKey = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("---")) {
                return Optional.of(values);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                // continuation of a block scalar (description: >) or a nested value
                if (lastKey != null && values.get(lastKey).isEmpty()) {
                    values.put(lastKey, line.strip());
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            lastKey = line.substring(0, colon).strip();
            String value = unquote(line.substring(colon + 1).strip());
            values.put(lastKey, value.equals(">") || value.equals("|") || value.equals(">-") || value.equals("|-") ? "" : value);
        }
        return Optional.empty();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1).strip();
        }
        return value;
    }
}
