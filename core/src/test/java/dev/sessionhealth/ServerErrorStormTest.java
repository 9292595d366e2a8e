package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.ManagerAssembly;
import dev.sessionhealth.internal.send.Backoff;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.Poll;
import dev.sessionhealth.testing.ReceivedEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ingest answers 5xx for a while, with sessions starting, failing and ending meanwhile. Nothing
 * is dropped, everything arrives once after the storm, and the sender backs off between attempts
 * instead of hammering the ingest. The sender, and so its backoff, runs on a ticker the test moves,
 * so that "no attempt before the wait is over" is checked exactly, without measuring time.
 */
@Timeout(120)
class ServerErrorStormTest extends LocalIngestTest {

    private static final int STORM = 6;
    private static final Duration CEILING = Duration.ofMillis(200);

    /** The sender's ticker: frozen unless the test moves it. */
    private final AtomicLong ticker = new AtomicLong(System.nanoTime());

    private DefaultSessionManager manager(LongSupplier nanoTime) {
        manager = ManagerAssembly.assemble(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build(),
                clock, null, null, null, new Backoff(Duration.ofMillis(20), CEILING), nanoTime);
        return (DefaultSessionManager) manager;
    }

    private DefaultSessionManager managerOnTheTicker() {
        return manager(ticker::get);
    }

    /** Flushes until the ingest received {@code n} POSTs, then once more to see that no more come. */
    private void assertPostsSettleAt(int n, DefaultSessionManager m, String when) throws InterruptedException {
        // no pause between checks: each flush wakes the sender (an attempt, if the backoff allows one)
        // and waits up to 100 ms for it
        Poll.atMost(Duration.ofSeconds(20)).every(Duration.ZERO).until(() -> when + ": expected attempt #" + n
                + ", got " + ingest.history().size(), () -> {
                    if (ingest.history().size() >= n) {
                        return true;
                    }
                    m.flush(Duration.ofMillis(100));
                    return false;
                });
        assertFalse(m.flush(Duration.ofMillis(150)), when + ": the ingest refused it, so the flush cannot succeed");
        assertEquals(n, ingest.history().size(), () -> when + ": another attempt before the backoff was over: "
                + answers());
    }

    private List<Integer> answers() {
        return ingest.history().stream().map(ReceivedEnvelope::answered).toList();
    }

    @Test
    void aStormOfServerErrorsLosesNothingAndEachWaitAllowsOneAttempt() throws Exception {
        DefaultSessionManager m = managerOnTheTicker();
        for (int i = 0; i < STORM; i++) {
            ingest.enqueue(Reply.status(i % 2 == 0 ? 500 : 503));
        }
        Map<String, Integer> errors = new HashMap<>();
        List<SessionState> sessions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SessionState s = m.registry().touch("client-" + i, SessionContext.forUser(User.of("user-" + i)), null, null);
            m.tracker().announce(s); // as the integration does when the request ends
            sessions.add(s);
            errors.put(s.sidHex(), 0);
        }
        assertPostsSettleAt(1, m, "the first attempt");

        // the storm: traffic goes on, and every wait that passes on the ticker allows exactly one attempt
        for (int attempt = 2; attempt <= STORM; attempt++) {
            for (SessionState s : sessions) {
                if (s.isOpen()) {
                    m.tracker().recordError(s, true);
                    errors.merge(s.sidHex(), 1, Integer::sum);
                }
            }
            if (attempt == 3) {
                m.registry().end("client-0", SessionStatus.EXITED);
                m.tracker().recordError(sessions.get(1), false); // unhandled: ends it crashed
                errors.merge(sessions.get(1).sidHex(), 1, Integer::sum);
            }
            if (attempt == 5) {
                SessionState late = m.registry().touch("client-late", SessionContext.EMPTY, null, null);
                m.tracker().announce(late); // as the integration does when the request ends
                sessions.add(late);
                errors.put(late.sidHex(), 0);
            }
            assertFalse(m.flush(Duration.ofMillis(100)), "nothing can be delivered during the storm");
            assertEquals(attempt - 1, ingest.history().size(), "new traffic does not cut the wait short");
            ticker.addAndGet(CEILING.toNanos()); // every wait of this backoff is over
            assertPostsSettleAt(attempt, m, "storm attempt " + attempt);
        }
        SessionStats during = m.stats();
        assertTrue(during.discarded().isEmpty(), "a server error keeps what it refused: " + during);
        assertEquals(during.recorded(), during.pending(), during::toString);

        ticker.addAndGet(CEILING.toNanos());
        assertTrue(m.flush(Duration.ofSeconds(20)), "delivered once the ingest answers again");
        List<Integer> answers = answers();
        assertEquals(STORM + 1, answers.size(), () -> "one attempt per wait, then one envelope: " + answers);
        assertEquals(List.of(500, 503, 500, 503, 500, 503, 200), answers);

        ReceivedEnvelope recovered = ingest.history().get(STORM);
        Map<Object, Map<String, Object>> bySid = new HashMap<>();
        recovered.payloads("session").forEach(p -> bySid.put(p.get("sid"), p));
        assertEquals(errors.keySet(), bySid.keySet(), "every session in the one envelope after the storm");
        errors.forEach((sid, n) -> {
            assertEquals(n, bySid.get(sid).get("errors"), "errors of " + sid);
            assertEquals(Boolean.TRUE, bySid.get(sid).get("init"), "the refused starts are sent: " + sid);
        });
        assertEquals("exited", bySid.get(sessions.get(0).sidHex()).get("status"));
        assertEquals("crashed", bySid.get(sessions.get(1).sidHex()).get("status"));

        SessionStats after = m.stats();
        assertTrue(after.discarded().isEmpty(), after::toString);
        assertEquals(0, after.pending(), after::toString);
        assertEquals(after.recorded(), after.sent(), after::toString);
        IngestLedger.of(ingest).assertExact(false);

        m.close(); // ends the sessions still open in the registry
        SessionStats closed = m.stats();
        assertEquals(closed.recorded(), closed.sent(), closed::toString);
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(errors.keySet(), ledger.startsAccepted());
        assertEquals(ledger.startsAccepted(), ledger.endsAccepted());
    }

    @Test
    void retryAfterOnAServerErrorHoldsTheRetryLongerThanTheBackoff() throws Exception {
        DefaultSessionManager m = managerOnTheTicker();
        ingest.enqueue(Reply.withHeader(503, "Retry-After", "1"));
        SessionState s = m.tracker().start(SessionContext.EMPTY, null, null);
        assertPostsSettleAt(1, m, "the first attempt");

        ticker.addAndGet(CEILING.toNanos()); // past any wait of the backoff itself
        assertPostsSettleAt(1, m, "200 ms after a Retry-After of one second");
        ticker.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_000 - CEILING.toMillis()) - 1);
        assertPostsSettleAt(1, m, "one nanosecond before the second is over");
        ticker.addAndGet(1);
        assertTrue(m.flush(Duration.ofSeconds(20)), "retried once the Retry-After passed");
        assertEquals(List.of(503, 200), answers());
        assertEquals(s.sidHex(), ingest.history().get(1).payloads("session").get(0).get("sid"));
        assertTrue(m.stats().discarded().isEmpty(), m.stats()::toString);
        IngestLedger.of(ingest).assertExact(false);
    }

    @Test
    void aStormOnTheRealClockWithTrafficAllAlongLosesNothingAndSendsNothingTwice() throws Exception {
        DefaultSessionManager m = manager(System::nanoTime);
        for (int i = 0; i < STORM; i++) {
            ingest.enqueue(Reply.status(500));
        }
        Map<String, Integer> errors = new HashMap<>();
        List<SessionState> open = new ArrayList<>();
        int round = 0;
        // traffic until the storm has passed (the ingest accepted something), bounded
        while (ingest.history().stream().noneMatch(ReceivedEnvelope::accepted) && round < 2_000) {
            round++;
            SessionState s = m.registry().touch("client-" + round, SessionContext.EMPTY, null, null);
            m.tracker().announce(s); // as the integration does when the request ends
            open.add(s);
            errors.put(s.sidHex(), 0);
            for (SessionState o : open) {
                if (o.isOpen()) {
                    m.tracker().recordError(o, true);
                    errors.merge(o.sidHex(), 1, Integer::sum);
                }
            }
            if (round % 3 == 0) {
                m.registry().end("client-" + (round - 1), SessionStatus.EXITED);
            }
            m.flush(Duration.ofMillis(20));
        }
        assertTrue(m.flush(Duration.ofSeconds(30)), "delivered after the storm");
        assertEquals(STORM, (int) ingest.history().stream().filter(e -> e.answered() == 500).count());
        SessionStats stats = m.stats();
        assertTrue(stats.discarded().isEmpty(), stats::toString);
        assertEquals(stats.recorded(), stats.sent(), stats::toString);
        Map<Object, Object> lastErrors = new HashMap<>();
        ingest.history().stream().filter(ReceivedEnvelope::accepted).flatMap(e -> e.payloads("session").stream())
                .forEach(p -> lastErrors.put(p.get("sid"), p.get("errors")));
        errors.forEach((sid, n) -> assertEquals(n, lastErrors.get(sid), "final error count of " + sid));
        IngestLedger.of(ingest).assertExact(false);
        m.close();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(errors.size(), ledger.startsAccepted().size());
    }
}
