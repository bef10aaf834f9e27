package dev.warden.manager.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pre-approved tools a command lists are read as the agent's YAML reader reads them, so none is hidden. */
class FrontMatterListTest {

    @Test
    void readsInlineFlowAndBlockListsAndBothCopiesOfAKeyWrittenTwice() {
        String text = "---\nallowed-tools: Read, Bash(git:*)\nname: x\nallowed-tools:\n  - Write\n  - \"Edit\"\n---\nbody\n";

        assertThat(FrontMatterList.read(text, "allowed-tools")).containsExactly("Read", "Bash(git:*)", "Write", "Edit");
    }

    @Test
    void aLoneCarriageReturnEndsALineAsInYamlSoTheListIsNotHiddenInTheLineBefore() {
        String text = "---\rname: x\rallowed-tools: [Bash, Write]\r---\rbody";

        assertThat(FrontMatterList.read(text, "allowed-tools")).containsExactly("Bash", "Write");
    }

    @Test
    void aCommentLineInsideABlockListDoesNotHideTheItemsAfterIt() {
        String text = "---\nallowed-tools:\n  - Read\n# the dangerous one\n  - Bash\n---\n";

        assertThat(FrontMatterList.read(text, "allowed-tools")).containsExactly("Read", "Bash");
        assertThat(FrontMatterList.block(text, "allowed-tools")).containsExactly("- Read", "- Bash");
    }

    @Test
    void textWithoutAClosedFrontMatterListsNothing() {
        assertThat(FrontMatterList.read("allowed-tools: Bash\n", "allowed-tools")).isEmpty();
        assertThat(FrontMatterList.read("---\nallowed-tools: Bash\n", "allowed-tools")).isEmpty();
    }
}
