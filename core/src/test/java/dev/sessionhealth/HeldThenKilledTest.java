package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.MovableClock;
import dev.sessionhealth.testing.ReceivedEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest rate-limits sessions while they start and end, and the process stops before the limit
 * lifts: close keeps what the limit held in the journal, and the next process on the same state
 * directory delivers every start and every end once.
 */
@Timeout(120)
class HeldThenKilledTest {

    private static final Reply LIMITED = Reply.withHeader(429, "X-Sentry-Rate-Limits", "60:session:organization");

    @TempDir
    Path state;

    private final FakeIngest ingest = FakeIngest.start();
    private final MovableClock clock = new MovableClock();

    @AfterEach
    void stopIngest() {
        ingest.close();
    }

    private DefaultSessionManager manager() {
        return (DefaultSessionManager) SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn())
                .release("shop@2.4.1").stateDirectory(state.toString()).shutdownTimeout(Duration.ofMillis(500)).build())
                .clock(clock).build();
    }

    /** Traffic while limited: starts, errors, ends of every kind, and sessions left open for close. */
    private Map<String, String> trafficWhileLimited(DefaultSessionManager m) {
        Map<String, String> expectedEnd = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            SessionState s = m.registry().touch("client-" + i, SessionContext.forUser(User.of("u" + i)), null, null);
            m.tracker().announce(s); // as the integration does when the request ends
            expectedEnd.put(s.sidHex(), "exited"); // close ends what is still open
        }
        assertFalse(m.flush(Duration.ofSeconds(10)), "held by the limit");
        assertEquals(1, ingest.history().size(), "one attempt, refused with 429");
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 6; i++) {
            m.tracker().recordError(m.registry().get("client-" + i), true);
        }
        m.registry().end("client-0", SessionStatus.EXITED);
        m.tracker().recordError(m.registry().get("client-1"), false); // crashed
        expectedEnd.put(m.registry().get("client-1").sidHex(), "crashed");
        SessionState late = m.tracker().start(SessionContext.EMPTY, null, null);
        m.tracker().end(late, SessionStatus.ABNORMAL);
        expectedEnd.put(late.sidHex(), "abnormal");
        assertFalse(m.flush(Duration.ofSeconds(10)), "still held");
        assertEquals(1, ingest.history().size(), "nothing sent while the limit lasts");
        return expectedEnd;
    }

    @Test
    void whatTheLimitHeldWhenTheProcessStoppedIsDeliveredOnceByTheNext() {
        ingest.enqueue(LIMITED);
        DefaultSessionManager first = manager();
        Map<String, String> expectedEnd = trafficWhileLimited(first);
        first.close(); // the limit has not lifted: nothing may be sent, nothing is dropped
        SessionStats held = first.stats();
        assertTrue(held.discarded().isEmpty(), "held, not dropped: " + held);
        assertEquals(0, held.sent(), held::toString);
        assertEquals(1, ingest.history().size(), "close respects the limit");
        assertTrue(IngestLedger.of(ingest).sids().isEmpty(), "the ingest holds nothing yet");

        try (SessionManager next = manager()) {
            assertTrue(next.flush(Duration.ofSeconds(20)));
            SessionStats stats = next.stats();
            assertEquals(expectedEnd.size(), stats.recorded(), "every held session recovered: " + stats);
            assertEquals(stats.recorded(), stats.sent(), stats::toString);
        }
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(expectedEnd.keySet(), ledger.startsAccepted());
        expectedEnd.forEach((sid, end) -> assertEquals(end, ledger.endOf(sid), "end of " + sid));
        ledger.items(expectedEnd.keySet().iterator().next()).forEach(i -> assertTrue(i.init()));

        int received = ingest.history().size();
        try (SessionManager third = manager()) {
            assertTrue(third.flush(Duration.ofSeconds(20)));
        }
        assertEquals(received, ingest.history().size(), "delivered once: nothing is left for a third start");
    }

    @Test
    void aLimitThatHoldsAcrossTwoRestartsStillCountsEverySessionOnce() {
        ingest.enqueue(LIMITED);
        DefaultSessionManager first = manager();
        Map<String, String> expectedEnd = trafficWhileLimited(first);
        first.close();

        ingest.enqueue(LIMITED); // the next process meets the limit again, and stops too
        DefaultSessionManager second = manager();
        assertFalse(second.flush(Duration.ofSeconds(10)), "held again");
        second.close();
        assertTrue(second.stats().discarded().isEmpty(), second.stats()::toString);
        assertEquals(0, second.stats().sent(), second.stats()::toString);

        try (SessionManager third = manager()) {
            assertTrue(third.flush(Duration.ofSeconds(20)));
        }
        Set<Integer> answers = new LinkedHashSet<>(ingest.history().stream().map(ReceivedEnvelope::answered).toList());
        assertEquals(Set.of(429, 200), answers);
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(expectedEnd.keySet(), ledger.startsAccepted());
        expectedEnd.forEach((sid, end) -> assertEquals(end, ledger.endOf(sid), "end of " + sid));
    }
}
