package dev.warden.manager.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.Version;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Warden's {@code ID[@VERSION]} and Claude Code's {@code NAME@MARKETPLACE} are told apart by what follows the @. */
class OfferQueryTest {

    @Test
    void readsEachForm() {
        assertThat(OfferQuery.parse("acme/weather")).isEqualTo(new OfferQuery("acme/weather", Optional.empty(), Optional.empty()));
        assertThat(OfferQuery.parse("weather@1.2.0"))
                .isEqualTo(new OfferQuery("weather", Optional.empty(), Optional.of(Version.parse("1.2.0"))));
        assertThat(OfferQuery.parse("hookify@claude-plugins-official"))
                .isEqualTo(new OfferQuery("hookify", Optional.of("claude-plugins-official"), Optional.empty()));
        assertThat(OfferQuery.parse("hookify@official@0.1.0"))
                .isEqualTo(new OfferQuery("hookify", Optional.of("official"), Optional.of(Version.parse("0.1.0"))));
        assertThat(OfferQuery.parse("hookify@official@0.1.0")).hasToString("hookify@official@0.1.0");
    }

    @Test
    void refusesWhatIsNeitherAMarketplaceNorAVersionNamingIt() {
        for (String bad : new String[] {"hookify@", "@official", "hookify@Official", "hookify@1.x", "hookify@1.0.0@official",
                "hookify@official@latest", "a@b@1.0.0@c"}) {
            assertThatThrownBy(() -> OfferQuery.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' is not a plugin to install");
        }
    }
}
