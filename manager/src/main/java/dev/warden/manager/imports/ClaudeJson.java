package dev.warden.manager.imports;

import dev.warden.io.JsonTreeWriter;
import dev.warden.io.JsonProblem;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Strict JSON (io's reader) for the files of a Claude plugin, for the import and the review: size is capped. */
public final class ClaudeJson {

    public static final int MAX_BYTES = 1024 * 1024;

    private static final StrictJson READER = StrictJson.builder().maxDepth(64).maxStringLength(MAX_BYTES)
            .maxNumberLength(100).build();

    private ClaudeJson() {
    }

    /** @return a new empty object, for trees an import builds */
    static ObjectNode objectNode() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * @return a field an import carries over, as compact JSON text; written without a databind mapper, since
     *     building one loads hundreds of classes
     */
    static String text(JsonNode value) {
        return JsonTreeWriter.compact(value);
    }

    /**
     * @param root the plugin folder, for messages
     * @param file a regular file inside it
     */
    public static JsonNode read(Path root, Path file) throws ClaudeImportException {
        String name = relative(root, file);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ClaudeImportException(name + " is not a regular file (missing, a link or a folder)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new ClaudeImportException(name + " cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new ClaudeImportException(name + " is larger than " + MAX_BYTES + " bytes; refused");
        }
        return parse(name, bytes);
    }

    static JsonNode parse(String name, byte[] bytes) throws ClaudeImportException {
        try {
            return READER.read(bytes);
        } catch (StrictJsonException e) {
            JsonProblem problem = e.problem();
            if (problem.kind() == JsonProblem.Kind.EMPTY) {
                throw new ClaudeImportException(name + " is empty; expected a JSON object");
            }
            throw new ClaudeImportException(name + " is not valid JSON" + problem.where() + ": "
                    + UnsafeCharacters.escape(problem.describe()) + "; ask the publisher to fix it", e);
        }
    }

    /**
     * Reads JSON Warden stored itself (a marketplace entry, a carried-over field).
     *
     * @throws IllegalArgumentException if it is not strict JSON
     */
    public static JsonNode readStored(String json) {
        try {
            return READER.read(json);
        } catch (StrictJsonException e) {
            throw new IllegalArgumentException("stored JSON is not valid: " + e.problem(), e);
        }
    }

    public static String relative(Path root, Path file) {
        String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return UnsafeCharacters.escape(relative.isEmpty() ? "." : relative);
    }
}
