package dev.warden.samples.notes;

import dev.warden.api.Connector;
import dev.warden.api.PluginContext;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolException;
import dev.warden.api.ToolResult;
import dev.warden.api.capability.CapabilityException;
import dev.warden.samples.json.JsonWriter;
import dev.warden.samples.json.ToolInput;
import dev.warden.samples.json.ToolInput.BadInputException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The four note tools. Each call loads the notebook from the data folder, and a change saves it
 * back whole; calls are serialised so two changes never overwrite each other. Results are JSON;
 * wrong input and a damaged notes file are {@link ToolResult#error} results the model can act on.
 */
final class NotesConnector implements Connector {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_QUERY = 200;

    private final Clock clock;

    NotesConnector() {
        this(Clock.systemUTC());
    }

    /** @param clock when notes are created; tests pass a fixed one */
    NotesConnector(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Set<String> tools() {
        return Set.of("add", "list", "search", "remove");
    }

    @Override
    public synchronized ToolResult call(ToolCall call, PluginContext context) throws ToolException {
        NoteStore store = new NoteStore(context.files());
        try {
            switch (call.tool()) {
                case "add":
                    return add(ToolInput.of("add", call.input(), Set.of("text", "tags")), store);
                case "list":
                    return list(ToolInput.of("list", call.input(), Set.of("tag", "limit")), store);
                case "search":
                    return search(ToolInput.of("search", call.input(), Set.of("query", "tag", "limit")), store);
                case "remove":
                    return remove(ToolInput.of("remove", call.input(), Set.of("id")), store);
                default:
                    return ToolResult.error("the notes plugin has no tool " + JsonWriter.quote(call.tool()));
            }
        } catch (BadInputException e) {
            return ToolResult.error(e.getMessage());
        } catch (DamagedNotesException e) {
            return ToolResult.error("the notes file cannot be read (" + e.getMessage() + "). It was left as it is: fix or"
                    + " move notes.json in the plugin's data folder ($WARDEN_HOME/data/warden-samples/notes/) to go on.");
        } catch (CapabilityException e) {
            throw new ToolException("could not reach the notes file: " + e.getMessage(), e);
        }
    }

    private ToolResult add(ToolInput input, NoteStore store)
            throws BadInputException, CapabilityException, DamagedNotesException {
        String text = input.requiredString("text").strip();
        List<String> tags = input.strings("tags", Note.MAX_TAGS);
        Optional<String> problem = Note.textProblem(text);
        if (problem.isEmpty()) {
            problem = Note.tagsProblem(tags);
        }
        if (problem.isPresent()) {
            return ToolResult.error("add: " + problem.get());
        }
        NoteBook book = store.load();
        if (book.isFull()) {
            return ToolResult.error("add: the notebook holds " + NoteBook.MAX_NOTES
                    + " notes, as many as it can; remove old ones first");
        }
        NoteBook added = book.add(text, tags, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        store.save(added);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("added", added.notes().get(added.notes().size() - 1).fields());
        result.put("total", added.notes().size());
        return ToolResult.json(JsonWriter.write(result));
    }

    private ToolResult list(ToolInput input, NoteStore store)
            throws BadInputException, CapabilityException, DamagedNotesException {
        Optional<String> tag = tag(input);
        int limit = limit(input);
        return page(new LinkedHashMap<>(), store.load().newestFirst(tag), limit, "total");
    }

    private ToolResult search(ToolInput input, NoteStore store)
            throws BadInputException, CapabilityException, DamagedNotesException {
        String query = input.requiredString("query");
        if (query.length() > MAX_QUERY) {
            return ToolResult.error("search: the query has " + query.length() + " characters; use at most " + MAX_QUERY
                    + ", a few words");
        }
        Optional<String> tag = tag(input);
        int limit = limit(input);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("query", query);
        return page(result, store.load().search(query, tag), limit, "matches");
    }

    private ToolResult remove(ToolInput input, NoteStore store)
            throws BadInputException, CapabilityException, DamagedNotesException {
        long id = input.requiredInteger("id", 1, Long.MAX_VALUE);
        NoteBook book = store.load();
        Optional<Note> note = book.find(id);
        if (note.isEmpty()) {
            return ToolResult.error("remove: there is no note " + id + "; 'list' or 'search' shows the notes and their ids");
        }
        NoteBook rest = book.remove(id);
        store.save(rest);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("removed", note.get().fields());
        result.put("total", rest.notes().size());
        return ToolResult.json(JsonWriter.write(result));
    }

    private static Optional<String> tag(ToolInput input) throws BadInputException {
        Optional<String> tag = input.string("tag");
        if (tag.isPresent()) {
            Optional<String> problem = Note.tagProblem(tag.get());
            if (problem.isPresent()) {
                throw new BadInputException(problem.get());
            }
        }
        return tag;
    }

    private static int limit(ToolInput input) throws BadInputException {
        return (int) (long) input.integer("limit", 1, MAX_LIMIT).orElse((long) DEFAULT_LIMIT);
    }

    /** Adds the first {@code limit} notes, how many those are, and under {@code countName} how many there are in all. */
    private static ToolResult page(Map<String, Object> result, List<Note> notes, int limit, String countName) {
        result.put("notes", notes.stream().limit(limit).map(Note::fields).toList());
        result.put("shown", Math.min(limit, notes.size()));
        result.put(countName, notes.size());
        return ToolResult.json(JsonWriter.write(result));
    }
}
