package dev.warden.manager.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    static Offer offer(String marketplace, String id, String version, String description, String... keywords) {
        return new Offer(marketplace, MarketplaceKind.STATIC, PluginId.parse(id), Version.parse(version), description,
                List.of(keywords), Optional.empty(), id);
    }

    static Catalogue catalogue() {
        Map<String, List<Offer>> offers = new LinkedHashMap<>();
        offers.put("first", List.of(offer("first", "acme/weather", "1.0.0", "Forecasts", "climate"),
                offer("first", "acme/weather", "1.2.0", "Forecasts", "climate"),
                offer("first", "acme/notes", "1.0.0", "Keep notes about the weather")));
        offers.put("second", List.of(offer("second", "acme/weather", "9.0.0", "Something else"),
                offer("second", "other/weather-radar", "2.0.0", "Radar images")));
        return new Catalogue(offers);
    }

    @Test
    void aNameMatchRanksAboveADescriptionMatch() {
        List<SearchHit> hits = catalogue().search("weather");

        assertThat(hits).extracting(h -> h.offer().id().toString())
                .containsExactly("acme/weather", "other/weather-radar", "acme/notes");
    }

    @Test
    void everyWordMustMatchAndCaseDoesNotMatter() {
        assertThat(catalogue().search("WEATHER climate")).extracting(h -> h.offer().id().toString()).containsExactly("acme/weather");
        assertThat(catalogue().search("weather nothing-like-it")).isEmpty();
        assertThat(catalogue().search("")).hasSize(3);
    }

    @Test
    void theFirstAddedMarketplaceDecidesAndTheOtherIsShadowed() {
        SearchHit weather = catalogue().search("acme/weather").get(0);

        assertThat(weather.offer().marketplace()).isEqualTo("first");
        assertThat(weather.offer().version()).isEqualTo(Version.parse("1.2.0"));
        assertThat(weather.shadowed()).containsExactly("second");
    }

    @Test
    void resolvesIdsBareNamesAndVersionsAndSaysWhatIsOffered() throws Exception {
        Catalogue catalogue = catalogue();

        assertThat(catalogue.resolve("weather", Optional.empty()).version()).isEqualTo(Version.parse("1.2.0"));
        assertThat(catalogue.resolve("acme/weather", Optional.of(Version.parse("1.0.0"))).version())
                .isEqualTo(Version.parse("1.0.0"));
        assertThatThrownBy(() -> catalogue.resolve("acme/weather", Optional.of(Version.parse("9.0.0"))))
                .isInstanceOf(MarketplaceProblem.class).hasMessageContaining("1.2.0").hasMessageContaining("first");
        assertThatThrownBy(() -> catalogue.resolve("radar", Optional.empty())).isInstanceOf(MarketplaceProblem.class)
                .hasMessageContaining("warden search radar");
    }
}
