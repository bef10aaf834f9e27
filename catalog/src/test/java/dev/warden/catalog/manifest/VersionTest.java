package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    /** The precedence chain given in SemVer 2.0.0 §11, lowest first. */
    private static final List<String> SPEC_ORDER = List.of(
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");

    @Test
    void ordersTheExamplesOfTheSemverSpecification() {
        List<Version> shuffled = new ArrayList<>(SPEC_ORDER.stream().map(Version::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(Version::toString).containsExactlyElementsOf(SPEC_ORDER);
    }

    @Test
    void comparesEveryAdjacentPairOfTheSpecificationStrictly() {
        for (int i = 0; i + 1 < SPEC_ORDER.size(); i++) {
            Version lower = Version.parse(SPEC_ORDER.get(i));
            Version higher = Version.parse(SPEC_ORDER.get(i + 1));
            assertThat(lower).as("%s < %s", lower, higher).isLessThan(higher);
            assertThat(higher).isGreaterThan(lower);
        }
    }

    @Test
    void ignoresBuildMetadataForPrecedenceButNotForEquality() {
        Version a = Version.parse("1.0.0+20130313144700");
        Version b = Version.parse("1.0.0+exp.sha.5114f85");
        assertThat(a.compareTo(b)).isZero();
        assertThat(a).isNotEqualTo(b);
        assertThat(Version.parse("1.0.0-beta+exp.sha.5114f85").build()).containsExactly("exp", "sha", "5114f85");
    }

    @Test
    void comparesNumericIdentifiersNumericallyAndBelowAlphanumericOnes() {
        assertThat(Version.parse("1.0.0-2")).isLessThan(Version.parse("1.0.0-10"));
        assertThat(Version.parse("1.0.0-999")).isLessThan(Version.parse("1.0.0-a"));
        assertThat(Version.parse("10.0.0")).isGreaterThan(Version.parse("9.99.99"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1", "1.0.0.0", "01.0.0", "1.02.0", "1.0.0-01", "1.0.0-", "1.0.0+",
            "1.0.0-a..b", "1.0.0+a..b", "v1.0.0", "1.0.0-al_pha", " 1.0.0", "1.0.0 ", "-1.0.0", "1.0.x",
            "1.0.0-\u202Ebeta", ""})
    void refusesTextThatIsNotStrictSemver(String text) {
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAJOR.MINOR.PATCH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0", "1.2.3", "1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0-x-y-z.--", "1.0.0+0017",
            "1.0.0-alpha+001", "1.0.0-rc.1+build.1"})
    void acceptsAndReprintsValidVersionsUnchanged(String text) {
        assertThat(Version.parse(text)).hasToString(text);
    }

    @Property(tries = 300)
    void printsVersionsThatParseBackToTheSameValue(@ForAll("versions") Version version) {
        assertThat(Version.parse(version.toString())).isEqualTo(version);
    }

    @Property(tries = 300)
    void comparesAntisymmetrically(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    }

    @Provide
    Arbitrary<Version> versions() {
        Arbitrary<Long> number = Arbitraries.longs().between(0, 20);
        Arbitrary<String> identifier = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 30).map(String::valueOf),
                Arbitraries.strings().withCharRange('a', 'e').withChars('-').ofMinLength(1).ofMaxLength(4));
        Arbitrary<List<String>> identifiers = identifier.list().ofMaxSize(3);
        return Combinators.combine(number, number, number, identifiers, identifiers).as(Version::new);
    }

    @Test
    void isEqualOnlyToAVersionWithTheSameNumbersPreReleaseAndBuildWithTheSameHash() {
        Version version = Version.parse("1.2.3-rc.1+build.5");

        assertThat(version).isEqualTo(Version.parse("1.2.3-rc.1+build.5")).hasSameHashCodeAs(Version.parse("1.2.3-rc.1+build.5"));
        for (String other : List.of("1.2.4-rc.1+build.5", "1.3.3-rc.1+build.5", "2.2.3-rc.1+build.5", "1.2.3-rc.2+build.5",
                "1.2.3-rc.1+build.6", "1.2.3+build.5", "1.2.3-rc.1")) {
            assertThat(version).as(other).isNotEqualTo(Version.parse(other));
        }
    }
}
