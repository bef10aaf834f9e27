package dev.warden.manager.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u001b[2J", "\u202e", "\u2066", "\u200b", "\ufeff", "\u0007", "\u009b", "\udb40\udc41"})
    void showsTerminalControllingAndInvisibleCharactersAsVisibleMarks(String hidden) {
        String shown = TerminalText.safe("acme" + hidden + "weather");

        assertThat(shown).startsWith("acme<U+").endsWith("weather");
        assertThat(shown.codePoints().filter(TerminalText::isUnsafe)).isEmpty();
    }

    @Test
    void leavesOrdinaryTextIncludingNonAsciiLettersAlone() {
        assertThat(TerminalText.safe("Café 天气 — ok\n")).isEqualTo("Café 天气 — ok\n");
    }

    @Test
    void leavesEmojiSequencesAndFlagsAloneButMarksAJoinerInsideAWord() {
        String emoji = "❤\u200d🔥 👨\u200d💻 🏴\udb40\udc67\udb40\udc62\udb40\udc77\udb40\udc6c\udb40\udc73\udb40\udc7f";
        assertThat(TerminalText.safe(emoji)).isEqualTo(emoji);
        assertThat(TerminalText.safe("ig\u200dnore")).isEqualTo("ig<U+200D>nore");
        assertThat(TerminalText.safe("😀\ufe01\ufe02")).isEqualTo("😀<U+FE01><U+FE02>");
    }

    @Test
    void oneLineFormShowsLineBreaks() {
        assertThat(TerminalText.safeLine("a\nb")).isEqualTo("a<U+000A>b");
    }
}
