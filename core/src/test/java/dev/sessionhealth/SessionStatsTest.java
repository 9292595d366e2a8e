package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionStats.Delivery;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.ManagerAssembly;
import dev.sessionhealth.internal.send.Backoff;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionStore;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.GatedThreads;
import dev.sessionhealth.testing.Poll;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The counters of {@code stats()} that describe sessions and delivery as they are now. */
@Timeout(120)
class SessionStatsTest extends LocalIngestTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);

    private final GatedThreads threads = GatedThreads.open();

    /**
     * A manager whose sender runs on the test's clock: what waits is due, and a wait of the backoff
     * (20 to 200 ms) over, when the test moves the clock, not before.
     */
    private DefaultSessionManager manager(SessionOptions.Builder options) {
        manager = ManagerAssembly.assemble(options.dsn(ingest.dsn()).release("shop@2.4.1")
                .flushInterval(FLUSH_INTERVAL).build(), clock, null, threads, null,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), clock::nanoTime);
        return (DefaultSessionManager) manager;
    }

    @Test
    void endsAreCountedOnceByFinalStatusAndErrorsOnlyInOpenSessions() throws InterruptedException {
        DefaultSessionManager m = manager(SessionOptions.builder());
        SessionStore registry = m.registry();
        for (String key : List.of("errored", "crashed", "clean")) {
            registry.touch(key, SessionContext.EMPTY, null, null);
        }
        assertEquals(3, m.stats().open());
        SessionState errored = registry.get("errored");
        m.tracker().recordError(errored, true);
        m.tracker().recordError(errored, true);
        m.tracker().recordError(registry.get("crashed"), false);
        assertEquals(2, m.stats().open(), "the crashed session ended");

        registry.end("errored", SessionStatus.EXITED);
        registry.end("clean", SessionStatus.EXITED);
        registry.end("crashed", SessionStatus.EXITED); // ended already: nothing changes
        m.tracker().end(errored, SessionStatus.EXITED); // a second end of the same state
        m.tracker().recordError(errored, true); // after its end: ignored
        SessionStats stats = m.stats();
        assertEquals(Map.of(SessionStatus.EXITED, 2L, SessionStatus.CRASHED, 1L, SessionStatus.ABNORMAL, 0L),
                stats.ended(), stats::toString);
        assertEquals(3, stats.errors(), stats::toString);
        assertEquals(0, stats.open(), stats::toString);

        assertTrue(m.flush(BOUND));
        Map<Object, Object> finalStatus = new HashMap<>();
        ingest.sessions().forEach(s -> finalStatus.put(s.get("sid"), s.get("status")));
        assertEquals(Map.of("exited", 2L, "crashed", 1L), finalStatus.values().stream()
                .collect(java.util.stream.Collectors.groupingBy(Object::toString,
                        java.util.stream.Collectors.counting())), "the ingest saw the same ends");
    }

    @Test
    void theManagersOwnSessionCountsAsOpenAndAsEndedWhenReplaced() {
        DefaultSessionManager m = manager(SessionOptions.builder().reportUnhandled(true));
        m.startSession();
        assertEquals(1, m.stats().open());
        m.startSession(); // ends the first as exited
        m.recordError(false);
        SessionStats stats = m.stats();
        assertEquals(0, stats.open(), stats::toString);
        assertEquals(Map.of(SessionStatus.EXITED, 1L, SessionStatus.CRASHED, 0L, SessionStatus.ABNORMAL, 0L,
                SessionStatus.UNHANDLED, 1L), stats.ended(), "sent as unhandled, so counted as unhandled");
        assertEquals(1, stats.errors());
    }

    @Test
    void deliveryBacksOffWhileTheIngestFailsAndIsRateLimitedWhileALimitHolds() throws InterruptedException {
        DefaultSessionManager m = manager(SessionOptions.builder());
        assertEquals(Delivery.DELIVERING, m.stats().delivery());

        ingest.answerByDefault(Reply.status(500));
        m.startSession();
        // once the sender holds the update, it sends it on its own when it waited the flush interval
        Poll.atMost(BOUND).until(() -> "held by the sender: " + m.stats(),
                () -> m.queued() == 0 && m.stats().pending() == 1);
        clock.advance(FLUSH_INTERVAL);
        Poll.atMost(BOUND).until(() -> "backing off: " + m.stats(),
                () -> m.stats().delivery() == Delivery.BACKING_OFF && threads.allIdle());
        for (int attempts = 2; attempts <= 3; attempts++) {
            int n = attempts;
            clock.advance(FLUSH_INTERVAL); // past the backoff's wait
            // done with the answer once idle: the next wait of the backoff runs from the clock as it is now
            Poll.atMost(BOUND).until("the sender keeps trying", () -> ingest.envelopes().size() >= n && threads.allIdle());
        }
        assertEquals(3, ingest.envelopes().size(), "one attempt per wait that passed");
        assertEquals(Delivery.BACKING_OFF, m.stats().delivery(), "between failed attempts");

        ingest.answerByDefault(Reply.status(200));
        clock.advance(FLUSH_INTERVAL);
        assertTrue(m.flush(BOUND), "delivered once the ingest recovered");
        assertEquals(Delivery.DELIVERING, m.stats().delivery());

        ingest.enqueue(Reply.withHeader(429, "Retry-After", "60"));
        m.captureSession();
        assertFalse(m.flush(BOUND), "held by the limit");
        assertEquals(Delivery.RATE_LIMITED, m.stats().delivery());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Delivery.RATE_LIMITED, m.stats().delivery());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Delivery.DELIVERING, m.stats().delivery(), "the limit is over");
        assertTrue(m.flush(BOUND));

        ingest.enqueue(Reply.withHeader(200, "X-Sentry-Rate-Limits", "30:session:organization"));
        m.captureSession();
        assertTrue(m.flush(BOUND));
        assertEquals(Delivery.RATE_LIMITED, m.stats().delivery(), "a limit announced with a 200");
        assertEquals(0, m.stats().stored(), "nothing was kept on disk");
    }

    @Test
    void endedSessionsEvictedToTheJournalDuringAnOutageCountAsStoredUntilSent() throws InterruptedException {
        // one failed attempt, then a backoff longer than the test: only the journal can make room
        manager = ManagerAssembly.assemble(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .queueCapacity(150).build(), clock, null, null, null,
                new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        DefaultSessionManager m = (DefaultSessionManager) manager;
        ingest.stop();
        for (int batch = 0; batch < 10; batch++) {
            for (int i = 0; i < 50; i++) { // 100 updates: within the queue's bound of 150
                m.tracker().end(m.tracker().start(SessionContext.EMPTY, null, null), SessionStatus.EXITED);
            }
            m.flush(Duration.ofMillis(1)); // wakes the sender: it takes the updates and places them
            Poll.atMost(BOUND).until(() -> "every update taken and placed: " + m.stats(),
                    () -> m.queued() == 0 && settled(m.stats()));
        }
        SessionStats during = m.stats();
        assertEquals(1_000, during.pending(), during::toString);
        assertTrue(during.stored() > 0 && during.stored() <= during.pending(), during::toString);
        assertEquals(Delivery.BACKING_OFF, during.delivery(), during::toString);

        ingest.restart();
        m.close(); // the last attempt ignores the backoff and reads the journal back
        SessionStats after = m.stats();
        assertEquals(0, after.stored(), after::toString);
        assertEquals(after.recorded(), after.sent(), after::toString);
    }

    private static boolean settled(SessionStats s) {
        return s.pending() + s.discardedTotal() + s.sent() == s.recorded();
    }

    @Test
    void aDisabledManagerSaysSoAndStillListsTheEndStatuses() {
        SessionStats stats = SessionManager.create(SessionOptions.builder().enabled(false).build()).stats();
        assertEquals(Delivery.DISABLED, stats.delivery());
        assertEquals(Map.of(SessionStatus.EXITED, 0L, SessionStatus.CRASHED, 0L, SessionStatus.ABNORMAL, 0L),
                stats.ended());
    }
}
