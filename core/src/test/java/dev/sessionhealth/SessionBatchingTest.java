package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.testing.GatedThreads;
import dev.sessionhealth.testing.ReceivedEnvelope;
import dev.sessionhealth.testing.SentryReader;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SessionBatchingTest extends LocalIngestTest {

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
