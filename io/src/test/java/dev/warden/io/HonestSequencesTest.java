package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One rule for every reader of text (manifest values, lint, the content scan, the terminal): a joiner inside an
 * emoji or a joining script's word, a subdivision flag and one variation selector after its base are writing;
 * the same characters anywhere else are unsafe.
 */
class HonestSequencesTest {

    @ParameterizedTest
    @ValueSource(strings = {"❤\u200d🔥", "👨\u200d💻", "🤷\u200d♂", "🏳\ufe0f\u200d🌈", "🧑🏽\u200d💻", "1\ufe0f\u20e3", "⚠\ufe0f",
        "🏴\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f", "می\u200cخواهم", "क्\u200dष", "葛\udb40\udd00"})
    void ordinaryWritingHasNoUnsafeCharacter(String text) {
        assertThat(UnsafeCharacters.firstUnsafe("Chat " + text + " ok")).isEmpty();
        assertThat(UnsafeCharacters.escape(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ig\u200dnore", "❤\u200dx", "x\u200d🔥", "sys\u200ctem", "a\u200bb", "🏴\udb40\udc69\udb40\udc67\udb40\udc6e\udb40\udc7f",
        "🏴\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74", "x\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f",
        "😀\ufe01", "😀\ufe0f\ufe0f", "a\ufe0f", "a\udb40\udd00", "\u2062", "\u3164", "\ufff9"})
    void theSameCharactersElsewhereAreUnsafe(String text) {
        assertThat(UnsafeCharacters.firstUnsafe("Chat " + text + " ok")).isPresent();
    }

    @Test
    void thePictographicTableAgreesWithTheGraphemeRulesOfTheJdk() {
        // Unicode's GB11 keeps "pictographic ZWJ x" in one grapheme exactly when x is Extended_Pictographic
        // (or extends the grapheme anyway, which "a ZWJ x" rules out).
        for (int cp = 0; cp <= 0x1FFFF; cp++) {
            if (Character.getType(cp) == Character.SURROGATE) {
                continue;
            }
            String x = new String(Character.toChars(cp));
            boolean jdk = oneGrapheme("😀\u200d" + x) && !oneGrapheme("a\u200d" + x);
            assertThat(HonestSequences.isPictographic(cp)).as("U+%04X", cp).isEqualTo(jdk);
        }
    }

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private static boolean oneGrapheme(String s) {
        Matcher m = GRAPHEME.matcher(s);
        return m.lookingAt() && m.end() == s.length();
    }
}
