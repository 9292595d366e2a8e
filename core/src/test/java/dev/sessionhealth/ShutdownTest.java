package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.testing.Calls;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.GatedThreads;
import dev.sessionhealth.testing.IngestLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** flush and close are bounded and idempotent, and close leaves no thread behind. */
@Timeout(60)
class ShutdownTest extends LocalIngestTest {

    private final GatedThreads threads = GatedThreads.open();

    private DefaultSessionManager manager(SessionOptions.Builder options) {
        manager = SessionManager.builder(options.dsn(ingest.dsn()).release("shop@2.4.1").build()).clock(clock)
                .threadFactory(threads).build();
        return (DefaultSessionManager) manager;
    }

    @Test
    void flushWithNothingToSendSucceedsEvenWithAShortTimeout() {
        SessionManager m = manager(SessionOptions.builder());
        m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        for (int i = 0; i < 20; i++) {
            // nothing is pending: no reason to wait for the sender's periodic tick
            assertTrue(m.flush(Duration.ofMillis(200)), "flush " + i);
        }
    }

    @Test
    void flushAndCloseAreIdempotentAndCloseLeavesNoThread() {
        SessionManager m = manager(SessionOptions.builder());
        m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertTrue(m.flush(Duration.ofSeconds(10)));
        m.close();
        m.close();
        assertTrue(m.flush(Duration.ofSeconds(1)), "nothing is left after close");
        assertEquals(1, threads.threads().size());
        assertTrue(threads.allEnded(), "the sender thread ended");
        assertEquals(List.of("ok", "exited"), ingest.sessions().stream().map(s -> s.get("status")).toList());
        IngestLedger.of(ingest).assertExact(true);

        m.startSession(); // ignored after close, and harmless
        m.recordError(false);
        m.endSession();
        assertEquals(2, ingest.sessions().size());
        SessionStats stats = m.stats();
        assertEquals(stats.recorded(), stats.sent() + stats.pending() + stats.discardedTotal(), stats::toString);
    }

    @Test
    void senderInterruptedByItsContainerKeepsDelivering() {
        SessionManager m = manager(SessionOptions.builder());
        m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        threads.threads().get(0).interrupt(); // as a container shutting down other work might do
        m.captureSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        threads.threads().get(0).interrupt();
        m.endSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertEquals(List.of("ok", "ok", "exited"), ingest.sessions().stream().map(s -> s.get("status")).toList(),
                () -> m.stats().toString());
        assertTrue(threads.threads().get(0).isAlive(), "only close() ends the sender");
        IngestLedger.of(ingest).assertExact(true);
    }

    @Test
    void closeFromSeveralThreadsAtOnceReturnsEverywhere() throws Exception {
        SessionManager m = manager(SessionOptions.builder());
        m.startSession();
        List<Thread> closers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(m::close);
            closers.add(t);
            t.start();
        }
        for (Thread t : closers) {
            t.join(20_000);
            assertFalse(t.isAlive());
        }
        assertTrue(threads.allEnded());
        assertEquals(1, ingest.sessions().size(), "the session was ended and sent once");
        IngestLedger.of(ingest).assertExact(true);
    }

    @Test
    void closeWithAHangingIngestReturnsAndCountsWhatItTookAsUnconfirmed() throws Exception {
        ingest.answerByDefault(new Reply(200, Map.of(), Duration.ofSeconds(30)));
        DefaultSessionManager m = manager(SessionOptions.builder().shutdownTimeout(Duration.ofMillis(300))
                .requestTimeout(Duration.ofSeconds(60)).persistence(false));
        for (int i = 0; i < 3; i++) {
            m.tracker().start(SessionContext.EMPTY, null, null);
        }

        assertTrue(Calls.returnsWithin(Duration.ofSeconds(20), m::close),
                "close returns although the request hangs");
        assertTrue(threads.allEnded(), "the sender thread ended: the hanging request was aborted");
        SessionStats stats = m.stats();
        assertEquals(0, stats.sent());
        assertEquals(0, stats.pending());
        // the body went out whole before the ingest hung: it may have stored them, so they are not sent again
        assertEquals(3, stats.unconfirmed(), stats::toString);
        assertEquals(1, stats.unconfirmedEnvelopes(), stats::toString);
        assertTrue(stats.discarded().isEmpty(), stats::toString);
        IngestLedger.of(ingest).assertExact(false); // whatever the hanging ingest stored, it stored once
    }

    @Test
    void whatAHangingIngestStoredIsNotDeliveredAgainByTheNextStart() throws Exception {
        ingest.answerByDefault(new Reply(200, Map.of(), Duration.ofSeconds(30)));
        DefaultSessionManager m = manager(SessionOptions.builder().shutdownTimeout(Duration.ofMillis(300))
                .requestTimeout(Duration.ofSeconds(60)));
        for (int i = 0; i < 3; i++) {
            m.tracker().start(SessionContext.EMPTY, null, null);
        }
        assertTrue(Calls.returnsWithin(Duration.ofSeconds(20), m::close));
        assertEquals(3, m.stats().unconfirmed(), m.stats()::toString);
        int received = ingest.envelopes().size();

        ingest.answerByDefault(Reply.status(200)); // the ingest recovers
        try (SessionManager next = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn())
                .release("shop@2.4.1").build()).clock(clock).build()) {
            assertTrue(next.flush(Duration.ofSeconds(20)));
            // these sessions were nobody's to end on close: the next start reports them abnormal, without init
            assertTrue(ingest.envelopes().subList(received, ingest.envelopes().size()).stream()
                    .flatMap(e -> e.payloads("session").stream()).noneMatch(p -> Boolean.TRUE.equals(p.get("init"))),
                    "the next start sends none of their starts again");
        }
        // the hanging request had reached the ingest, which stored it before it hung: exactly once
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(false);
        assertEquals(3, ledger.startsAccepted().size());
    }

    @Test
    void endsRecordedWhileTheIngestIsDownAreDeliveredByTheNextStartAsTheyWere() throws Exception {
        DefaultSessionManager m = manager(SessionOptions.builder().shutdownTimeout(Duration.ofMillis(500)));
        Session crashed = m.startSession();
        m.recordError(false); // crashed
        assertTrue(m.flush(Duration.ofSeconds(10)));
        Session open = m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        ingest.stop();
        clock.advance(Duration.ofSeconds(5));
        assertTrue(Calls.returnsWithin(Duration.ofSeconds(20), m::close)); // ends `open` as exited, undeliverable
        assertEquals(1, m.stats().pending(), "the end waits in the journal: " + m.stats());
        assertTrue(m.stats().discarded().isEmpty(), m.stats()::toString);

        ingest.restart();
        try (SessionManager next = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn())
                .release("shop@2.4.1").build()).clock(clock).build()) {
            assertTrue(next.flush(Duration.ofSeconds(20)));
        }
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals("crashed", ledger.statusOf(crashed.sid()));
        assertEquals("exited", ledger.statusOf(open.sid()), "ended as recorded, not abnormal");
    }

    @Test
    void flushWithAHangingIngestGivesUpAtItsTimeout() throws Exception {
        ingest.answerByDefault(new Reply(200, Map.of(), Duration.ofSeconds(30)));
        SessionManager m = manager(SessionOptions.builder().shutdownTimeout(Duration.ofMillis(300)));
        m.startSession();
        AtomicBoolean flushed = new AtomicBoolean(true);
        assertTrue(Calls.returnsWithin(Duration.ofSeconds(20), () -> flushed.set(m.flush(Duration.ofMillis(300)))));
        assertFalse(flushed.get(), "not delivered in time");
        assertTrue(Calls.returnsWithin(Duration.ofSeconds(20), m::close));
        assertTrue(threads.allEnded());
        IngestLedger.of(ingest).assertExact(false);
    }
}
