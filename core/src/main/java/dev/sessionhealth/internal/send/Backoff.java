package dev.sessionhealth.internal.send;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When to try again after the ingest failed (no connection, no answer, a 5xx): a wait that doubles
 * with each further failure from {@code base} up to {@code ceiling}, drawn at random from its upper
 * half ("equal jitter", so that many instances do not retry in step) and never shorter than
 * {@code base}; at least as long as the ingest's {@code Retry-After}. Reset when the ingest accepts
 * or refuses for good. Real (monotonic) time, since it is about the network, not about session
 * times; tests may hand in their own ticker. Sender thread only.
 */
public final class Backoff {

    private final long baseNanos;
    private final long ceilingNanos;
    private final LongSupplier nanoTime;
    private long currentNanos;
    private long retryAtNanos;
    private boolean waiting;

    public Backoff(Duration base, Duration ceiling) {
        this(base, ceiling, System::nanoTime);
    }

    /**
     * @param nanoTime the monotonic ticker the waits are measured on ({@link System#nanoTime} but in
     *     tests)
     */
    public Backoff(Duration base, Duration ceiling, LongSupplier nanoTime) {
        if (base.isNegative() || base.isZero() || ceiling.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= ceiling: " + base + ", " + ceiling);
        }
        this.baseNanos = base.toNanos();
        this.ceilingNanos = ceiling.toNanos();
        this.nanoTime = java.util.Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** One second, doubling, at most a minute. Each sender needs its own instance: it holds state. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** Notes a failure: the next attempt waits longer. */
    void failed() {
        failed(0);
    }

    /** Notes a failure; the next attempt waits at least {@code retryAfterMillis} (the ingest asked for it). */
    void failed(long retryAfterMillis) {
        currentNanos = currentNanos == 0 ? baseNanos : Math.min(ceilingNanos, currentNanos * 2);
        long half = currentNanos / 2;
        long wait = Math.max(baseNanos, half + java.util.concurrent.ThreadLocalRandom.current().nextLong(half + 1));
        wait = Math.max(wait, TimeUnit.MILLISECONDS.toNanos(Math.max(0, retryAfterMillis)));
        retryAtNanos = nanoTime.getAsLong() + wait;
        waiting = true;
    }

    /** Notes that the ingest answered. */
    void reset() {
        currentNanos = 0;
        waiting = false;
    }

    /** Whether sending must still wait. */
    boolean active() {
        return waiting && nanoTime.getAsLong() - retryAtNanos < 0;
    }

    /** Milliseconds until the next attempt may be made (0 when it may be made now). */
    long millisLeft() {
        return active() ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - nanoTime.getAsLong())) : 0;
    }
}
