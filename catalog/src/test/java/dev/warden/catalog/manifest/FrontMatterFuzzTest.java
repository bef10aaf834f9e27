package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the SKILL.md / agent front-matter reader: it never throws, and what it returns are single-line,
 * non-empty keys with single-line values. Seeds are the front matters the fixtures write.
 */
class FrontMatterFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyTextGivesSingleLineKeysAndValuesOrNothing(@NotNull String text) {
        Optional<Map<String, String>> front = FrontMatter.read(text);

        front.ifPresent(values -> values.forEach((key, value) -> {
            assertThat(key).isNotBlank().doesNotContain("\n", "\r");
            assertThat(value).doesNotContain("\n", "\r");
        }));
    }

    /** Found by this target: a lone CR ends a line in YAML, so the agent reading the file sees two keys here. */
    @Test
    void aLoneCarriageReturnEndsALineAsInYaml() {
        assertThat(FrontMatter.read("---\rname: helper\rdescription: evil\r---\rbody"))
                .contains(Map.of("name", "helper", "description", "evil"));
    }

    static Stream<String> seeds() {
        return Stream.of(
                "---\nname: forecast\ndescription: forecasts\n---\nUse the tool.\n",
                "---\r\nname: \"quoted\"\r\ndescription: >\r\n  folded\r\n  text\r\n---\r\nbody",
                "---\nname: 'helper'\n# comment\nallowed-tools: [Bash, Read]\nmodel: |-\n  x\n---\n",
                "---\nname: open\n",
                "no front matter\n---\n");
    }
}
