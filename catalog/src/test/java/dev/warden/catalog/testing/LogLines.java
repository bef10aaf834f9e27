package dev.warden.catalog.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Tampers with a JSON-lines file the way a person with a text editor would; line numbers are 1-based. */
public final class LogLines {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Path file;
    private final List<String> lines;
    private String trailer = "";

    private LogLines(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    public static LogLines of(Path file) throws IOException {
        return new LogLines(file, new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)));
    }

    public int size() {
        return lines.size();
    }

    public String line(int number) {
        return lines.get(number - 1);
    }

    public ObjectNode json(int number) {
        return (ObjectNode) MAPPER.readTree(line(number));
    }

    /** Replaces one field of a line's JSON object (adding it if absent), keeping the other fields. */
    public LogLines setField(int number, String field, JsonNode value) {
        ObjectNode node = json(number);
        node.set(field, value);
        return replace(number, MAPPER.writeValueAsString(node));
    }

    public LogLines replace(int number, String text) {
        lines.set(number - 1, text);
        return this;
    }

    public LogLines remove(int number) {
        lines.remove(number - 1);
        return this;
    }

    public LogLines swap(int first, int second) {
        Collections.swap(lines, first - 1, second - 1);
        return this;
    }

    /** Keeps only the first {@code count} lines. */
    public LogLines keep(int count) {
        lines.subList(count, lines.size()).clear();
        return this;
    }

    public LogLines append(String text) {
        lines.add(text);
        return this;
    }

    /** Ends the file with text that has no line break after it. */
    public LogLines appendUnterminated(String text) {
        trailer = text;
        return this;
    }

    public void write() throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        Files.writeString(file, out.append(trailer).toString(), StandardCharsets.UTF_8);
    }
}
