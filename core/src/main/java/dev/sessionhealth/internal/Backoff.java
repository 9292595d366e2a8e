package dev.sessionhealth.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When to retry after the ingest could not be reached: after {@code base}, doubling with each
 * further failure up to {@code ceiling}; reset by any answer. Real (monotonic) time, since it is
 * about the network, not about session times. Sender thread only.
 */
public final class Backoff {


    private final long baseNanos;
    private final long ceilingNanos;
    private long currentNanos;
    private long retryAtNanos;
    private boolean waiting;

    public Backoff(Duration base, Duration ceiling) {
        if (base.isNegative() || base.isZero() || ceiling.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= ceiling: " + base + ", " + ceiling);
        }
        this.baseNanos = base.toNanos();
        this.ceilingNanos = ceiling.toNanos();
    }

    /** One second, doubling, at most a minute. Each sender needs its own instance: it holds state. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** Notes a failure: the next attempt waits longer. */
    void failed() {
        currentNanos = currentNanos == 0 ? baseNanos : Math.min(ceilingNanos, currentNanos * 2);
        retryAtNanos = System.nanoTime() + currentNanos;
        waiting = true;
    }

    /** Notes that the ingest answered. */
    void reset() {
        currentNanos = 0;
        waiting = false;
    }

    /** Whether sending must still wait. */
    boolean active() {
        return waiting && System.nanoTime() - retryAtNanos < 0;
    }

    /** Milliseconds until the next attempt may be made (0 when it may be made now). */
    long millisLeft() {
        return active() ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - System.nanoTime())) : 0;
    }
}
