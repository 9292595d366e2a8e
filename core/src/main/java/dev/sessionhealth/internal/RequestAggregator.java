package dev.sessionhealth.internal;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
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
    /** The bucket most recently counted into: nearly every request finds its minute here, without a map lookup. */
    private volatile Counters latest;

    public RequestAggregator(InstantSource clock) {
        this.clock = clock;
    }

    /** Counts one request that ended this way, in the minute it ended. */
    public void record(Outcome outcome) {
        long minute = Math.floorDiv(clock.millis(), MINUTE) * MINUTE;
        Counters last = latest;
        if (last != null && last.minute == minute && last.add(outcome)) {
            recorded.increment();
            return;
        }
        while (true) {
            Counters c = buckets.get(minute);
            if (c == null) {
                c = buckets.computeIfAbsent(minute, Counters::new);
            }
            if (c.add(outcome)) {
                recorded.increment();
                latest = c;
                return;
            }
            // the sender took this bucket meanwhile: a fresh one for the same minute takes the count
        }
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
     * Removes and returns the finished buckets (the current minute too if {@code all}). A bucket is
     * sealed before it is read, so a count racing with the removal is either in it or lands in a
     * fresh bucket for the same minute that goes with the next take: never lost, never twice.
     */
    List<AggregateBucket> take(boolean all) {
        long current = readyBefore();
        List<AggregateBucket> out = new ArrayList<>();
        for (Map.Entry<Long, Counters> e : buckets.entrySet()) {
            if (!all && e.getKey() >= current) {
                break;
            }
            if (buckets.remove(e.getKey(), e.getValue())) {
                AggregateBucket b = e.getValue().seal().toBucket(e.getKey());
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
        /** Stripes of {@link #writers}, each on its own cache line (16 ints apart). */
        private static final int STRIPES = 8;
        private static final int SPACING = 16;

        final long minute;
        final LongAdder[] byOutcome = new LongAdder[Outcome.values().length];
        /**
         * Recorders between their check of {@link #sealed} and their increment, counted per stripe
         * (by thread) so that request threads do not all bounce one counter between cores. A recorder
         * increments and decrements the same stripe, so each stripe alone is exact.
         */
        private final AtomicIntegerArray writers = new AtomicIntegerArray(STRIPES * SPACING);
        private volatile boolean sealed;

        Counters(long minute) {
            this.minute = minute;
            for (int i = 0; i < byOutcome.length; i++) {
                byOutcome[i] = new LongAdder();
            }
        }

        /** Counts one outcome; false if the bucket was sealed (taken) first. */
        boolean add(Outcome outcome) {
            int stripe = ((int) Thread.currentThread().getId() & (STRIPES - 1)) * SPACING;
            writers.incrementAndGet(stripe);
            try {
                if (sealed) {
                    return false;
                }
                byOutcome[outcome.ordinal()].increment();
                return true;
            } finally {
                writers.decrementAndGet(stripe);
            }
        }

        /** Refuses further counts and waits for the few in progress (an increment each) to land. */
        Counters seal() {
            sealed = true;
            // a stripe read as 0 after sealing stays free of counts: whoever increments it later sees sealed
            for (int i = 0; i < STRIPES * SPACING; i += SPACING) {
                while (writers.get(i) != 0) {
                    Thread.onSpinWait();
                }
            }
            return this;
        }

        AggregateBucket toBucket(long minute) {
            return new AggregateBucket(Instant.ofEpochMilli(minute),
                    byOutcome[Outcome.EXITED.ordinal()].sum(), byOutcome[Outcome.ERRORED.ordinal()].sum(),
                    byOutcome[Outcome.ABNORMAL.ordinal()].sum(), byOutcome[Outcome.CRASHED.ordinal()].sum());
        }
    }
}
