package dev.sessionhealth.internal.send;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When to try again after the ingest failed (no connection, no answer, a 5xx): a wait that doubles
 * with each further failure from {@code base} up to {@code ceiling}, drawn at random from its upper
 * half ("equal jitter", so that many instances do not retry in step) and never shorter than
 * {@code base}; at least as long as the ingest's {@code Retry-After}. Reset when the ingest accepts
 * or refuses for good. Measured on the sender's monotonic ticker, passed in as {@code nowNanos}
 * (real time, since it is about the network, not about session times): the backoff is made before
 * the sender, by whoever assembles it, and so holds no ticker of its own that could differ from the
 * sender's. Sender thread only.
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

    /** Notes a failure at {@code nowNanos}: the next attempt waits longer. */
    void failed(long nowNanos) {
        failed(nowNanos, 0);
    }

    /**
     * Notes a failure at {@code nowNanos}; the next attempt waits at least {@code retryAfterMillis}
     * (the ingest asked for it).
     */
    void failed(long nowNanos, long retryAfterMillis) {
        currentNanos = currentNanos == 0 ? baseNanos : Math.min(ceilingNanos, currentNanos * 2);
        long half = currentNanos / 2;
        long wait = Math.max(baseNanos, half + java.util.concurrent.ThreadLocalRandom.current().nextLong(half + 1));
        wait = Math.max(wait, TimeUnit.MILLISECONDS.toNanos(Math.max(0, retryAfterMillis)));
        retryAtNanos = nowNanos + wait;
        waiting = true;
    }

    /** Notes that the ingest answered. */
    void reset() {
        currentNanos = 0;
        waiting = false;
    }

    /** Whether sending must still wait at {@code nowNanos}. */
    boolean active(long nowNanos) {
        return waiting && nowNanos - retryAtNanos < 0;
    }

    /** Milliseconds from {@code nowNanos} until the next attempt may be made (0 when it may be made now). */
    long millisLeft(long nowNanos) {
        return active(nowNanos) ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - nowNanos)) : 0;
    }
}
