package dev.warden.samples.notes;

import dev.warden.samples.json.JsonWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One short note: its number, when it was added, the tags to find it by, and its text.
 *
 * @param id      its number, unique in its notebook and never given to another note
 * @param created when it was added
 * @param tags    lowercase words, e.g. {@code project-x}; at most {@link #MAX_TAGS}, no repeats
 * @param text    the note, at most {@link #MAX_TEXT} characters, not blank
 */
record Note(long id, Instant created, List<String> tags, String text) {

    static final int MAX_TEXT = 2000;
    static final int MAX_TAGS = 8;
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** @throws IllegalArgumentException if a part breaks the rules above */
    Note {
        if (id < 1) {
            throw new IllegalArgumentException("a note's id must be 1 or more, not " + id);
        }
        Objects.requireNonNull(created, "created");
        tags = List.copyOf(tags);
        Optional<String> problem = textProblem(text);
        if (problem.isEmpty()) {
            problem = tagsProblem(tags);
        }
        if (problem.isPresent()) {
            throw new IllegalArgumentException("note " + id + ": " + problem.get());
        }
    }

    /** @return what is wrong with {@code text} as a note's text, or empty if nothing is */
    static Optional<String> textProblem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("the text is empty");
        }
        if (text.length() > MAX_TEXT) {
            return Optional.of("the text has " + text.length() + " characters; a note holds at most " + MAX_TEXT
                    + " (split it, or keep the gist)");
        }
        return Optional.empty();
    }

    /** @return what is wrong with {@code tags} as a note's tags, or empty if nothing is */
    static Optional<String> tagsProblem(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            return Optional.of("a note has at most " + MAX_TAGS + " tags, not " + tags.size());
        }
        for (String tag : tags) {
            Optional<String> problem = tagProblem(tag);
            if (problem.isPresent()) {
                return problem;
            }
        }
        if (new HashSet<>(tags).size() < tags.size()) {
            return Optional.of("a tag is given twice");
        }
        return Optional.empty();
    }

    /** @return what is wrong with {@code tag} as a tag, or empty if nothing is */
    static Optional<String> tagProblem(String tag) {
        if (!TAG.matcher(tag).matches()) {
            return Optional.of("the tag " + JsonWriter.quote(tag)
                    + " must be 1 to 32 lowercase letters, digits and hyphens, starting with a letter or digit");
        }
        return Optional.empty();
    }

    /** @return the note as a JSON object's fields, for tool results and the notes file */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("created", created.toString());
        fields.put("tags", tags);
        fields.put("text", text);
        return fields;
    }
}
