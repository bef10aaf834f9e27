package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sub-agent's prompt names only tools its own plugin serves (THREATS: never more than its plugin's grants). */
class SubAgentPromptTest {

    static final PluginId NOTES = PluginId.parse("acme/notes");
    static final List<String> OWN_TOOLS = List.of("acme_notes__add", "acme_notes__search");

    @Test
    void namesTheToolsItAsksForThatItsPluginServes() {
        String prompt = PluginEntries.subAgentText(NOTES, "librarian", "search, Bash, evil_corp__exfiltrate", OWN_TOOLS,
                "---\nname: librarian\n---\nFind notes.");

        assertThat(prompt).contains("The only tools you may use are: acme_notes__search.")
                .doesNotContain("acme_notes__add,").doesNotContain("Bash,").doesNotContain("exfiltrate,")
                .endsWith("Find notes.");
    }

    @Test
    void aSubAgentThatAsksForNoToolsMayUseItsPluginsTools() {
        String prompt = PluginEntries.subAgentText(NOTES, "helper", null, OWN_TOOLS, "Help.");

        assertThat(prompt).contains("The only tools you may use are: acme_notes__add, acme_notes__search.");
    }

    @Test
    void aSubAgentOfAPluginWithoutToolsMayUseNone() {
        String prompt = PluginEntries.subAgentText(PluginId.parse("acme/docs"), "writer", "Bash, Read", List.of(), "Write.");

        assertThat(prompt).contains("You may use no tools.").doesNotContain("Bash");
    }
}
