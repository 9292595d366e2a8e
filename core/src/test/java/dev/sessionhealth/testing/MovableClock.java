package dev.sessionhealth.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that tests move by hand; starts at the real time so the ingest's time window holds. */
public final class MovableClock implements InstantSource {

    private final AtomicLong millis;

    public MovableClock() {
        this(Instant.now());
    }

    public MovableClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }
}
