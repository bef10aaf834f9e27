package dev.warden.catalog.manifest;

import dev.warden.io.UnsafeCharacters;

import static dev.warden.catalog.testing.ManifestJson.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.catalog.testing.ManifestJson;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strings that could disguise text on a terminal or a review screen are refused wherever they appear. */
class UnsafeTextTest {

    private static List<ManifestProblem> problems(ManifestJson json) {
        ManifestException e = catchThrowableOfType(ManifestException.class,
                () -> ManifestParser.standard().parse(json.bytes()));
        assertThat(e).as("the manifest should have been refused").isNotNull();
        return e.problems();
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x07, 0x0D, 0x1B, 0x7F, 0x85, 0x9B, 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
            0x202A, 0x202E, 0x2060, 0x2066, 0x2069, 0xFEFF, 0xE0001, 0xE0041, 0xE007F})
    void refusesTheCharacterInAValueAndInAKeyNamingBothPaths(int codePoint) {
        String unsafe = new String(Character.toChars(codePoint));
        ManifestJson json = ManifestJson.valid()
                .with("description", str("Forecasts" + unsafe + "today"))
                .with("userConfig", "{" + str("ke" + unsafe + "y") + ": {\"description\": \"ok\"}}");
        List<ManifestProblem> problems = problems(json);
        assertThat(problems).extracting(ManifestProblem::path)
                .containsExactly("$.description", "$.userConfig['ke" + String.format(codePoint <= 0xFFFF ? "\\u%04X" : "\\u{%X}", codePoint) + "y']");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.message()).contains(String.format("U+%04X", codePoint));
            assertThat(p.path() + p.message()).doesNotContain(unsafe);
        });
    }

    @org.junit.jupiter.api.Test
    void refusesAnUnpairedSurrogateInAValueOrAKey() {
        assertThat(problems(ManifestJson.valid().with("description", "\"a\\ud800b\"")))
                .extracting(ManifestProblem::path).containsExactly("$.description");
        assertThat(problems(ManifestJson.valid().with("userConfig", "{\"a\\udc00\": 1}")))
                .extracting(ManifestProblem::path).singleElement().asString().startsWith("$.userConfig");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u001B[2J\u001B[Hall clear", "safe \u202Egnp.exe", "tag\uDB40\uDC41hidden"})
    void refusesAnsiBidiAndTagTricksInAPermissionReason(String reason) {
        assertThat(problems(ManifestJson.minimal().permission("env.read", "PATH", reason)))
                .extracting(ManifestProblem::path).contains("$.permissions[0].reason");
    }

    @Property(tries = 300)
    void refusesAnyStringWithAnInjectedUnsafeCharacterAnywhere(
            @ForAll @StringLength(max = 40) String text,
            @ForAll("unsafe") int codePoint,
            @ForAll @IntRange(min = 0, max = 40) int position) {
        int at = text.offsetByCodePoints(0, Math.min(position, text.codePointCount(0, text.length())));
        String injected = text.substring(0, at) + new String(Character.toChars(codePoint)) + text.substring(at);
        // a joiner between letters of a joining script, or inside an emoji sequence, is honest text (HonestSequencesTest)
        Assume.that(UnsafeCharacters.isUnsafeAt(injected, at));
        List<ManifestProblem> problems = problems(ManifestJson.valid().with("description", str(injected)));
        assertThat(problems).extracting(ManifestProblem::path).contains("$.description");
    }

    @Provide
    Arbitrary<Integer> unsafe() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x1F).filter(c -> c != '\n' && c != '\t'),
                Arbitraries.integers().between(0x7F, 0x9F),
                Arbitraries.integers().between(0x202A, 0x202E),
                Arbitraries.integers().between(0x2066, 0x2069),
                Arbitraries.of(0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x061C),
                Arbitraries.integers().between(0xE0000, 0xE007F));
    }
}
