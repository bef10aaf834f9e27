package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginIdTest {

    @Test
    void parsesPublisherAndNameAndPrintsThemBack() {
        PluginId id = PluginId.parse("acme/weather");
        assertThat(id.publisher()).isEqualTo("acme");
        assertThat(id.name()).isEqualTo("weather");
        assertThat(id).hasToString("acme/weather");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "acme/", "/weather", "acme/weather/x", "Acme/weather", "acme/we_ather",
            "-acme/weather", "acme/weather-", "acme/we--ather", "acme/wéather"})
    void refusesIdsThatAreNotTwoKebabCaseParts(String text) {
        assertThatThrownBy(() -> PluginId.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNamesLongerThanSixtyFourCharacters() {
        assertThat(new PluginId("a", "x".repeat(64)).name()).hasSize(64);
        assertThatThrownBy(() -> new PluginId("a", "x".repeat(65)))
                .hasMessageContaining("at most 64 characters");
    }

    @Test
    void quotesUnsafeCharactersInItsMessageInsteadOfEchoingThem() {
        assertThatThrownBy(() -> PluginId.parse("acme/we\u001B[31mather"))
                .hasMessageContaining("\\u001B")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001B"));
    }

    @Test
    void isEqualToTheSameIdWithTheSameHashAndToNoOther() {
        PluginId id = PluginId.parse("acme/weather");

        assertThat(id).isEqualTo(new PluginId("acme", "weather")).hasSameHashCodeAs(new PluginId("acme", "weather"));
        assertThat(id).isNotEqualTo(PluginId.parse("acme/weathers")).isNotEqualTo(PluginId.parse("acmes/weather"))
                .isNotEqualTo(PluginId.parse("weather/acme")).isNotEqualTo("acme/weather");
    }
}
