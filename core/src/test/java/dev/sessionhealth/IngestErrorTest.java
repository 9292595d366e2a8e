package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.MovableClock;
import dev.sessionhealth.testing.ReceivedEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 413, other 4xx and 5xx: the envelope is dropped, counted {@code send_error} and reported later. */
@Timeout(60)
class IngestErrorTest {

    private final FakeIngest ingest = FakeIngest.start();
    private final MovableClock clock = new MovableClock();
    private SessionManager manager;

    @AfterEach
    void tearDown() {
        if (manager != null) {
            manager.close();
        }
        ingest.close();
    }

    private SessionManager manager() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build())
                .clock(clock).build();
        return manager;
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 413, 500, 503})
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
    }

    @Test
    void clientReportLostWithAFailedEnvelopeIsSentAgainAndEveryDiscardIsReportedOnce() {
        SessionManager m = manager();
        ingest.enqueue(Reply.status(500), Reply.status(500));
        m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        m.captureSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        m.captureSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));

        List<ReceivedEnvelope> envelopes = ingest.envelopes();
        assertEquals(Map.of("send_error", 1L), RateLimitTest.discarded(envelopes.get(1)),
                "the second envelope carries the first loss");
        assertEquals(500, envelopes.get(1).answered());
        long reportedAfterwards = envelopes.subList(2, envelopes.size()).stream()
                .filter(e -> e.text().contains("client_report"))
                .mapToLong(e -> RateLimitTest.discarded(e).getOrDefault("send_error", 0L)).sum();
        assertEquals(2, reportedAfterwards, "both losses reach the ingest, the report lost with envelope 2 included");
        assertEquals(2L, m.stats().discarded().get(DiscardReason.SEND_ERROR));
        assertEquals(3, ingest.sessions().size(), "three updates arrived, two of them with rejected envelopes");
    }

    @Test
    void discardsAreReportedOnFlushEvenWithoutSessionsToCarryThem() {
        SessionManager m = manager();
        ingest.enqueue(Reply.status(500));
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
}
