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

    @ParameterizedTest(name = "{0} does not look like {1}")
    @CsvSource({"weather,acme", "acme,acme", "ab,ac", "github,gitlab"})
    void leavesDistinctNamesAndTheSameNameAlone(String candidate, String trusted) {
        assertThat(LookAlikes.of(candidate, List.of(trusted))).isEmpty();
    }
}
