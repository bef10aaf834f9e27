package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
        assertThat(PluginInput.shown("a\0b\nc\u007f")).isEqualTo("a\\u0000b\\u000ac\\u007f");
    }

    @Test
    void longInputIsCutAndMarked() {
        assertThat(PluginInput.shown("x".repeat(201))).isEqualTo("x".repeat(200) + "…");
        assertThat(PluginInput.shown("\n".repeat(100))).startsWith("\\u000a").hasSizeLessThan(200 + 6);
    }
}
