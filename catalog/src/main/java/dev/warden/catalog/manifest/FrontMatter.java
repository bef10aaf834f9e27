package dev.warden.catalog.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level keys of a Markdown file's YAML front matter, read just far enough to check that
 * required keys have values. Nested YAML structure is not interpreted.
 */
public final class FrontMatter {

    private FrontMatter() {
    }

    /**
     * @return the lines of the front matter, between its opening and closing {@code ---}, without blank and
     *     comment lines; empty if the text does not start with a closed front matter
     */
    public static Optional<List<String>> lines(String text) {
        // YAML ends a line at CRLF, LF or a lone CR: splitting on less would read two keys as one
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (lines.length == 0 || !lines[0].equals("---")) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("---")) {
                return Optional.of(kept);
            }
            if (!line.isBlank() && !line.startsWith("#")) {
                kept.add(line);
            }
        }
        return Optional.empty();
    }

    /** @return key to value of the front matter, or empty if the text does not start with one */
    public static Optional<Map<String, String>> read(String text) {
        Optional<List<String>> lines = lines(text);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : lines.get()) {
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
        return Optional.of(values);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1).strip();
        }
        return value;
    }
}
