package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LatinLookAlikesTest {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({"\u0430,a", "\u0410,A", "\u03bf,o", "\u039f,O", "\u0455,s", "\u0261,g", "\u0585,o", "\u2113,l", "\u03b7,n",
        "\u0451,e"})
    void aLetterDrawnLikeALatinOneReadsAsIt(char alike, char latin) {
        assertThat(LatinLookAlikes.latin(alike)).isEqualTo(latin);
    }

    @ParameterizedTest
    @ValueSource(ints = {'a', 'Z', '0', 0x0431, 0x03bb, 0x5929, 0x1F600})
    void everyOtherCharacterStaysItself(int cp) {
        assertThat(LatinLookAlikes.latin(cp)).isEqualTo(cp);
    }
}
