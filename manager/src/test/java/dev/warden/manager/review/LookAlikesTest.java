package dev.warden.manager.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LookAlikesTest {

    @ParameterizedTest(name = "{0} looks like {1}")
    @CsvSource({"acrne,acme", "paypa1,paypal", "my-tools,mytools", "anthroplc,anthropic", "acmee,acme", "g00gle,google"})
    void flagsNamesAPersonCouldMistakeForATrustedOne(String candidate, String trusted) {
        assertThat(LookAlikes.of(candidate, List.of(trusted, "unrelated"))).containsExactly(trusted);
    }

    @ParameterizedTest(name = "{0} looks like {1}")
    @CsvSource({"\u0430cme,acme", "ACME,acme", "acme.,acme", "acme-,acme", "a-c-m-e,acme", "4cm3,acme", "acrn3,acme",
        "\u0456b\u043c,ibm", "vvidget,widget", "8ank,bank", "9lobex,globex", "ac\u00e9me,acme", "\uff41\uff43\uff4d\uff45,acme",
        "\u03bf\u03c1en,open", "s1x,six"})
    void flagsCaseUnicodeAndDigitTwinsEvenWhenShortOrSeveralAtOnce(String candidate, String trusted) {
        assertThat(LookAlikes.of(candidate, List.of(trusted, "unrelated"))).containsExactly(trusted);
    }

    @ParameterizedTest(name = "{0} does not look like {1}")
    @CsvSource({"weather,acme", "acme,acme", "ab,ac", "github,gitlab"})
    void leavesDistinctNamesAndTheSameNameAlone(String candidate, String trusted) {
        assertThat(LookAlikes.of(candidate, List.of(trusted))).isEmpty();
    }
}
