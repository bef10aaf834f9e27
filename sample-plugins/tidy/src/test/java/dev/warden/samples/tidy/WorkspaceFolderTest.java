package dev.warden.samples.tidy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.samples.json.ToolInput.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceFolderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|${workspace}", ".|${workspace}", "./|${workspace}", "Downloads|${workspace}/Downloads",
        "./Downloads/|${workspace}/Downloads", "scans/2026|${workspace}/scans/2026", "My Files|${workspace}/My Files"})
    void turnsARelativeFolderIntoTheFilesNotation(String relative, String notation) throws Exception {
        assertThat(WorkspaceFolder.notation(relative)).isEqualTo(notation);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "~/Downloads", "..", "Downloads/../..", "a//b", "a/./b", ".ssh", "a/.git",
        "${home}/x", "a\\b", "tab\there"})
    void refusesWhatWouldLeaveTheWorkspaceOrReachHiddenFolders(String relative) {
        assertThatThrownBy(() -> WorkspaceFolder.notation(relative)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("\"folder\"");
    }
}
