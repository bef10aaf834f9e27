package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VersionRangeTest {

    /** range ; versions it holds | versions it does not hold (space-separated); the desugaring of node-semver's README. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            ^2.0            ; 2.0.0 2.1.0 2.9.9                 ; 1.9.9 3.0.0 2.1.0-beta.1
            ^1.2.3          ; 1.2.3 1.9.0                       ; 1.2.2 2.0.0 2.0.0-0
            ^0.2.3          ; 0.2.3 0.2.9                       ; 0.3.0 0.2.2
            ^0.0.3          ; 0.0.3                             ; 0.0.4 0.0.2
            ^0.0            ; 0.0.0 0.0.9                       ; 0.1.0
            ^0.x            ; 0.0.0 0.9.9                       ; 1.0.0
            ^1.x            ; 1.0.0 1.99.0                      ; 2.0.0 0.9.0
            ~2.1.0          ; 2.1.0 2.1.7                       ; 2.2.0 2.0.9
            ~2.1            ; 2.1.0 2.1.9                       ; 2.2.0
            ~2              ; 2.0.0 2.9.0                       ; 3.0.0
            ~>2.1.0         ; 2.1.5                             ; 2.2.0
            >=1.4           ; 1.4.0 9.0.0                       ; 1.3.9 1.4.0-rc.1
            >1.2            ; 1.3.0                             ; 1.2.9
            >1.2.3          ; 1.2.4                             ; 1.2.3
            <1.2            ; 1.1.9                             ; 1.2.0 1.2.0-beta
            <=1.2           ; 1.2.9                             ; 1.3.0
            <=1.2.3         ; 1.2.3                             ; 1.2.4
            =2.1.0          ; 2.1.0                             ; 2.1.1
            2.1.0           ; 2.1.0 2.1.0+build.7               ; 2.1.1
            v2.1.0          ; 2.1.0                             ; 2.1.1
            1.x             ; 1.0.0 1.5.2                       ; 2.0.0
            1.2.X           ; 1.2.0 1.2.8                       ; 1.3.0
            1               ; 1.0.0 1.9.9                       ; 2.0.0
            *               ; 0.0.0 5.0.0                       ; 5.0.0-rc.1
            >=1.4 <2        ; 1.4.0 1.99.0                      ; 2.0.0 1.3.0
            >= 1.4 < 2      ; 1.5.0                             ; 2.0.0
            1.2.3 - 2.3.4   ; 1.2.3 2.3.4                       ; 2.3.5 1.2.2
            1.2 - 2.3       ; 1.2.0 2.3.9                       ; 2.4.0
            1.x || >=3.1    ; 1.0.0 3.1.0 4.0.0                 ; 2.0.0 3.0.0
            ^2.0.0-0        ; 2.0.0-beta.1 2.0.0 2.5.0          ; 2.1.0-beta 3.0.0
            >=1.0.0-rc.1    ; 1.0.0-rc.2 1.0.0 2.0.0            ; 1.0.0-beta 2.0.0-rc.1
            """)
    void holdsTheVersionsNpmHoldsAndNoOthers(String range, String holds, String excludes) {
        VersionRange parsed = VersionRange.parse(range);
        for (String v : holds.split(" ")) {
            assertThat(parsed.isSatisfiedBy(Version.parse(v))).as("%s holds %s", range, v).isTrue();
        }
        for (String v : excludes.split(" ")) {
            assertThat(parsed.isSatisfiedBy(Version.parse(v))).as("%s excludes %s", range, v).isFalse();
        }
    }

    @Test
    void picksTheHighestVersionInTheRange() {
        List<Version> offered = List.of("2.0.0", "2.1.3", "2.1.9", "2.2.0", "3.0.0").stream().map(Version::parse).toList();

        assertThat(VersionRange.parse("~2.1.0").highest(offered)).contains(Version.parse("2.1.9"));
        assertThat(VersionRange.parse("^2.0").highest(offered)).contains(Version.parse("2.2.0"));
        assertThat(VersionRange.parse(">=4").highest(offered)).isEmpty();
    }

    @Test
    void anEmptyRangeAndAStarHoldEveryReleaseAndAreShownAsAStar() {
        assertThat(VersionRange.parse("").isSatisfiedBy(Version.parse("7.0.0"))).isTrue();
        assertThat(VersionRange.parse("").toString()).isEqualTo("*");
        assertThat(VersionRange.any().isAny()).isTrue();
        assertThat(VersionRange.parse("^1.0").isAny()).isFalse();
    }

    @Test
    void greaterThanOrLessThanAStarHoldsNothing() {
        assertThat(VersionRange.parse(">*").isSatisfiedBy(Version.parse("1.0.0"))).isFalse();
        assertThat(VersionRange.parse("<*").isSatisfiedBy(Version.parse("0.0.0"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"^01.2", "1.2.3.4", "banana", "^", ">=", "1.x.3", "1.2-beta", "~1.2.3-", "1.2.3 -",
            "1.2.3 - ", "^1.2.3+", "1.2.3-be_ta", "!1.2.3", "1.2.3 - 2.0.0 - 3.0.0", "1234567890123456789.0.0",
            "1.2.3\u202E"})
    void refusesWhatNpmWouldNotReadStrictly(String range) {
        assertThatThrownBy(() -> VersionRange.parse(range))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not valid");
    }

    @Test
    void refusesARangeTooLongOrWithTooManyAlternatives() {
        assertThatThrownBy(() -> VersionRange.parse("1.0.0 ".repeat(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the limit is 256");
        assertThatThrownBy(() -> VersionRange.parse(String.join("||", java.util.Collections.nCopies(17, "1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alternatives");
    }
}
