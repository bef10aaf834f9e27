package dev.warden.registry.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides, each time the caller looks, whether a transfer has broken a time limit or the minimum rate.
 * One instance per request; the caller aborts the transfer when it answers.
 */
final class TransferLimits {

    private final String url;
    private final FetchSettings settings;
    private final Deadline deadline;
    private long windowStart = -1;
    private long windowBytes;

    TransferLimits(URI uri, FetchSettings settings, Deadline deadline) {
        this.url = uri.toASCIIString();
        this.settings = settings;
        this.deadline = deadline;
    }

    /** @param now nanoseconds on the deadline's clock */
    Optional<FetchException> check(Transfer transfer, long now) {
        if (deadline.passed(now)) {
            return fail(FetchException.Kind.TOO_SLOW, "the transfer took longer than "
                    + Units.duration(deadline.budget()) + " in total; try again later or from a faster network");
        }
        long headersAt = transfer.headersAt();
        if (headersAt < 0) {
            if (now - transfer.startedAt() > settings.responseTimeout().toNanos()) {
                return fail(FetchException.Kind.TIMEOUT, "no response within "
                        + Units.duration(settings.responseTimeout()) + "; the marketplace may be down, try again later");
            }
            return Optional.empty();
        }
        if (now - transfer.lastActivity() > settings.readTimeout().toNanos()) {
            return fail(FetchException.Kind.TIMEOUT, "the server sent nothing for "
                    + Units.duration(settings.readTimeout()) + " in the middle of the file; try again later");
        }
        return checkRate(transfer, headersAt, now);
    }

    // The rate is measured over successive windows of minRateGrace, not averaged since the start, so
    // that a fast start cannot buy a long drip afterwards.
    private Optional<FetchException> checkRate(Transfer transfer, long headersAt, long now) {
        if (settings.minBytesPerSecond() == 0) {
            return Optional.empty();
        }
        if (windowStart < 0) {
            windowStart = headersAt;
            windowBytes = 0;
        }
        long elapsed = now - windowStart;
        if (elapsed < settings.minRateGrace().toNanos()) {
            return Optional.empty();
        }
        long bytes = transfer.bytes();
        double rate = (bytes - windowBytes) * 1e9 / elapsed;
        if (rate < settings.minBytesPerSecond()) {
            return fail(FetchException.Kind.TOO_SLOW, "the server sent " + Units.rate((long) rate) + " over "
                    + Units.duration(Duration.ofNanos(elapsed)) + ", below the minimum of "
                    + Units.rate(settings.minBytesPerSecond())
                    + "; the marketplace may be overloaded or hostile, try again later");
        }
        windowStart = now;
        windowBytes = bytes;
        return Optional.empty();
    }

    private Optional<FetchException> fail(FetchException.Kind kind, String what) {
        return Optional.of(new FetchException(kind, url + ": " + what));
    }
}
