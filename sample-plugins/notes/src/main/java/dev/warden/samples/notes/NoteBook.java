package dev.warden.samples.notes;

import dev.warden.samples.json.JsonReader;
import dev.warden.samples.json.JsonWriter;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * All notes, oldest first, and the number the next one gets. Numbers are never reused, so a note
 * named by an old answer is never mistaken for a newer one. Changes return a new notebook; what
 * the notes file holds is {@link #toJson()}.
 *
 * @param nextId the id the next note gets; larger than every id in {@code notes}
 * @param notes  the notes, ids strictly ascending
 */
record NoteBook(long nextId, List<Note> notes) {

    /** Enough for years of short notes, and a file well inside Warden's read limit (about 11 MB at most). */
    static final int MAX_NOTES = 5000;
    static final int FORMAT = 1;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** @throws IllegalArgumentException if the ids are not ascending and below {@code nextId} */
    NoteBook {
        notes = List.copyOf(notes);
        long previous = 0;
        for (Note note : notes) {
            if (note.id() <= previous) {
                throw new IllegalArgumentException("note ids must ascend, but " + note.id() + " follows " + previous);
            }
            previous = note.id();
        }
        if (nextId <= previous) {
            throw new IllegalArgumentException("the next id " + nextId + " must be larger than the last note's, " + previous);
        }
        if (notes.size() > MAX_NOTES) {
            throw new IllegalArgumentException("a notebook holds at most " + MAX_NOTES + " notes, not " + notes.size());
        }
    }

    static NoteBook empty() {
        return new NoteBook(1, List.of());
    }

    boolean isFull() {
        return notes.size() >= MAX_NOTES;
    }

    /**
     * @return this notebook with a new note at the end, numbered {@link #nextId()}
     * @throws IllegalArgumentException if the text or tags break {@link Note}'s rules, or the notebook is full
     */
    NoteBook add(String text, List<String> tags, Instant created) {
        List<Note> more = new ArrayList<>(notes);
        more.add(new Note(nextId, created, tags, text));
        return new NoteBook(nextId + 1, more);
    }

    /** @return the note with that id, or empty if there is none */
    Optional<Note> find(long id) {
        for (Note note : notes) {
            if (note.id() == id) {
                return Optional.of(note);
            }
        }
        return Optional.empty();
    }

    /** @return this notebook without the note {@code id}; the same notebook if there is no such note */
    NoteBook remove(long id) {
        List<Note> fewer = new ArrayList<>(notes);
        fewer.removeIf(note -> note.id() == id);
        return new NoteBook(nextId, fewer);
    }

    /** @return the notes carrying {@code tag} (all notes if empty), newest first */
    List<Note> newestFirst(Optional<String> tag) {
        List<Note> out = new ArrayList<>();
        for (int i = notes.size() - 1; i >= 0; i--) {
            Note note = notes.get(i);
            if (tag.isEmpty() || note.tags().contains(tag.get())) {
                out.add(note);
            }
        }
        return out;
    }

    /**
     * Finds the notes holding every word of {@code query} in their text or tags, ignoring case and
     * accents ("cafe" finds "Café"). Notes where the words occur more often come first (a word that
     * is a whole tag counts three times); among equals, newer notes first.
     *
     * @param query one or more words separated by spaces
     * @param tag   if present, only notes carrying this tag
     * @return the matching notes, best first; empty if the query has no words
     */
    List<Note> search(String query, Optional<String> tag) {
        String folded = fold(query).strip();
        if (folded.isEmpty()) {
            return List.of();
        }
        String[] words = WHITESPACE.split(folded);
        List<Note> candidates = newestFirst(tag);
        Map<Note, Integer> scores = new LinkedHashMap<>();
        for (Note note : candidates) {
            int score = score(note, words);
            if (score > 0) {
                scores.put(note, score);
            }
        }
        List<Note> found = new ArrayList<>(scores.keySet());
        // stable sort: equal scores keep the newest-first order of the candidates
        found.sort(Comparator.comparing(scores::get, Comparator.reverseOrder()));
        return found;
    }

    /** @return how often the words occur in the note, or 0 if one of them does not occur at all */
    private static int score(Note note, String[] words) {
        String text = fold(note.text());
        int total = 0;
        for (String word : words) {
            int hits = occurrences(text, word);
            for (String tag : note.tags()) {
                hits += tag.equals(word) ? 3 : tag.contains(word) ? 1 : 0;
            }
            if (hits == 0) {
                return 0;
            }
            total += hits;
        }
        return total;
    }

    private static int occurrences(String text, String word) {
        int count = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
            count++;
        }
        return count;
    }

    /** Lowercase, without accents: the form text is compared in. */
    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** @return the notes file's text: one note a line, so the file reads well and diffs well */
    String toJson() {
        StringBuilder out = new StringBuilder();
        out.append("{\"format\":").append(FORMAT).append(",\"nextId\":").append(nextId).append(",\"notes\":[");
        for (int i = 0; i < notes.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n").append(JsonWriter.write(notes.get(i).fields()));
        }
        out.append(notes.isEmpty() ? "]}\n" : "\n]}\n");
        return out.toString();
    }

    /**
     * @param json the notes file's text, as {@link #toJson()} writes it
     * @return the notebook it holds
     * @throws DamagedNotesException if it is not such a file, saying what is wrong
     */
    static NoteBook fromJson(String json) throws DamagedNotesException {
        try {
            Map<String, Object> file = JsonReader.readObject(json);
            if (!BigDecimal.valueOf(FORMAT).equals(file.get("format"))) {
                throw new DamagedNotesException("it is not in notes format " + FORMAT + " (\"format\" is "
                        + JsonWriter.write(file.get("format")) + ")");
            }
            long nextId = whole(file.get("nextId"), "nextId");
            if (!(file.get("notes") instanceof List<?> items)) {
                throw new DamagedNotesException("\"notes\" is not an array");
            }
            List<Note> notes = new ArrayList<>(items.size());
            for (Object item : items) {
                notes.add(note(item));
            }
            return new NoteBook(nextId, notes);
        } catch (JsonReader.MalformedJsonException e) {
            throw new DamagedNotesException("it is not valid JSON: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new DamagedNotesException(e.getMessage());
        }
    }

    private static Note note(Object item) throws DamagedNotesException {
        if (!(item instanceof Map<?, ?> fields)) {
            throw new DamagedNotesException("a note is " + JsonReader.typeName(item) + ", not an object");
        }
        long id = whole(fields.get("id"), "id");
        if (!(fields.get("created") instanceof String created) || !(fields.get("text") instanceof String text)
                || !(fields.get("tags") instanceof List<?> tagItems)) {
            throw new DamagedNotesException("note " + id + " lacks its created, tags or text field");
        }
        List<String> tags = new ArrayList<>();
        for (Object tag : tagItems) {
            if (!(tag instanceof String t)) {
                throw new DamagedNotesException("note " + id + " has a tag that is " + JsonReader.typeName(tag));
            }
            tags.add(t);
        }
        try {
            return new Note(id, Instant.parse(created), tags, text);
        } catch (DateTimeParseException e) {
            throw new DamagedNotesException("note " + id + " has the unreadable date " + JsonWriter.quote(created));
        }
    }

    private static long whole(Object value, String field) throws DamagedNotesException {
        if (value instanceof BigDecimal number) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                // reported below
            }
        }
        throw new DamagedNotesException("\"" + field + "\" is not a whole number");
    }
}
