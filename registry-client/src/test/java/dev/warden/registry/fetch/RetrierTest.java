package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

    private final List<Duration> waits = new ArrayList<>();
    private final Retrier retrier = new Retrier(3, Duration.ofMillis(500), waits::add);
    private final Deadline plenty = Deadline.after(Duration.ofHours(1), System::nanoTime);

    private static FetchException failure(FetchException.Kind kind) {
        return new FetchException(kind, "u: " + kind);
    }

    @Test
    void doublesTheWaitBeforeEachRetry() {
        AtomicInteger calls = new AtomicInteger();

        FetchException e = catchThrowableOfType(FetchException.class, () -> retrier.call(() -> {
            calls.incrementAndGet();
            throw failure(FetchException.Kind.SERVER_ERROR);
        }, plenty));

        assertThat(calls).hasValue(4);
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
        assertThat(e.kind()).isEqualTo(FetchException.Kind.SERVER_ERROR);
        assertThat(e.getMessage()).endsWith("(tried 4 times)");
    }

    @Test
    void returnsTheFirstSuccess() throws FetchException {
        AtomicInteger calls = new AtomicInteger();

        String result = retrier.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw failure(FetchException.Kind.TIMEOUT);
            }
            return "ok";
        }, plenty);

        assertThat(result).isEqualTo("ok");
        assertThat(waits).hasSize(2);
    }

    @Test
    void doesNotRetryFailuresThatWouldRecur() {
        for (FetchException.Kind kind : List.of(FetchException.Kind.NOT_FOUND, FetchException.Kind.TOO_LARGE,
                FetchException.Kind.TOO_SLOW, FetchException.Kind.BAD_RESPONSE, FetchException.Kind.REDIRECT_REFUSED,
                FetchException.Kind.BAD_PATH)) {
            AtomicInteger calls = new AtomicInteger();

            FetchException e = catchThrowableOfType(FetchException.class, () -> retrier.call(() -> {
                calls.incrementAndGet();
                throw failure(kind);
            }, plenty));

            assertThat(calls).as(kind.name()).hasValue(1);
            assertThat(e.getMessage()).isEqualTo("u: " + kind);
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void doesNotRetryALocalWriteFailure() {
        AtomicInteger calls = new AtomicInteger();

        catchThrowableOfType(FetchException.class, () -> retrier.call(() -> {
            calls.incrementAndGet();
            throw ExchangeFailures.localFailure("u", new IOException("No space left on device"));
        }, plenty));

        assertThat(calls).hasValue(1);
    }

    @Test
    void stopsRetryingWhenTheWaitWouldPassTheDeadline() {
        AtomicInteger calls = new AtomicInteger();
        Deadline soon = Deadline.after(Duration.ofMillis(700), System::nanoTime);

        catchThrowableOfType(FetchException.class, () -> retrier.call(() -> {
            calls.incrementAndGet();
            throw failure(FetchException.Kind.SERVER_ERROR);
        }, soon));

        // The fake sleeper does not pass time: 500 ms fits in 700 ms, 1000 ms does not.
        assertThat(waits).containsExactly(Duration.ofMillis(500));
        assertThat(calls).hasValue(2);
    }
}
