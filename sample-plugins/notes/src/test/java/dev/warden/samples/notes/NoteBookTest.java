package dev.warden.samples.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoteBookTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    private static NoteBook book(String... texts) {
        NoteBook book = NoteBook.empty();
        for (int i = 0; i < texts.length; i++) {
            book = book.add(texts[i], List.of(), MONDAY.plusSeconds(i));
        }
        return book;
    }

    @Test
    void numbersNotesInOrderAndNeverReusesANumber() {
        NoteBook book = book("one", "two", "three").remove(3);

        NoteBook next = book.add("four", List.of(), MONDAY);

        assertThat(next.notes()).extracting(Note::id).containsExactly(1L, 2L, 4L);
        assertThat(next.nextId()).isEqualTo(5);
    }

    @Test
    void removingAnUnknownNoteChangesNothing() {
        NoteBook book = book("one");

        assertThat(book.remove(9)).isEqualTo(book);
        assertThat(book.find(9)).isEmpty();
    }

    @Test
    void listsNewestFirstAndFiltersByTag() {
        NoteBook book = NoteBook.empty()
                .add("buy milk", List.of("todo"), MONDAY)
                .add("ship 1.2", List.of("work", "todo"), MONDAY)
                .add("idea: a cat flap", List.of("idea"), MONDAY);

        assertThat(book.newestFirst(Optional.empty())).extracting(Note::text)
                .containsExactly("idea: a cat flap", "ship 1.2", "buy milk");
        assertThat(book.newestFirst(Optional.of("todo"))).extracting(Note::text).containsExactly("ship 1.2", "buy milk");
    }

    @Test
    void searchNeedsEveryWordAndIgnoresCaseAndAccents() {
        NoteBook book = book("Meet Zoë at the CAFÉ on Friday", "Cafe closed on Monday", "Zoe's birthday in May");

        assertThat(book.search("cafe zoe", Optional.empty())).extracting(Note::id).containsExactly(1L);
        assertThat(book.search("café", Optional.empty())).extracting(Note::id).containsExactly(2L, 1L);
        assertThat(book.search("  ", Optional.empty())).isEmpty();
        assertThat(book.search("tuesday", Optional.empty())).isEmpty();
    }

    @Test
    void searchRanksMoreOccurrencesAndWholeTagsFirstThenNewerNotes() {
        NoteBook book = NoteBook.empty()
                .add("garden: water the garden", List.of(), MONDAY)
                .add("seeds", List.of("garden"), MONDAY)
                .add("the garden gate squeaks", List.of(), MONDAY)
                .add("garden party", List.of(), MONDAY);

        assertThat(book.search("garden", Optional.empty())).extracting(Note::id).containsExactly(2L, 1L, 4L, 3L);
    }

    @Test
    void searchWithATagLooksOnlyAtNotesCarryingIt() {
        NoteBook book = NoteBook.empty()
                .add("call the plumber", List.of("home"), MONDAY)
                .add("call the client", List.of("work"), MONDAY);

        assertThat(book.search("call", Optional.of("work"))).extracting(Note::id).containsExactly(2L);
    }

    @Test
    void theNotesFileReadsBackAsTheSameNotebook() throws Exception {
        NoteBook book = NoteBook.empty()
                .add("line one\nline \"two\"", List.of("a", "b-2"), MONDAY)
                .add("caf\u00e9 \ud83d\ude00", List.of(), MONDAY.plusSeconds(60))
                .remove(1);

        String json = book.toJson();

        assertThat(NoteBook.fromJson(json)).isEqualTo(book);
        assertThat(json).startsWith("{\"format\":1,\"nextId\":3,\"notes\":[\n{\"id\":2,");
        assertThat(NoteBook.fromJson(NoteBook.empty().toJson())).isEqualTo(NoteBook.empty());
    }

    @Test
    void aDamagedNotesFileIsReportedNotGuessedAt() {
        assertThatThrownBy(() -> NoteBook.fromJson("{\"format\":1,\"nextId\":2,\"notes\":[")).isInstanceOf(DamagedNotesException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> NoteBook.fromJson("{\"format\":2,\"nextId\":1,\"notes\":[]}"))
                .hasMessageContaining("not in notes format 1");
        assertThatThrownBy(() -> NoteBook.fromJson("{\"format\":1,\"nextId\":1,\"notes\":[{\"id\":1,"
                + "\"created\":\"2026-03-02T09:00:00Z\",\"tags\":[],\"text\":\"x\"}]}"))
                .hasMessageContaining("next id 1 must be larger");
        assertThatThrownBy(() -> NoteBook.fromJson("{\"format\":1,\"nextId\":5,\"notes\":[{\"id\":1,"
                + "\"created\":\"Monday\",\"tags\":[],\"text\":\"x\"}]}"))
                .hasMessageContaining("unreadable date");
        assertThatThrownBy(() -> NoteBook.fromJson("{\"format\":1,\"nextId\":5,\"notes\":[{\"id\":1,"
                + "\"created\":\"2026-03-02T09:00:00Z\",\"tags\":[\"Not A Tag\"],\"text\":\"x\"}]}"))
                .hasMessageContaining("lowercase letters");
    }

    @Test
    void aNoteRefusesEmptyTextTooMuchTextAndBadTags() {
        assertThat(Note.textProblem(" ")).isPresent();
        assertThat(Note.textProblem("x".repeat(Note.MAX_TEXT))).isEmpty();
        assertThat(Note.textProblem("x".repeat(Note.MAX_TEXT + 1))).get().asString().contains("at most 2000");
        assertThat(Note.tagsProblem(List.of("ok", "ok"))).get().asString().contains("twice");
        assertThat(Note.tagsProblem(List.of("-dash", "x"))).isPresent();
        assertThat(Note.tagsProblem(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"))).isPresent();
        assertThatThrownBy(() -> new Note(1, MONDAY, List.of("UPPER"), "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
