package dev.warden.catalog.manifest;

import static dev.warden.catalog.testing.ManifestJson.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.testing.ManifestJson;
import dev.warden.catalog.testing.PluginFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest parser and the linter read text by the one unsafe-text rule: emoji sequences are writing. */
class HonestTextInManifestsTest {

    @TempDir
    Path dir;

    @Test
    void aManifestDescriptionWithAnEmojiSequenceParses() throws ManifestException {
        ManifestParser.standard().parse(ManifestJson.valid().with("description", str("Chat bridge ❤\u200d🔥 for teams")).bytes());
    }

    @Test
    void aSkillWithAnEmojiSequenceLintsButOneWithAJoinerInAWordDoesNot() {
        PluginFolder.in(dir).manifest(ManifestJson.valid().with("skills", str("./skills/")))
                .skill("react", "name: react\ndescription: Reacts with 👨\u200d💻 or ❤\u200d🔥");
        assertThat(new ManifestLinter().lint(dir, false).findings()).isEmpty();

        PluginFolder.in(dir).skill("react", "name: react\ndescription: Re\u200dacts");
        assertThat(new ManifestLinter().lint(dir, false).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("U+200D"));
    }
}
