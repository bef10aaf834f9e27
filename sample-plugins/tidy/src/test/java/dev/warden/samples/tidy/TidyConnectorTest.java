package dev.warden.samples.tidy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Json;
import dev.warden.api.PluginContext;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolResult;
import dev.warden.api.capability.Files;
import dev.warden.samples.json.JsonReader;
import dev.warden.samples.testing.GrantedContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TidyConnectorTest {

    private final WorkspaceFiles workspace = new WorkspaceFiles();
    /** What tidy is granted: files under ${workspace}, and nothing else. */
    private final PluginContext context = GrantedContext.forSample("tidy").grantingFiles(workspace);

    private ToolResult call(String tool, String input) throws Exception {
        return new TidyConnector().call(new ToolCall(tool, Json.parse(input)), context);
    }

    private Map<String, Object> json(String tool, String input) throws Exception {
        ToolResult result = call(tool, input);
        assertThat(result.isError()).as(result.content()).isFalse();
        assertThat(result.format()).isEqualTo(ToolResult.Format.JSON);
        return JsonReader.readObject(result.content());
    }

    @Test
    void planShowsTheMovesAndChangesNothing() throws Exception {
        workspace.with("Downloads/IMG_20260302_101500.jpg", "Downloads/taxes.pdf", "Downloads/Images/old.png",
                "Downloads/.hidden.jpg", "Downloads/keep.json");

        Map<String, Object> plan = json("plan", "{\"folder\": \"Downloads\", \"byDate\": \"month\"}");

        assertThat(plan.get("folder")).isEqualTo("${workspace}/Downloads");
        assertThat(plan.get("moves")).isEqualTo(List.of(
                Map.of("file", "IMG_20260302_101500.jpg", "to", "Images/2026-03/IMG_20260302_101500.jpg"),
                Map.of("file", "taxes.pdf", "to", "Documents/taxes.pdf")));
        assertThat(plan.get("left").toString()).contains("keep.json").contains("Images").doesNotContain(".hidden");
        assertThat(plan.get("summary")).isEqualTo("2 files to move into Documents, Images; 2 entries left as they are");
        assertThat(workspace.files).hasSize(5);
        assertThat(workspace.deleted).isEmpty();
    }

    @Test
    void organiseMovesEveryPlannedFileAndRemovesTheOldOnes() throws Exception {
        workspace.with("Downloads/a.jpg", "Downloads/b.pdf", "Downloads/notes.json");

        Map<String, Object> report = json("organise", "{\"folder\": \"Downloads\"}");

        assertThat(workspace.has("Downloads/Images/a.jpg")).isTrue();
        assertThat(workspace.has("Downloads/Documents/b.pdf")).isTrue();
        assertThat(workspace.has("Downloads/a.jpg")).isFalse();
        assertThat(workspace.has("Downloads/b.pdf")).isFalse();
        assertThat(workspace.has("Downloads/notes.json")).isTrue();
        assertThat(new String(workspace.files.get("${workspace}/Downloads/Images/a.jpg"))).isEqualTo("Downloads/a.jpg");
        assertThat(report.get("summary")).isEqualTo("Moved 2 files");
        assertThat(report.get("kept")).isEqualTo(List.of());
    }

    @Test
    void aDeclinedDeletionKeepsTheFileAndSaysWhereItsCopyIs() throws Exception {
        workspace.with("a.jpg", "b.jpg");
        workspace.declined.add("${workspace}/a.jpg");

        Map<String, Object> report = json("organise", "{}");

        assertThat(workspace.has("a.jpg")).isTrue();
        assertThat(workspace.has("b.jpg")).isFalse();
        assertThat(workspace.has("Images/b.jpg")).isTrue();
        assertThat(report.get("moved")).isEqualTo(List.of(Map.of("file", "b.jpg", "to", "Images/b.jpg")));
        assertThat(report.get("kept")).isEqualTo(List.of(Map.of("file", "a.jpg",
                "reason", "you chose to keep it here, so it stays; the copy made at Images/a.jpg can go")));
        assertThat(report.get("summary")).isEqualTo("Moved 1 file; kept 1 file where it was");
    }

    @Test
    void withoutTheOptionalWritePermissionOrganiseStopsAtOnceAndChangesNothing() throws Exception {
        workspace.with("a.jpg", "b.jpg");
        workspace.writeGranted = false;

        ToolResult result = call("organise", "{}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).startsWith("Stopped: tidy was not granted fs.write on ${workspace}/Images/a.jpg")
                .contains("warden grant warden-samples/tidy fs.write '${workspace}/**'")
                .endsWith("Moved 0 files; kept 2 files where they were");
        assertThat(workspace.files).containsOnlyKeys("${workspace}/a.jpg", "${workspace}/b.jpg");
        assertThat(call("plan", "{}").isError()).isFalse();
    }

    @Test
    void withoutTheDeletePermissionItStopsAfterTheFirstCopyAndSaysSo() throws Exception {
        workspace.with("a.jpg", "b.jpg");
        workspace.deleteGranted = false;

        ToolResult result = call("organise", "{}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("not granted fs.delete on ${workspace}/a.jpg");
        assertThat(workspace.has("Images/a.jpg")).isTrue();
        assertThat(workspace.has("a.jpg")).isTrue();
        assertThat(workspace.has("Images/b.jpg")).isFalse();
    }

    @Test
    void organiseCanMoveOnlyTheFilesThePersonPicked() throws Exception {
        workspace.with("a.jpg", "b.jpg", "c.json");

        Map<String, Object> report = json("organise", "{\"files\": [\"b.jpg\", \"c.json\", \"zzz.png\"]}");

        assertThat(workspace.has("a.jpg")).isTrue();
        assertThat(workspace.has("Images/b.jpg")).isTrue();
        assertThat(report.get("kept")).isEqualTo(List.of(
                Map.of("file", "c.json", "reason", "tidy does not sort .json files"),
                Map.of("file", "zzz.png", "reason", "there is no such file in ${workspace}")));
    }

    @Test
    void neverReplacesAFileAlreadyAtTheDestination() throws Exception {
        workspace.with("a.jpg", "Images/a.jpg");

        Map<String, Object> plan = json("plan", "{}");
        ToolResult organised = call("organise", "{}");

        assertThat(plan.get("moves")).isEqualTo(List.of());
        assertThat(organised.content()).startsWith("Nothing to organise in ${workspace}");
        assertThat(new String(workspace.files.get("${workspace}/Images/a.jpg"))).isEqualTo("Images/a.jpg");
    }

    @Test
    void refusesToTidyASoftwareProject() throws Exception {
        workspace.with("app/pom.xml", "app/diagram.png");

        ToolResult result = call("plan", "{\"folder\": \"app\"}");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("holds pom.xml, so it looks like a software project");
    }

    @Test
    void badInputIsAnErrorResultThatSaysWhatToSend() throws Exception {
        workspace.with("a.jpg", "notes.txt");

        assertThat(call("plan", "{\"folder\": \"../..\"}").content()).startsWith("plan: \"folder\" must name folders inside");
        assertThat(call("plan", "{\"byDate\": \"week\"}").content())
                .isEqualTo("plan: \"byDate\" is \"none\", \"year\" or \"month\", not \"week\"");
        assertThat(call("plan", "{\"folder\": \"Nowhere\"}").content()).startsWith("plan: there is no folder ${workspace}/Nowhere");
        assertThat(call("plan", "{\"folder\": \"notes.txt\"}").content()).contains("not a folder");
        assertThat(call("organise", "{\"files\": \"a.jpg\"}").content())
                .isEqualTo("organise: \"files\" must be an array of strings, not a string");
        assertThat(call("plan", "{\"path\": \"x\"}").content()).isEqualTo("plan has no field \"path\"; it takes byDate, folder");
        assertThat(call("plan", "[\"Downloads\"]").isError()).isTrue();
        assertThat(workspace.files).hasSize(2);
    }

    @Test
    void servesExactlyTheToolsItDeclares() {
        assertThat(new TidyConnector().tools()).containsExactlyInAnyOrder("plan", "organise");
        assertThat(new TidyPlugin().connectors()).hasSize(1);
    }
}
