package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.ManagerAssembly;
import dev.sessionhealth.internal.send.Backoff;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.GatedThreads;
import dev.sessionhealth.testing.Poll;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.ReceivedEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 413 and other 4xx: the envelope is dropped, counted {@code send_error} and reported later. 5xx: the
 * ingest is in trouble, not the data, so the envelope is kept (outbox) and delivered once it recovers.
 */
@Timeout(60)
class IngestErrorTest extends LocalIngestTest {

    /** The longest wait of the standard backoff. */
    private static final Duration BACKOFF_CEILING = Duration.ofMinutes(1);

    private final GatedThreads threads = GatedThreads.open();

    private SessionManager manager() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build())
                .clock(clock).build();
        return manager;
    }

    /**
     * A manager as {@link #manager()} builds it, with the standard backoff, whose sender runs on the
     * test's clock: a wait of the backoff is over when the test moves the clock past it, not before.
     */
    private SessionManager managerOnTheClock() {
        manager = ManagerAssembly.assemble(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build(),
                clock, null, threads, null, Backoff.standard(), clock::nanoTime);
        return manager;
    }

    /**
     * Flushes until the ingest has received {@code n} envelopes, each flush waking the sender for an
     * attempt, and checks that the last one was refused: the flush that saw it did not succeed. Returns
     * once the sender is done with the answer, so that its backoff runs from the clock as it is now.
     */
    private void flushUntilReceived(SessionManager m, int n) throws InterruptedException {
        boolean flushed = false;
        for (int i = 0; i < 200 && ingest.envelopes().size() < n; i++) {
            flushed = m.flush(Duration.ofMillis(100));
        }
        assertEquals(n, ingest.envelopes().size(), "attempts so far");
        assertFalse(flushed, "the ingest refused attempt " + n + ", so the flush cannot succeed");
        Poll.atMost(Duration.ofSeconds(20)).until("the sender settles", threads::allIdle);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 413})
    void rejectedEnvelopeIsDroppedCountedAndReportedWithTheNextOne(int status) {
        SessionManager m = manager();
        ingest.enqueue(Reply.status(status));
        Session session = m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)), "a rejected envelope is done with, not retried");
        assertEquals(Map.of(DiscardReason.SEND_ERROR, 1L), m.stats().discarded());
        assertEquals(1, ingest.envelopes().size(), "not retried");

        m.captureSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        ReceivedEnvelope next = ingest.envelopes().get(1);
        assertEquals(Map.of("send_error", 1L), RateLimitTest.discarded(next));
        Map<String, Object> item = next.payloads("session").get(0);
        assertEquals(session.sid(), item.get("sid"));
        assertEquals(Boolean.TRUE, item.get("init"), "the first transmission was lost, so this one carries init");
        SessionStats stats = m.stats();
        assertEquals(stats.recorded(), stats.sent() + stats.pending() + stats.discardedTotal(), stats::toString);
        IngestLedger.of(ingest).assertExact(false);
    }

    @Test
    void clientReportLostWithAFailedEnvelopeIsSentAgainAndEveryDiscardIsReportedOnce() {
        SessionManager m = manager();
        ingest.enqueue(Reply.status(413), Reply.status(413));
        m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        m.captureSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        m.captureSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));

        List<ReceivedEnvelope> envelopes = ingest.envelopes();
        assertEquals(Map.of("send_error", 1L), RateLimitTest.discarded(envelopes.get(1)),
                "the second envelope carries the first loss");
        assertEquals(413, envelopes.get(1).answered());
        long reportedAfterwards = envelopes.subList(2, envelopes.size()).stream()
                .filter(e -> e.text().contains("client_report"))
                .mapToLong(e -> RateLimitTest.discarded(e).getOrDefault("send_error", 0L)).sum();
        assertEquals(2, reportedAfterwards, "both losses reach the ingest, the report lost with envelope 2 included");
        assertEquals(2L, m.stats().discarded().get(DiscardReason.SEND_ERROR));
        assertEquals(3, ingest.sessions().size(), "three updates arrived, two of them with rejected envelopes");
        IngestLedger.of(ingest).assertExact(false);
    }

    @Test
    void discardsAreReportedOnFlushEvenWithoutSessionsToCarryThem() {
        SessionManager m = manager();
        ingest.enqueue(Reply.status(413));
        m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertTrue(m.flush(Duration.ofSeconds(10)));

        List<ReceivedEnvelope> envelopes = ingest.envelopes();
        assertEquals(2, envelopes.size());
        assertTrue(envelopes.get(1).payloads("session").isEmpty());
        assertEquals(Map.of("send_error", 1L), RateLimitTest.discarded(envelopes.get(1)));
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertEquals(2, ingest.envelopes().size(), "a report is sent once");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503})
    void serverErrorKeepsTheEnvelopeAndDeliversItOnceTheIngestRecovers(int status) throws InterruptedException {
        SessionManager m = managerOnTheClock();
        ingest.enqueue(Reply.status(status), Reply.status(status));
        Session session = m.startSession();
        for (int refused = 1; refused <= 2; refused++) {
            flushUntilReceived(m, refused);
            clock.advance(BACKOFF_CEILING); // the retry may go
        }
        assertTrue(m.flush(Duration.ofSeconds(30)), "delivered after the server errors passed");
        List<ReceivedEnvelope> envelopes = ingest.envelopes();
        assertEquals(3, envelopes.size(), "two refusals, then the same items again");
        assertEquals(List.of(status, status, 200), envelopes.stream().map(ReceivedEnvelope::answered).toList());
        Map<String, Object> delivered = envelopes.get(2).payloads("session").get(0);
        assertEquals(session.sid(), delivered.get("sid"));
        assertEquals(Boolean.TRUE, delivered.get("init"));
        assertTrue(m.stats().discarded().isEmpty(), m.stats()::toString);
        assertEquals(1, m.stats().sent());
        IngestLedger.of(ingest).assertExact(false);
        m.close();
        IngestLedger.of(ingest).assertExact(true); // close ended the session, once
    }

    @Test
    void keptEnvelopeGetsAFreshSentAtWhenItIsFinallySent() throws InterruptedException {
        SessionManager m = managerOnTheClock();
        ingest.enqueue(Reply.status(503));
        m.startSession();
        flushUntilReceived(m, 1); // the retry waits for the backoff
        clock.advance(Duration.ofMinutes(3));
        assertTrue(m.flush(Duration.ofSeconds(30)));
        List<ReceivedEnvelope> envelopes = ingest.envelopes();
        assertEquals(2, envelopes.size());
        assertEquals(clock.instant().toString(), envelopes.get(1).envelopeHeader().get("sent_at"),
                "sent_at is written when the envelope is sent, never stored");
        assertTrue(!envelopes.get(0).envelopeHeader().get("sent_at").equals(envelopes.get(1).envelopeHeader().get("sent_at")));
        m.close();
        IngestLedger.of(ingest).assertExact(true);
    }
}
