package dev.sessionhealth.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.testing.GatedThreads;
import dev.sessionhealth.testing.MovableClock;
import dev.sessionhealth.testing.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class CoarseClockTest {

    /** Polls without asserting how long it takes: only that it happens within a generous bound. */
    private static final Poll EVENTUALLY = Poll.atMost(Duration.ofSeconds(30)).every(Duration.ofMillis(5));

    @Test
    void followsItsSourceAndReadsTheSourceItselfOnceStopped() throws InterruptedException {
        MovableClock source = new MovableClock();
        GatedThreads threads = GatedThreads.open();
        CoarseClock clock = CoarseClock.start(source, threads);
        try {
            long start = source.millis();
            assertEquals(start, clock.millis(), "starts at the source's time");
            source.advance(Duration.ofMinutes(3));
            EVENTUALLY.until("the ticker caught up with the source", () -> clock.millis() == start + 180_000);
            assertEquals(clock.millis(), clock.instant().toEpochMilli());
            assertTrue(clock.ticking());
        } finally {
            clock.stop();
        }
        assertFalse(threads.threads().get(0).isAlive(), "stop() ends the ticker thread");
        assertFalse(clock.ticking());
        source.advance(Duration.ofSeconds(7));
        assertEquals(source.millis(), clock.millis(), "after stop every reading is the source's, at once");
    }

    @Test
    void aTickerThatCannotStartLeavesAClockThatReadsTheSource() {
        MovableClock source = new MovableClock();
        ThreadFactory broken = r -> {
            Thread t = new Thread(r);
            t.start(); // started already: a second start() fails
            return t;
        };
        CoarseClock clock = CoarseClock.start(source, broken);
        source.advance(Duration.ofMinutes(1));
        assertEquals(source.millis(), clock.millis());
        assertFalse(clock.ticking());
    }

    @Test
    void aManagerOnTheSystemClockTicksWhileOpenAndLeavesNoThreadWhenClosed() throws InterruptedException {
        GatedThreads threads = GatedThreads.open();
        Transport discard = envelope -> new Transport.Response(200, null, null);
        SessionOptions options = SessionOptions.builder().release("test@1.0").persistence(false).build();
        DefaultSessionManager manager = (DefaultSessionManager) SessionManager.builder(options).transport(discard)
                .threadFactory(threads).build();
        List<Thread> made = threads.threads();
        assertEquals(2, made.size(), "the sender and the clock ticker");
        assertTrue(made.stream().allMatch(Thread::isAlive));
        SessionState state = manager.registry().touch("user", SessionContext.EMPTY, null, null);
        long before = state.lastSeenMillis();
        EVENTUALLY.until("requests note a later activity time as the ticker moves on", () -> {
            manager.registry().touch("user", SessionContext.EMPTY, null, null);
            return state.lastSeenMillis() > before;
        });
        manager.close();
        assertTrue(made.stream().noneMatch(Thread::isAlive), "close() ends both threads");
    }
}
