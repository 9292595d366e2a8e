package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.testing.Calls;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.GatedThreads;
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
    }

    @Test
    void closeWithAHangingIngestReturnsAndCountsWhatWasLeft() throws Exception {
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
        assertEquals(Map.of(DiscardReason.NETWORK_ERROR, 3L), stats.discarded());
    }

    @Test
    void closeWithAHangingIngestKeepsWhatWasLeftOnDiskForTheNextStart() throws Exception {
        ingest.answerByDefault(new Reply(200, Map.of(), Duration.ofSeconds(30)));
        DefaultSessionManager m = manager(SessionOptions.builder().shutdownTimeout(Duration.ofMillis(300))
                .requestTimeout(Duration.ofSeconds(60)));
        for (int i = 0; i < 3; i++) {
            m.tracker().start(SessionContext.EMPTY, null, null);
        }
        assertTrue(Calls.returnsWithin(Duration.ofSeconds(20), m::close));
        assertTrue(threads.allEnded());
        SessionStats stats = m.stats();
        assertEquals(0, stats.sent());
        assertEquals(3, stats.pending(), "kept in the outbox");
        assertTrue(stats.discarded().isEmpty(), stats::toString);
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
    }
}
