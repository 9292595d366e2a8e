package dev.sessionhealth.internal;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request mode: every request is one session, counted into a per-minute bucket. Recording is a
 * map lookup and a {@link LongAdder} increment; buckets are taken by the sender thread once their
 * minute is over (or all of them on shutdown).
 */
public final class RequestAggregator {

    /** How one request ended. */
    public enum Outcome { EXITED, ERRORED, ABNORMAL, CRASHED }

    private static final long MINUTE = 60_000L;
    /**
     * A bucket is taken only this long after its minute ended, so that a request that read the clock
     * just before the minute turned has finished counting into it.
     */
    private static final long GRACE = 2_000L;

    private final InstantSource clock;
    private final ConcurrentSkipListMap<Long, Counters> buckets = new ConcurrentSkipListMap<>();
    private final LongAdder recorded = new LongAdder();
    /** The bucket most recently counted into: saves the map lookup for every request of the same minute. */
    private volatile Counters latest;

    public RequestAggregator(InstantSource clock) {
        this.clock = clock;
    }

    /** Counts one request that ended this way, in the minute it ended. */
    public void record(Outcome outcome) {
        long minute = Math.floorDiv(clock.millis(), MINUTE) * MINUTE;
        Counters c = latest;
        if (c == null || c.minute != minute || c.taken) {
            c = buckets.computeIfAbsent(minute, Counters::new);
            latest = c;
        }
        c.byOutcome[outcome.ordinal()].increment();
        recorded.increment();
    }

    public long recorded() {
        return recorded.sum();
    }

    /** Whether any bucket is complete (or, with {@code all}, any bucket at all) and so ready to send. */
    boolean hasReady(boolean all) {
        if (buckets.isEmpty()) {
            return false;
        }
        return all || buckets.firstKey() < readyBefore();
    }

    /**
     * Removes and returns the finished buckets (the current minute too if {@code all}). Counts that
     * race with the removal land in a fresh bucket for the same minute and go with the next take.
     */
    List<AggregateBucket> take(boolean all) {
        long current = readyBefore();
        List<AggregateBucket> out = new ArrayList<>();
        for (Map.Entry<Long, Counters> e : buckets.entrySet()) {
            if (!all && e.getKey() >= current) {
                break;
            }
            if (buckets.remove(e.getKey(), e.getValue())) {
                e.getValue().taken = true;
                AggregateBucket b = e.getValue().toBucket(e.getKey());
                if (b.total() > 0) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** Puts buckets back after a failed send, merging with any recorded since. */
    void restore(List<AggregateBucket> taken) {
        for (AggregateBucket b : taken) {
            Counters c = buckets.computeIfAbsent(b.started().toEpochMilli(), Counters::new);
            c.byOutcome[Outcome.EXITED.ordinal()].add(b.exited());
            c.byOutcome[Outcome.ERRORED.ordinal()].add(b.errored());
            c.byOutcome[Outcome.ABNORMAL.ordinal()].add(b.abnormal());
            c.byOutcome[Outcome.CRASHED.ordinal()].add(b.crashed());
        }
    }

    /** Buckets that start before this are complete. */
    private long readyBefore() {
        return Math.floorDiv(clock.millis() - GRACE, MINUTE) * MINUTE;
    }

    private static final class Counters {
        final long minute;
        final LongAdder[] byOutcome = new LongAdder[Outcome.values().length];
        volatile boolean taken;

        Counters(long minute) {
            this.minute = minute;
            for (int i = 0; i < byOutcome.length; i++) {
                byOutcome[i] = new LongAdder();
            }
        }

        AggregateBucket toBucket(long minute) {
            return new AggregateBucket(Instant.ofEpochMilli(minute),
                    byOutcome[Outcome.EXITED.ordinal()].sum(), byOutcome[Outcome.ERRORED.ordinal()].sum(),
                    byOutcome[Outcome.ABNORMAL.ordinal()].sum(), byOutcome[Outcome.CRASHED.ordinal()].sum());
        }
    }
}
