package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Claude plugin format as Claude Code reads it, on the real marketplaces of {@code ../shared/corpus}: a
 * {@code strict: false} entry's skill list is the whole plugin, Claude Code's {@code NAME@MARKETPLACE} names a
 * plugin, and listings show the version of a plugin's own plugin.json. Skipped where the corpus is absent.
 */
class ClaudeFormatParityTest extends HomeFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void documentSkillsHasExactlyItsFourSkillsInTheReviewInfoAndTheInstalledPlugin() throws Exception {
        ok("marketplace", "add", "skills-snapshot", Corpus.cloned("anthropic-skills", temp).toString(), "--yes");

        CliRunner.Result review = ok("install", "document-skills@skills-snapshot", "--allow-unverified", "--yes");
        JsonNode info = JSON.readTree(ok("info", "document-skills@skills-snapshot", "--json").out());

        List<String> skills = new ArrayList<>();
        info.get("skills").forEach(s -> skills.add(s.get("path").stringValue()));
        assertThat(skills).containsExactlyInAnyOrder("skills/docx/SKILL.md", "skills/pdf/SKILL.md",
                "skills/pptx/SKILL.md", "skills/xlsx/SKILL.md");
        assertThat(info.get("id").stringValue()).isEqualTo("unverified-skills-snapshot/document-skills");
        assertThat(review.out()).contains("skills/docx/SKILL.md", "skills/xlsx/SKILL.md")
                .doesNotContain("algorithmic-art").doesNotContain("skill-creator").doesNotContain("skills/claude-api/");
        assertThat(ok("info", "document-skills").out()).contains("docx").doesNotContain("canvas-design");
    }

    @Test
    void hookifyInstallsByClaudeCodesIdAndItsCommandsAreShown() throws Exception {
        ok("marketplace", "add", "official-snapshot", Corpus.cloned("claude-plugins-official", temp).toString(), "--yes");

        JsonNode offer = JSON.readTree(ok("info", "hookify@official-snapshot", "--json").out());
        assertThat(offer.get("installed").booleanValue()).isFalse();
        assertThat(offer.get("id").stringValue()).isEqualTo("unverified-official-snapshot/hookify");

        CliRunner.Result installed = ok("install", "hookify@official-snapshot", "--allow-unverified", "--yes");
        assertThat(installed.out()).contains("Commands:").contains("commands/hookify.md");

        JsonNode info = JSON.readTree(ok("info", "hookify@official-snapshot", "--json").out());
        List<String> commands = new ArrayList<>();
        info.get("commands").forEach(c -> commands.add(c.get("name").stringValue()));
        assertThat(commands).containsExactlyInAnyOrder("configure", "help", "hookify", "list");
        ok("disable", "hookify@official-snapshot");
        ok("enable", "unverified-official-snapshot/hookify");
    }

    @Test
    void aNameAtAMarketplaceThatIsNotAddedOrDoesNotOfferItIsRefusedNamingIt() throws Exception {
        ok("marketplace", "add", "official-snapshot", Corpus.cloned("claude-plugins-official", temp).toString(), "--yes");

        assertThat(failsLeavingTheHome(ExitCode.ERROR, "install", "hookify@claude-plugins-elsewhere", "--allow-unverified",
                "--yes").err()).contains("no marketplace is named 'claude-plugins-elsewhere'", "official-snapshot");
        assertThat(failsLeavingTheHome(ExitCode.ERROR, "install", "no-such-plugin@official-snapshot", "--allow-unverified",
                "--yes").err()).contains("marketplace official-snapshot offers no plugin named 'no-such-plugin'");
        assertThat(failsLeavingTheHome(ExitCode.USAGE, "install", "hookify@official-snapshot@latest", "--yes").err())
                .contains("'hookify@official-snapshot@latest' is not a plugin to install", "NAME@MARKETPLACE");
        assertThat(failsLeavingTheHome(ExitCode.USAGE, "install", "hookify@1.x", "--yes").err())
                .contains("'hookify@1.x'");
    }

    @Test
    void listingsShowTheVersionOfAPluginsOwnPluginJsonWhereTheEntryHasNone() throws Exception {
        ok("marketplace", "add", "official-snapshot", Corpus.cloned("claude-plugins-official", temp).toString(), "--yes");

        Map<String, String> versions = new TreeMap<>();
        for (JsonNode hit : JSON.readTree(ok("search", "--json").out())) {
            versions.put(hit.get("id").stringValue().replaceFirst("^unverified-official-snapshot/", ""),
                    hit.get("version").stringValue());
        }
        // plugin.json alone names these versions; the marketplace entries name none
        assertThat(versions).containsEntry("claude-md-management", "1.0.0").containsEntry("claude-security", "0.10.2")
                .containsEntry("discord", "0.0.4").containsEntry("imessage", "0.1.0")
                // the entry's own version, and 0.0.0 where neither names one
                .containsEntry("security-guidance", "2.0.7").containsEntry("hookify", "0.0.0");
        assertThat(ok("search", "claude-security").out()).contains("0.10.2");
        assertThat(JSON.readTree(ok("info", "claude-security", "--json").out()).get("version").stringValue())
                .isEqualTo("0.10.2");
        assertThat(ok("install", "claude-security", "--allow-unverified", "--yes").out()).contains("0.10.2");
    }
}
