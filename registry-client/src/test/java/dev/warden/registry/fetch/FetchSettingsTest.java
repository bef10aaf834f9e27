package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FetchSettingsTest {

    @Test
    void defaultsSuitACommandLineTool() {
        FetchSettings d = FetchSettings.defaults();

        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.totalTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.minBytesPerSecond()).isEqualTo(1024);
        assertThat(d.retries()).isEqualTo(3);
    }

    @Test
    void refusesNonPositiveTimeoutsAndNegativeLimits() {
        FetchSettings d = FetchSettings.defaults();
        assertThatThrownBy(() -> new FetchSettings(Duration.ZERO, d.responseTimeout(), d.readTimeout(),
                d.totalTimeout(), 1, d.minRateGrace(), 0, d.backoff())).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new FetchSettings(d.connectTimeout(), d.responseTimeout(), d.readTimeout(),
                d.totalTimeout(), -1, d.minRateGrace(), 0, d.backoff())).hasMessageContaining("minBytesPerSecond");
        assertThatThrownBy(() -> new FetchSettings(d.connectTimeout(), d.responseTimeout(), d.readTimeout(),
                d.totalTimeout(), 1, d.minRateGrace(), -1, d.backoff())).hasMessageContaining("retries");
        assertThatThrownBy(() -> new FetchSettings(d.connectTimeout(), d.responseTimeout(), d.readTimeout(),
                d.totalTimeout(), 1, d.minRateGrace(), 0, Duration.ofMillis(-1))).hasMessageContaining("backoff");
    }
}
