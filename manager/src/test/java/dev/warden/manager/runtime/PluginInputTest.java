package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a plugin's input is shown in audit entries and messages. */
class PluginInputTest {

    @Test
    void plainShortInputIsShownAsItIs() {
        String input = "${workspace}/reports/today.csv";
        assertThat(PluginInput.shown(input)).isSameAs(input);
        assertThat(PluginInput.shown("x".repeat(200))).isEqualTo("x".repeat(200));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(PluginInput.shown("a\0b\nc\u007f")).isEqualTo("a\\u0000b\\u000Ac\\u007F");
    }

    @ParameterizedTest
    @ValueSource(strings = {"report\u202Etxt.exe", "GITHUB\u200B_TOKEN", "a\u2066b\u2069", "x\u200Dy", "tag\uDB40\uDC41"})
    void bidiZeroWidthAndTagCharactersAreEscaped(String input) {
        String shown = PluginInput.shown(input);

        assertThat(shown).contains("\\u").doesNotContain("\u202E", "\u200B", "\u2066", "\u2069", "\u200D", "\uDB40");
    }

    @Test
    void longInputIsCutAndMarked() {
        assertThat(PluginInput.shown("x".repeat(201))).isEqualTo("x".repeat(200) + "…");
        assertThat(PluginInput.shown("\n".repeat(100))).startsWith("\\u000A").hasSizeLessThan(200 + 6);
    }
}
