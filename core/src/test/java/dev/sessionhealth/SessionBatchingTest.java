package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.ManagerAssembly;
import dev.sessionhealth.internal.send.Backoff;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.testing.GatedThreads;
import dev.sessionhealth.testing.Poll;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.ReceivedEnvelope;
import dev.sessionhealth.testing.SentryReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SessionBatchingTest extends LocalIngestTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);

    private final GatedThreads threads = GatedThreads.closed();

    /** Runs before the fixture closes the manager: a held sender thread could not stop. */
    @AfterEach
    void openGate() {
        threads.openGate();
    }

    private DefaultSessionManager manager() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build())
                .clock(clock).threadFactory(threads).build();
        return (DefaultSessionManager) manager;
    }

    /** A manager whose sender runs on the test's clock: the flush interval passes when the test moves it. */
    private DefaultSessionManager managerOnTheClock() {
        manager = ManagerAssembly.assemble(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .flushInterval(FLUSH_INTERVAL).build(), clock, null, threads, null, Backoff.standard(),
                clock::nanoTime);
        return (DefaultSessionManager) manager;
    }

    /** Waits (bounded) until the sender has taken {@code n} recorded updates from the queue (and holds or sent them). */
    private void awaitTaken(DefaultSessionManager m, long n) throws InterruptedException {
        Poll.atMost(BOUND).until(() -> n + " taken: " + m.stats(),
                () -> m.queued() == 0 && m.stats().pending() + m.stats().sent() == n);
    }

    @Test
    void aBatchWaitsForTheFlushIntervalOnTheSendersClockAndGoesOutWholeWhenItPassed() throws InterruptedException {
        threads.openGate();
        DefaultSessionManager m = managerOnTheClock();
        SessionState first = m.tracker().start(SessionContext.EMPTY, null, null);
        awaitTaken(m, 1); // the batch's age counts from here

        clock.advance(FLUSH_INTERVAL.minusMillis(1));
        SessionState second = m.tracker().start(SessionContext.EMPTY, null, null);
        awaitTaken(m, 2); // by a pass that began after the move
        m.tracker().recordError(first, true);
        awaitTaken(m, 3); // by a later pass: the one that took the second start has looked at the batch
        assertEquals(0, ingest.history().size(), "nothing is sent a millisecond before the flush interval passed");

        clock.advance(Duration.ofMillis(1));
        Poll.atMost(BOUND).until("sent once the flush interval passed", () -> !ingest.history().isEmpty());
        List<ReceivedEnvelope> envelopes = ingest.history();
        assertEquals(1, envelopes.size(), "everything that waited goes in one envelope");
        Map<Object, Map<String, Object>> bySid = new HashMap<>();
        envelopes.get(0).payloads("session").forEach(p -> bySid.put(p.get("sid"), p));
        assertEquals(Set.of(first.sidHex(), second.sidHex()), bySid.keySet());
        assertEquals(1, bySid.get(first.sidHex()).get("errors"), "the error merged into the first start");
        bySid.values().forEach(p -> assertEquals(Boolean.TRUE, p.get("init")));
        SessionStats stats = m.stats();
        assertEquals(3, stats.sent(), stats::toString);
        assertEquals(0, stats.pending(), stats::toString);
        IngestLedger.of(ingest).assertExact(false);
    }

    @Test
    void twoHundredFiftySessionsTravelInThreeEnvelopesOfAtMostOneHundredItems() {
        DefaultSessionManager m = manager();
        for (int i = 0; i < 250; i++) {
            m.tracker().start(SessionContext.EMPTY, null, null);
        }
        threads.openGate();
        assertTrue(m.flush(Duration.ofSeconds(20)));

        List<ReceivedEnvelope> envelopes = ingest.envelopes();
        assertEquals(3, envelopes.size());
        Set<Object> sids = new HashSet<>();
        for (ReceivedEnvelope e : envelopes) {
            List<Map<String, Object>> items = e.payloads("session");
            assertTrue(items.size() <= 100, "at most 100 session items per envelope, got " + items.size());
            assertEquals(items.size(), SentryReader.sessions(e.body()).size(), "io.sentry reads every item");
            items.forEach(s -> {
                assertEquals(Boolean.TRUE, s.get("init"));
                sids.add(s.get("sid"));
            });
        }
        assertEquals(250, sids.size(), "every session exactly once");
        assertEquals(250, m.stats().sent());
    }

    @Test
    void updatesOfOneSessionInABatchAreCoalescedAndKeepInit() {
        DefaultSessionManager m = manager();
        m.startSession();
        m.recordError(true);
        m.recordError(true);
        m.recordError(true);
        m.endSession();
        threads.openGate();
        assertTrue(m.flush(Duration.ofSeconds(10)));

        List<Map<String, Object>> sent = ingest.sessions();
        assertEquals(1, sent.size(), sent::toString);
        assertEquals(Boolean.TRUE, sent.get(0).get("init"));
        assertEquals("exited", sent.get(0).get("status"));
        assertEquals(3, sent.get(0).get("errors"));
        SessionStats stats = m.stats();
        assertEquals(5, stats.recorded());
        assertEquals(stats.recorded(), stats.sent() + stats.pending() + stats.discardedTotal(),
                "coalesced updates count as sent with the update that carried them: " + stats);
    }

    @Test
    void aSessionSentAlreadyIsNeverSentWithInitAgain() {
        DefaultSessionManager m = manager();
        threads.openGate();
        m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        m.recordError(true);
        assertTrue(m.flush(Duration.ofSeconds(10)));
        m.endSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertEquals(List.of(true, false, false), ingest.sessions().stream().map(s -> s.get("init")).toList());
    }
}
