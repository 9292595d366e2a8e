package dev.sessionhealth.internal.session;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request mode: every request is one session, counted into a per-minute bucket. Recording is one
 * {@link LongAdder} increment (and a map lookup when the minute turns); the sender thread sends what
 * each finished minute counted (a minute is finished {@code GRACE} after it ended), and on shutdown
 * the current minute too.
 *
 * <p>Nothing is sealed: the sender reads a bucket's counters and remembers what it sent, and counts
 * that land later (a request that read the clock just before its minute ended, or after a flush took
 * the current minute) go with the next send as a second aggregate for the same minute. Aggregates
 * add up at the ingest, so a minute sent in parts counts the same as one sent whole. A bucket is kept
 * for {@link #KEEP_NANOS} of real time after the first take that found its minute over, to catch such
 * late counts, and then forgotten: only a request thread stalled that long between finding the
 * bucket and counting into it would lose its count. (Real time, not the clock's: a clock moved ahead
 * by a test does not shorten the wait.) The sealing this replaced was exact even then, at the price of
 * three more atomic operations per request.
 */
public final class RequestAggregator {

    /** How one request ended. */
    public enum Outcome { EXITED, ERRORED, ABNORMAL, CRASHED }

    private static final long MINUTE = 60_000L;
    /**
     * A minute is sent only this long after it ended, so that nearly all its requests (those that read
     * the clock just before the minute turned) have counted into it by then.
     */
    private static final long GRACE = 2_000L;
    /** How long a finished bucket is kept for late counts, in real time. */
    private static final long KEEP_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(2);

    private final InstantSource clock;
    private final ConcurrentSkipListMap<Long, Counters> buckets = new ConcurrentSkipListMap<>();
    /** Counts of the buckets forgotten so far (sender thread writes, any thread reads). */
    private volatile long forgotten;
    /** The bucket most recently counted into: nearly every request finds its minute here, without a map lookup. */
    private volatile Counters latest;

    public RequestAggregator(InstantSource clock) {
        this.clock = clock;
    }

    /** Counts one request that ended this way, in the minute it ended. */
    public void record(Outcome outcome) {
        long minute = Math.floorDiv(clock.millis(), MINUTE) * MINUTE;
        Counters c = latest;
        if (c == null || c.minute != minute) {
            c = buckets.get(minute);
            if (c == null) {
                c = buckets.computeIfAbsent(minute, Counters::new);
            }
            latest = c;
        }
        c.byOutcome[outcome.ordinal()].increment();
    }

    /** Requests counted so far (sent or not). */
    public long recorded() {
        long sum = forgotten;
        for (Counters c : buckets.values()) {
            sum += c.total();
        }
        return sum;
    }

    /** Whether a finished minute (or, with {@code all}, any minute) has counts not yet sent. Sender thread. */
    public boolean hasReady(boolean all) {
        long before = all ? Long.MAX_VALUE : readyBefore();
        for (Counters c : buckets.headMap(before).values()) {
            if (c.unsent() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the finished minutes (all minutes if {@code all}) counted since they were last taken, one
     * bucket per minute, now counted as sent; forgets buckets finished long enough ago. Sender thread.
     */
    public List<AggregateBucket> take(boolean all) {
        forgetOld();
        long ready = readyBefore();
        long before = all ? Long.MAX_VALUE : ready;
        long now = System.nanoTime();
        List<AggregateBucket> out = new ArrayList<>();
        for (Counters c : buckets.headMap(before).values()) {
            AggregateBucket b = c.takeUnsent();
            if (b.total() > 0) {
                out.add(b);
            }
            if (c.minute < ready && !c.finished) {
                c.finished = true;
                c.finishedNanos = now;
            }
        }
        return out;
    }

    /** Counts taken buckets as unsent again after a failed send. Sender thread. */
    public void restore(List<AggregateBucket> taken) {
        for (AggregateBucket b : taken) {
            // a bucket forgotten meanwhile comes back with its counts owed (sent below zero)
            buckets.computeIfAbsent(b.started().toEpochMilli(), Counters::new).unsend(b);
        }
    }

    /** Minutes that start before this are finished. */
    private long readyBefore() {
        return Math.floorDiv(clock.millis() - GRACE, MINUTE) * MINUTE;
    }

    /** Forgets buckets with nothing unsent whose minute was found over more than {@link #KEEP_NANOS} ago. */
    private void forgetOld() {
        long now = System.nanoTime();
        for (Counters c : buckets.headMap(readyBefore()).values()) {
            if (c.finished && now - c.finishedNanos > KEEP_NANOS && c.unsent() == 0
                    && buckets.remove(c.minute, c)) {
                forgotten += c.total();
                if (latest == c) {
                    latest = null; // a clock set back into that minute must not count into a forgotten bucket
                }
            }
        }
    }

    private static final class Counters {
        final long minute;
        final LongAdder[] byOutcome = new LongAdder[Outcome.values().length];
        /** What was sent of each counter so far (sender thread only). */
        private final long[] sent = new long[byOutcome.length];
        /** Whether a take found this minute over, and when ({@link System#nanoTime()}); sender thread only. */
        boolean finished;
        long finishedNanos;

        Counters(long minute) {
            this.minute = minute;
            for (int i = 0; i < byOutcome.length; i++) {
                byOutcome[i] = new LongAdder();
            }
        }

        long total() {
            long sum = 0;
            for (LongAdder a : byOutcome) {
                sum += a.sum();
            }
            return sum;
        }

        long unsent() {
            long sum = 0;
            for (int i = 0; i < byOutcome.length; i++) {
                sum += byOutcome[i].sum() - sent[i];
            }
            return sum;
        }

        /** The counts since the last take, and marks them sent. */
        AggregateBucket takeUnsent() {
            long[] delta = new long[byOutcome.length];
            for (int i = 0; i < byOutcome.length; i++) {
                long now = byOutcome[i].sum();
                delta[i] = now - sent[i];
                sent[i] = now;
            }
            return new AggregateBucket(Instant.ofEpochMilli(minute), delta[Outcome.EXITED.ordinal()],
                    delta[Outcome.ERRORED.ordinal()], delta[Outcome.ABNORMAL.ordinal()], delta[Outcome.CRASHED.ordinal()]);
        }

        void unsend(AggregateBucket b) {
            sent[Outcome.EXITED.ordinal()] -= b.exited();
            sent[Outcome.ERRORED.ordinal()] -= b.errored();
            sent[Outcome.ABNORMAL.ordinal()] -= b.abnormal();
            sent[Outcome.CRASHED.ordinal()] -= b.crashed();
        }
    }
}
