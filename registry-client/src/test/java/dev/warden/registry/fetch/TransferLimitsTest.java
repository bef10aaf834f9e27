package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransferLimitsTest {

    private static final long MS = 1_000_000L;
    private static final URI URL = URI.create("https://h/r/snapshot.json");

    private long now = 1_000 * MS;
    private final FetchSettings settings = new FetchSettings(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(60), 1024, Duration.ofSeconds(1), 0, Duration.ZERO);
    private final Deadline deadline = Deadline.after(settings.totalTimeout(), () -> now);
    private final TransferLimits limits = new TransferLimits(URL, settings, deadline);
    private final Transfer transfer = new Transfer(now);

    private Optional<FetchException.Kind> checkAt(long millisLater) {
        now += millisLater * MS;
        return limits.check(transfer, now).map(FetchException::kind);
    }

    @Test
    void waitsForHeadersUntilTheResponseTimeout() {
        assertThat(checkAt(1_999)).isEmpty();
        assertThat(checkAt(2)).contains(FetchException.Kind.TIMEOUT);
    }

    @Test
    void acceptsABodyAtTheMinimumRate() {
        transfer.headersArrived(now);
        for (int second = 0; second < 30; second++) {
            now += 1000 * MS;
            transfer.received(1024, now);
            assertThat(limits.check(transfer, now)).isEmpty();
        }
    }

    @Test
    void abortsABodyBelowTheMinimumRateAfterTheGrace() {
        transfer.headersArrived(now);
        now += 500 * MS;
        transfer.received(500, now);
        assertThat(checkAt(400)).as("within the grace").isEmpty();
        assertThat(checkAt(200)).contains(FetchException.Kind.TOO_SLOW);
    }

    @Test
    void aFastStartDoesNotBuyALaterDrip() {
        transfer.headersArrived(now);
        now += 1000 * MS;
        transfer.received(1_000_000, now);
        assertThat(checkAt(0)).isEmpty();
        now += 900 * MS;
        transfer.received(10, now);
        assertThat(checkAt(200)).contains(FetchException.Kind.TOO_SLOW);
    }

    @Test
    void timesOutAfterSilenceInTheBody() {
        FetchSettings noRate = new FetchSettings(settings.connectTimeout(), settings.responseTimeout(),
                settings.readTimeout(), settings.totalTimeout(), 0, settings.minRateGrace(), 0, Duration.ZERO);
        TransferLimits silence = new TransferLimits(URL, noRate, deadline);
        transfer.headersArrived(now);
        now += 2_900 * MS;
        assertThat(silence.check(transfer, now)).isEmpty();
        now += 200 * MS;
        assertThat(silence.check(transfer, now)).map(FetchException::getMessage)
                .hasValueSatisfying(m -> assertThat(m).startsWith(URL + ": the server sent nothing for 3 s"));
    }

    @Test
    void stopsAtTheTotalTime() {
        transfer.headersArrived(now);
        now += 60_000 * MS;
        assertThat(limits.check(transfer, now)).map(FetchException::getMessage)
                .hasValueSatisfying(m -> assertThat(m).contains("longer than 1 min in total"));
    }
}
