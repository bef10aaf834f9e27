package dev.warden.manager.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it; thread-safe. */
public final class MutableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    private MutableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A UTC clock at {@code instant}, e.g. {@code 2024-05-06T06:58:00Z}. */
    public static MutableClock at(String instant) {
        return new MutableClock(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** Moves the clock to {@code instant}. */
    public MutableClock set(Instant instant) {
        this.now = instant;
        return this;
    }

    /** Moves the clock on by {@code duration}. */
    public synchronized MutableClock advance(Duration duration) {
        this.now = now.plus(duration);
        return this;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new MutableClock(now, other);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
