package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void validatesTheScopeWhenCreated() {
        assertThatThrownBy(() -> Permission.of(PermissionKind.FS_READ, "${workspace}/../x", "read"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'..'");
    }

    @Test
    void refusesABlankReason() {
        assertThatThrownBy(() -> Permission.of(PermissionKind.NET_EGRESS, "https://api.weather.gov", "  "))
                .hasMessageContaining("needs a reason");
    }

    @Test
    void refusesAReasonWithABidiOverride() {
        assertThatThrownBy(() -> Permission.of(PermissionKind.NET_EGRESS, "https://api.weather.gov", "fetch \u202Eevil"))
                .hasMessageContaining("U+202E");
    }

    @Test
    void reportsTheRiskOfItsScope() {
        assertThat(Permission.of(PermissionKind.FS_WRITE, "${workspace}/reports/**", "save").risk()).isEqualTo(Risk.MEDIUM);
    }

    @Property(tries = 200)
    void refusesAnyScopeWithAnInjectedInvisibleOrControlCharacter(
            @ForAll("unsafe") int codePoint, @ForAll @IntRange(min = 0, max = 22) int at) {
        String valid = "${workspace}/reports/**";
        int index = Math.min(at, valid.length());
        String scope = valid.substring(0, index) + new String(Character.toChars(codePoint)) + valid.substring(index);
        assertThatThrownBy(() -> PermissionKind.FS_READ.riskOf(scope)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Integer> unsafe() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x1F),
                Arbitraries.integers().between(0x7F, 0x9F),
                Arbitraries.integers().between(0x202A, 0x202E),
                Arbitraries.integers().between(0x2066, 0x2069),
                Arbitraries.of(0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x061C),
                Arbitraries.integers().between(0xE0000, 0xE007F));
    }
}
