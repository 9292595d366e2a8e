package dev.sessionhealth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.RequestAggregator.Outcome;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Buckets are never sealed: what lands after a take goes with the next one, and nothing twice. */
class RequestAggregatorTest {

    private static final long MINUTE = 60_000;
    private final AtomicLong now = new AtomicLong(100 * MINUTE + 10_000);
    private RequestAggregator aggregator() {
        return new RequestAggregator(new InstantSource() {
            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }

            @Override
            public long millis() {
                return now.get();
            }
        });
    }

    private static long total(List<AggregateBucket> buckets) {
        return buckets.stream().mapToLong(AggregateBucket::total).sum();
    }

    @Test
    void aCountThatLandsAfterItsMinuteWasTakenGoesWithTheNextTakeAsASecondAggregate() {
        RequestAggregator a = aggregator();
        a.record(Outcome.EXITED);
        a.record(Outcome.CRASHED);
        now.addAndGet(MINUTE); // the minute is over (and its grace)
        List<AggregateBucket> first = a.take(false);
        assertEquals(1, first.size());
        assertEquals(new AggregateBucket(Instant.ofEpochMilli(100 * MINUTE), 1, 0, 0, 1), first.get(0));
        assertFalse(a.hasReady(false));
        assertTrue(a.take(false).isEmpty(), "nothing is sent twice");

        now.addAndGet(-MINUTE); // a request that read the clock before the minute turned counts only now
        a.record(Outcome.ERRORED);
        now.addAndGet(MINUTE);
        assertTrue(a.hasReady(false));
        assertEquals(List.of(new AggregateBucket(Instant.ofEpochMilli(100 * MINUTE), 0, 1, 0, 0)), a.take(false));
        assertEquals(3, a.recorded());
    }

    @Test
    void theCurrentMinuteIsTakenOnlyWithAllAndLaterCountsFollow() {
        RequestAggregator a = aggregator();
        a.record(Outcome.EXITED);
        assertFalse(a.hasReady(false));
        assertTrue(a.take(false).isEmpty(), "the minute is not over");
        assertEquals(1, total(a.take(true)));
        a.record(Outcome.EXITED);
        a.record(Outcome.EXITED);
        assertEquals(2, total(a.take(true)), "only what came after the last take");
        assertEquals(3, a.recorded());
    }

    @Test
    void aFailedSendMakesItsCountsUnsentAgainAddedToWhatCameMeanwhile() {
        RequestAggregator a = aggregator();
        for (int i = 0; i < 5; i++) {
            a.record(Outcome.EXITED);
        }
        now.addAndGet(MINUTE);
        List<AggregateBucket> failed = a.take(false);
        now.addAndGet(-MINUTE);
        a.record(Outcome.ABNORMAL); // late, while the send failed
        now.addAndGet(MINUTE);
        a.restore(failed);
        List<AggregateBucket> retried = a.take(false);
        assertEquals(List.of(new AggregateBucket(Instant.ofEpochMilli(100 * MINUTE), 5, 0, 1, 0)), retried);
        assertTrue(a.take(false).isEmpty());
    }

    @Test
    void minutesAreSeparateBuckets() {
        RequestAggregator a = aggregator();
        a.record(Outcome.EXITED);
        now.addAndGet(MINUTE);
        a.record(Outcome.ERRORED);
        a.record(Outcome.ERRORED);
        now.addAndGet(MINUTE);
        assertEquals(List.of(new AggregateBucket(Instant.ofEpochMilli(100 * MINUTE), 1, 0, 0, 0),
                new AggregateBucket(Instant.ofEpochMilli(101 * MINUTE), 0, 2, 0, 0)), a.take(false));
    }
}
