package dev.sessionhealth.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.session.RequestAggregator.Outcome;
import dev.sessionhealth.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Buckets are never sealed: what lands after a take goes with the next one, and nothing twice. */
class RequestAggregatorTest {

    private static final long MINUTE = 60_000;
    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);
    private final MovableClock clock = new MovableClock(Instant.ofEpochMilli(100 * MINUTE + 10_000));

    private RequestAggregator aggregator() {
        return new RequestAggregator(clock);
    }

    private static long total(List<AggregateBucket> buckets) {
        return buckets.stream().mapToLong(AggregateBucket::total).sum();
    }

    @Test
    void aCountThatLandsAfterItsMinuteWasTakenGoesWithTheNextTakeAsASecondAggregate() {
        RequestAggregator a = aggregator();
        a.record(Outcome.EXITED);
        a.record(Outcome.CRASHED);
        clock.advance(ONE_MINUTE); // the minute is over (and its grace)
        List<AggregateBucket> first = a.take(false);
        assertEquals(1, first.size());
        assertEquals(new AggregateBucket(Instant.ofEpochMilli(100 * MINUTE), 1, 0, 0, 1), first.get(0));
        assertFalse(a.hasReady(false));
        assertTrue(a.take(false).isEmpty(), "nothing is sent twice");

        clock.advance(ONE_MINUTE.negated()); // a request that read the clock before the minute turned counts only now
        a.record(Outcome.ERRORED);
        clock.advance(ONE_MINUTE);
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
        clock.advance(ONE_MINUTE);
        List<AggregateBucket> failed = a.take(false);
        clock.advance(ONE_MINUTE.negated());
        a.record(Outcome.ABNORMAL); // late, while the send failed
        clock.advance(ONE_MINUTE);
        a.restore(failed);
        List<AggregateBucket> retried = a.take(false);
        assertEquals(List.of(new AggregateBucket(Instant.ofEpochMilli(100 * MINUTE), 5, 0, 1, 0)), retried);
        assertTrue(a.take(false).isEmpty());
    }

    @Test
    void minutesAreSeparateBuckets() {
        RequestAggregator a = aggregator();
        a.record(Outcome.EXITED);
        clock.advance(ONE_MINUTE);
        a.record(Outcome.ERRORED);
        a.record(Outcome.ERRORED);
        clock.advance(ONE_MINUTE);
        assertEquals(List.of(new AggregateBucket(Instant.ofEpochMilli(100 * MINUTE), 1, 0, 0, 0),
                new AggregateBucket(Instant.ofEpochMilli(101 * MINUTE), 0, 2, 0, 0)), a.take(false));
    }
}
