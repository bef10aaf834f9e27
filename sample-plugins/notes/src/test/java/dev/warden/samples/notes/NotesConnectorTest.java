package dev.warden.samples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Json;
import dev.warden.api.PluginContext;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolResult;
import dev.warden.api.capability.Files;
import dev.warden.samples.json.JsonReader;
import dev.warden.samples.testing.GrantedContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotesConnectorTest {

    private final MemoryFiles files = new MemoryFiles();
    /** What notes is granted: files below ${plugin_data}, and nothing else. */
    private final PluginContext context = GrantedContext.forSample("notes").grantingFiles(files);
    private final NotesConnector notes = new NotesConnector(Clock.fixed(Instant.parse("2026-03-02T09:00:00.123Z"), ZoneOffset.UTC));


    private ToolResult call(String tool, String input) throws Exception {
        return notes.call(new ToolCall(tool, Json.parse(input)), context);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(ToolResult result) throws Exception {
        assertThat(result.isError()).as(result.content()).isFalse();
        assertThat(result.format()).isEqualTo(ToolResult.Format.JSON);
        return JsonReader.readObject(result.content());
    }

    @Test
    void addsANoteToTheDataFolderAndReturnsItWithItsId() throws Exception {
        Map<String, Object> added = json(call("add", "{\"text\": \" Dentist moved to Tuesday \", \"tags\": [\"health\"]}"));

        assertThat(added.get("added")).isEqualTo(Map.of("id", java.math.BigDecimal.ONE, "created", "2026-03-02T09:00:00Z",
                "tags", List.of("health"), "text", "Dentist moved to Tuesday"));
        assertThat(files.files).containsOnlyKeys("${plugin_data}/notes.json");
        assertThat(new String(files.files.get("${plugin_data}/notes.json"), StandardCharsets.UTF_8)).contains("Dentist moved to Tuesday");
    }

    @Test
    void listSearchAndRemoveWorkOnWhatWasAdded() throws Exception {
        call("add", "{\"text\": \"Buy oat milk\", \"tags\": [\"todo\"]}");
        call("add", "{\"text\": \"Renew the passport before June\", \"tags\": [\"todo\", \"travel\"]}");
        call("add", "{\"text\": \"The Wi-Fi at the caf\u00e9 is slow\"}");

        Map<String, Object> todos = json(call("list", "{\"tag\": \"todo\", \"limit\": 1}"));
        Map<String, Object> found = json(call("search", "{\"query\": \"CAFE wi-fi\"}"));
        Map<String, Object> removed = json(call("remove", "{\"id\": 1}"));
        Map<String, Object> rest = json(call("list", "{}"));

        assertThat(todos.get("shown")).isEqualTo(java.math.BigDecimal.ONE);
        assertThat(todos.get("total")).isEqualTo(java.math.BigDecimal.valueOf(2));
        assertThat(todos.get("notes").toString()).contains("passport").doesNotContain("milk");
        assertThat(found.get("matches")).isEqualTo(java.math.BigDecimal.ONE);
        assertThat(found.get("notes").toString()).contains("Wi-Fi");
        assertThat(removed.get("removed").toString()).contains("oat milk");
        assertThat(rest.get("total")).isEqualTo(java.math.BigDecimal.valueOf(2));
        assertThat(rest.get("notes").toString()).doesNotContain("oat milk");
    }

    @Test
    void listingBeforeTheFirstNoteFindsNoneAndWritesNothing() throws Exception {
        Map<String, Object> listed = json(call("list", "{}"));

        assertThat(listed.get("notes")).isEqualTo(List.of());
        assertThat(files.writes).isZero();
    }

    @Test
    void badInputIsAnErrorResultThatSaysWhatToSend() throws Exception {
        assertThat(call("add", "{}").content()).isEqualTo("add needs the field \"text\"");
        assertThat(call("add", "{\"text\": 5}").content()).isEqualTo("add: \"text\" must be a string, not a number");
        assertThat(call("add", "{\"text\": \"x\", \"tags\": [\"Two Words\"]}").content()).contains("lowercase letters");
        assertThat(call("add", "{\"text\": \"x\", \"colour\": \"red\"}").content())
                .isEqualTo("add has no field \"colour\"; it takes tags, text");
        assertThat(call("add", "{\"text\": \"" + "x".repeat(2001) + "\"}").content()).contains("at most 2000");
        assertThat(call("list", "{\"limit\": 0}").content()).isEqualTo("list: \"limit\" must be from 1 to 100, not 0");
        assertThat(call("list", "{\"limit\": 2.5}").content()).contains("whole number");
        assertThat(call("search", "{\"query\": \"   \"}").content()).isEqualTo("search: \"query\" must not be empty");
        assertThat(call("remove", "{\"id\": \"1\"}").content()).isEqualTo("remove: \"id\" must be a whole number, not a string");
        assertThat(call("remove", "[1]").content()).isEqualTo("remove: the input must be a JSON object, not an array");
        assertThat(call("remove", "{\"id\": 3}").content()).startsWith("remove: there is no note 3");
        assertThat(call("add", "{}").isError()).isTrue();
        assertThat(files.writes).isZero();
    }

    @Test
    void aDamagedNotesFileIsLeftAsItIsAndExplained() throws Exception {
        byte[] damaged = "{\"notes\": oops".getBytes(StandardCharsets.UTF_8);
        files.files.put("${plugin_data}/notes.json", damaged);

        ToolResult result = call("add", "{\"text\": \"x\"}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("cannot be read").contains("left as it is");
        assertThat(files.files.get("${plugin_data}/notes.json")).isEqualTo(damaged);
    }

    @Test
    void servesExactlyTheToolsItDeclares() {
        assertThat(notes.tools()).containsExactlyInAnyOrder("add", "list", "search", "remove");
        assertThat(new NotesPlugin().connectors()).hasSize(1);
    }
}
