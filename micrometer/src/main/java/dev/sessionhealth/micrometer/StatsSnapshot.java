package dev.sessionhealth.micrometer;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import java.util.function.LongSupplier;

/**
 * The manager's stats as last read, read again once they are older than the maximum age: a scrape
 * of every meter costs one {@code stats()} call (which copies maps). Two threads that find it stale
 * at once may both read; either result is as good.
 */
final class StatsSnapshot {

    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private volatile Taken taken;

    private record Taken(SessionStats stats, long atNanos) {
    }

    /**
     * @param nanoTime the monotonic ticker the age is measured on ({@link System#nanoTime} but in
     *     tests)
     */
    StatsSnapshot(long maxAgeNanos, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAgeNanos;
        this.nanoTime = nanoTime;
    }

    /** The stats of {@code manager}, at most the maximum age old. */
    SessionStats of(SessionManager manager) {
        Taken t = taken;
        long now = nanoTime.getAsLong();
        if (t == null || now - t.atNanos >= maxAgeNanos) {
            t = new Taken(manager.stats(), now);
            taken = t;
        }
        return t.stats;
    }
}
