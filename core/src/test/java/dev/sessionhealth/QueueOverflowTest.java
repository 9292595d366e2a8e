package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.testing.Calls;
import dev.sessionhealth.testing.GatedThreads;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A full queue drops and counts, never blocks; the counters add up. */
@Timeout(60)
class QueueOverflowTest extends LocalIngestTest {

    private final GatedThreads threads = GatedThreads.closed();

    /** Runs before the fixture closes the manager: a held sender thread could not stop. */
    @AfterEach
    void openGate() {
        threads.openGate();
    }

    @Test
    void fullQueueDropsWithoutBlockingAndCountsQueueOverflow() throws Exception {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .queueCapacity(10).build()).clock(clock).threadFactory(threads).build();
        DefaultSessionManager m = (DefaultSessionManager) manager;

        // the sender does not read yet: the 11th update onwards finds the queue full
        assertTrue(Calls.returnsWithin(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 50; i++) {
                m.tracker().start(SessionContext.EMPTY, null, null);
            }
        }), "offering to a full queue returns");
        SessionStats before = m.stats();
        assertEquals(50, before.recorded());
        assertEquals(10, before.pending());
        assertEquals(Map.of(DiscardReason.QUEUE_OVERFLOW, 40L), before.discarded());

        threads.openGate();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        SessionStats after = m.stats();
        assertEquals(10, after.sent());
        assertEquals(0, after.pending());
        assertEquals(after.recorded(), after.sent() + after.pending() + after.discardedTotal(), after::toString);
        assertEquals(10, ingest.sessions().size());
        assertEquals(Map.of("queue_overflow", 40L), RateLimitTest.discarded(ingest.envelopes().get(0)));
    }

    @Test
    void statsAddUpAcrossSentCoalescedAndDroppedUpdates() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .queueCapacity(20).build()).clock(clock).threadFactory(threads).build();
        for (int i = 0; i < 15; i++) {
            manager.startSession();
            manager.recordError(true);
        }
        threads.openGate();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        SessionStats stats = manager.stats();
        assertEquals(15, stats.started());
        assertTrue(stats.discarded().get(DiscardReason.QUEUE_OVERFLOW) > 0, stats::toString);
        assertEquals(0, stats.pending());
        assertEquals(stats.recorded(), stats.sent() + stats.discardedTotal(), stats::toString);
    }
}
