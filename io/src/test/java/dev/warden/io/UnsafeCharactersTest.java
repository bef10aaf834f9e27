package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one notation for showing untrusted text: every character unsafe where it stands as a visible escape. */
class UnsafeCharactersTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u001b[2J", "\u202e", "\u2066", "\u200b", "\ufeff", "\u0007", "\u009b", "\udb40\udc41"})
    void showsTerminalControllingAndInvisibleCharactersAsVisibleEscapes(String hidden) {
        String shown = UnsafeCharacters.escapeMultiline("acme" + hidden + "weather");

        assertThat(shown).startsWith("acme\\u").endsWith("weather");
        assertThat(shown.codePoints().filter(UnsafeCharacters::isUnsafe)).isEmpty();
    }

    @Test
    void leavesOrdinaryTextIncludingNonAsciiLettersAlone() {
        String text = "Café 天气 — ok\n";

        assertThat(UnsafeCharacters.escapeMultiline(text)).isSameAs(text);
        assertThat(UnsafeCharacters.escape("Café 天气 — ok")).isEqualTo("Café 天气 — ok");
    }

    @Test
    void leavesEmojiSequencesAndFlagsAloneButEscapesAJoinerInsideAWord() {
        String emoji = "❤\u200d🔥 👨\u200d💻 🏴\udb40\udc67\udb40\udc62\udb40\udc77\udb40\udc6c\udb40\udc73\udb40\udc7f";
        assertThat(UnsafeCharacters.escapeMultiline(emoji)).isEqualTo(emoji);
        assertThat(UnsafeCharacters.escapeMultiline("ig\u200dnore")).isEqualTo("ig\\u200Dnore");
        assertThat(UnsafeCharacters.escapeMultiline("😀\ufe01\ufe02")).isEqualTo("😀\\uFE01\\uFE02");
        assertThat(UnsafeCharacters.escape("tag\udb40\udc41")).isEqualTo("tag\\u{E0041}");
    }

    @Test
    void theOneLineFormShowsLineBreaksAndTabs() {
        assertThat(UnsafeCharacters.escape("a\nb\tc")).isEqualTo("a\\u000Ab\\u0009c");
        assertThat(UnsafeCharacters.escape(null)).isEmpty();
    }

    @Test
    void aNotationThatEmbedsTheTextEscapesItsOwnQuotesToo() {
        assertThat(UnsafeCharacters.escape("it's\\", "'\\")).isEqualTo("it\\u0027s\\u005C");
        assertThat(UnsafeCharacters.quote("say \"hi\"\u202e")).isEqualTo("\"say \\u0022hi\\u0022\\u202E\"");
    }

    @Test
    void aQuoteIsCutAtItsLimitWithoutSplittingAPair() {
        assertThat(UnsafeCharacters.quote("x".repeat(121))).isEqualTo("\"" + "x".repeat(120) + "...\"");
        assertThat(UnsafeCharacters.quote("x".repeat(4) + "😀x", 5)).isEqualTo("\"xxxx😀...\"");
    }

    @Test
    void aCutEscapeEndsWithAnEllipsis() {
        assertThat(UnsafeCharacters.escape("x".repeat(201), 200)).isEqualTo("x".repeat(200) + "…");
        assertThat(UnsafeCharacters.escape("x".repeat(200), 200)).isEqualTo("x".repeat(200));
        assertThat(UnsafeCharacters.escape("\n".repeat(100), 200)).startsWith("\\u000A").endsWith("…").hasSizeLessThan(206);
    }
}
