package dev.sessionhealth.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The backoff at times read from a ticker the test moves: each wait lies in the upper half of the
 * current step (never below the base), the step doubles up to the ceiling, a Retry-After lengthens a
 * wait but never shortens it, a reset starts over, and the waits are drawn at random (equal jitter).
 */
class BackoffTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** Starts far from zero, and near the overflow of a long, where {@code a - b < 0} still has to hold. */
    private final AtomicLong ticker = new AtomicLong(Long.MAX_VALUE - 10 * SECOND);

    private Backoff backoff(Duration base, Duration ceiling) {
        return new Backoff(base, ceiling);
    }

    /**
     * The wait the last failure set, in nanoseconds from now, exactly: the first tick at which the
     * backoff is no longer active (found by bisection).
     */
    private long waitNanos(Backoff b) {
        long now = ticker.get();
        if (!b.active(now)) {
            return 0;
        }
        long lo = 0; // active at now + lo
        long hi = TimeUnit.HOURS.toNanos(2); // not active at now + hi (no wait in these tests is that long)
        assertFalse(b.active(now + hi), "still waiting two hours later");
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (b.active(now + mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    @Test
    void firstFailureWaitsExactlyTheBase() {
        Backoff b = backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertFalse(b.active(ticker.get()), "nothing failed yet");
        assertEquals(0, b.millisLeft(ticker.get()));
        b.failed(ticker.get());
        assertTrue(b.active(ticker.get()));
        assertEquals(SECOND, waitNanos(b), "equal jitter of the first step is clamped to the base");
        assertEquals(1_000, b.millisLeft(ticker.get()));
    }

    @Test
    void eachWaitLiesInTheUpperHalfOfAStepThatDoublesUpToTheCeiling() {
        Duration base = Duration.ofMillis(250);
        Duration ceiling = Duration.ofSeconds(10);
        for (int run = 0; run < 200; run++) {
            Backoff b = backoff(base, ceiling);
            long step = 0;
            for (int failure = 1; failure <= 12; failure++) {
                b.failed(ticker.get());
                step = step == 0 ? base.toNanos() : Math.min(ceiling.toNanos(), step * 2);
                long wait = waitNanos(b);
                assertTrue(wait >= base.toNanos(), "failure " + failure + ": " + wait + " ns is below the base");
                assertTrue(wait >= step / 2, "failure " + failure + ": " + wait + " ns is below half the step " + step);
                assertTrue(wait <= step, "failure " + failure + ": " + wait + " ns is above the step " + step);
            }
            assertEquals(ceiling.toNanos(), step, "the step reached the ceiling");
        }
    }

    @Test
    void theStandardBackoffNeverWaitsLongerThanAMinuteNorShorterThanASecond() {
        Backoff b = Backoff.standard();
        long longest = 0;
        for (int failure = 1; failure <= 40; failure++) {
            b.failed(ticker.get());
            long left = b.millisLeft(ticker.get());
            assertTrue(left <= 60_000, "failure " + failure + " waits " + left + " ms");
            longest = Math.max(longest, left);
        }
        assertTrue(longest > 25_000, "the waits grew towards the minute: " + longest + " ms");

        Backoff exact = Backoff.standard();
        for (int failure = 1; failure <= 40; failure++) {
            exact.failed(ticker.get());
            long wait = waitNanos(exact);
            assertTrue(wait >= SECOND && wait <= 60 * SECOND, "failure " + failure + " waits " + wait + " ns");
            if (failure >= 7) { // 1, 2, 4, ... 64 > 60: the step is the minute from the 7th failure on
                assertTrue(wait >= 30 * SECOND, "failure " + failure + " waits " + wait + " ns");
            }
        }
    }

    @Test
    void theWaitEndsWhenTheTickerPassesIt() {
        Backoff b = backoff(Duration.ofSeconds(2), Duration.ofSeconds(8));
        b.failed(ticker.get());
        ticker.addAndGet(2 * SECOND - 1);
        assertTrue(b.active(ticker.get()), "one nanosecond before the end");
        assertEquals(1, b.millisLeft(ticker.get()), "less than a millisecond left still counts as one");
        ticker.addAndGet(1);
        assertFalse(b.active(ticker.get()));
        assertEquals(0, b.millisLeft(ticker.get()));
        ticker.addAndGet(TimeUnit.DAYS.toNanos(1));
        assertFalse(b.active(ticker.get()), "a wait that passed long ago stays passed");
    }

    @Test
    void retryAfterLengthensAWaitButNeverShortensIt() {
        Backoff b = backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        b.failed(ticker.get(), 5_000);
        assertEquals(5 * SECOND, waitNanos(b), "the ingest asked for five seconds");
        b.failed(ticker.get(), 5_000); // step 2 s: the wait would be 1..2 s
        assertEquals(5 * SECOND, waitNanos(b));

        Backoff c = backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        for (int i = 0; i < 6; i++) {
            c.failed(ticker.get()); // step 32 s
        }
        c.failed(ticker.get(), 10); // step 60 s: 30..60 s, more than the 10 ms asked for
        long wait = waitNanos(c);
        assertTrue(wait >= 30 * SECOND && wait <= 60 * SECOND, wait + " ns");

        Backoff d = backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        d.failed(ticker.get(), -3_000);
        assertEquals(SECOND, waitNanos(d), "a negative Retry-After is ignored");
    }

    @Test
    void retryAfterLongerThanTheCeilingIsHonoured() {
        Backoff b = backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        b.failed(ticker.get(), TimeUnit.MINUTES.toMillis(5));
        assertEquals(TimeUnit.MINUTES.toNanos(5), waitNanos(b), "the ingest's wish beats our ceiling");
        assertEquals(300_000, b.millisLeft(ticker.get()));
    }

    @Test
    void resetEndsTheWaitAndStartsOverAtTheBase() {
        Backoff b = backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            b.failed(ticker.get());
        }
        assertTrue(waitNanos(b) >= 30 * SECOND);
        b.reset();
        assertFalse(b.active(ticker.get()), "the ingest answered: no more waiting");
        assertEquals(0, b.millisLeft(ticker.get()));
        b.failed(ticker.get());
        assertEquals(SECOND, waitNanos(b), "the step starts over at the base");
        b.failed(ticker.get());
        long second = waitNanos(b);
        assertTrue(second >= SECOND && second <= 2 * SECOND, second + " ns");
    }

    @Test
    void waitsAreDrawnAtRandomAcrossTheUpperHalfOfTheStep() {
        Backoff b = backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
        for (int i = 0; i < 4; i++) {
            b.failed(ticker.get()); // the step is the ceiling now: 8 s, so waits of 4..8 s
        }
        Set<Long> distinct = new HashSet<>();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1_000; i++) {
            b.failed(ticker.get());
            long wait = waitNanos(b);
            distinct.add(wait);
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        // uniform over [4 s, 8 s]: 1,000 draws all in one fifth of it is as good as impossible (0.8^1000)
        assertTrue(distinct.size() > 900, "draws repeat: " + distinct.size() + " distinct of 1,000");
        assertTrue(min < 4_800_000_000L, "no draw in the lowest fifth: min " + min + " ns");
        assertTrue(max > 7_200_000_000L, "no draw in the highest fifth: max " + max + " ns");
        assertTrue(min >= 4 * SECOND && max <= 8 * SECOND, min + ".." + max);
    }

    @Test
    void baseAndCeilingMustBePositiveAndOrdered() {
        assertThrows(IllegalArgumentException.class, () -> backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
