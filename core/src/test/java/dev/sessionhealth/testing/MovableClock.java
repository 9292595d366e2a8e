package dev.sessionhealth.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that tests move by hand; starts at the real time so the ingest's time window holds. It
 * has a monotonic reading too, {@link #nanoTime()}, which {@link #advance} moves as far: handed to
 * the sender as its ticker, it makes the flush interval and the backoff pass when the test says so.
 */
public final class MovableClock implements InstantSource {

    private final AtomicLong millis;
    /** Starts where {@link System#nanoTime()} is, and from then on moves only with {@link #advance}. */
    private final AtomicLong nanos = new AtomicLong(System.nanoTime());

    public MovableClock() {
        this(Instant.now());
    }

    public MovableClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    /** The monotonic reading, in nanoseconds, for a sender's ticker ({@code clock::nanoTime}). */
    public long nanoTime() {
        return nanos.get();
    }
}
