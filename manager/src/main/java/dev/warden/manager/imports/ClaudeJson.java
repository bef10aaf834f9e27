package dev.warden.manager.imports;

import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Strict JSON for the files of a Claude plugin, for the import and the review: duplicate keys and trailing data are errors, size is capped. */
public final class ClaudeJson {

    static final int MAX_BYTES = 1024 * 1024;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64).maxStringLength(MAX_BYTES).maxNumberLength(100).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ClaudeJson() {
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
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ClaudeImportException(name + " is empty; expected a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new ClaudeImportException(name + " is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + UnsafeCharacters.escape(String.valueOf(e.getOriginalMessage())) + "; ask the publisher to fix it", e);
        }
    }

    public static String relative(Path root, Path file) {
        String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return UnsafeCharacters.escape(relative.isEmpty() ? "." : relative);
    }
}
