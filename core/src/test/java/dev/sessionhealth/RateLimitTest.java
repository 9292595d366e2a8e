package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.ReceivedEnvelope;
import dev.sessionhealth.testing.SentryReader;
import io.sentry.clientreport.ClientReport;
import io.sentry.clientreport.DiscardedEvent;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rate limits as the protocol defines them: while sessions are limited nothing is sent, what is
 * recorded meanwhile is dropped, counted {@code ratelimit_backoff} and reported afterwards.
 */
@Timeout(60)
class RateLimitTest extends LocalIngestTest {

    private static final String LIMITS = "X-Sentry-Rate-Limits";

    @Test
    void sessionCategoryLimitStopsSendingUntilItEnds() {
        assertLimited(Reply.withHeader(429, LIMITS, "60:session:organization"), Duration.ofSeconds(60));
    }

    @Test
    void limitWithoutCategoriesAppliesToSessions() {
        assertLimited(Reply.withHeader(429, LIMITS, "30::organization"), Duration.ofSeconds(30));
    }

    @Test
    void limitsOnOtherCategoriesAreIgnored() {
        assertLimited(Reply.withHeader(429, LIMITS, "600:error;transaction:organization, 10:session:project"),
                Duration.ofSeconds(10));
    }

    @Test
    void fractionalRetryAfterIsHonoured() {
        assertLimited(Reply.withHeader(429, LIMITS, "2.5:session:key"), Duration.ofMillis(2500));
    }

    @Test
    void extraFieldsAndUnknownCategoriesDoNotBreakTheLimit() {
        assertLimited(Reply.withHeader(429, LIMITS, "45:session;unknown_thing:organization:quota_exceeded:ns:x"),
                Duration.ofSeconds(45));
    }

    @Test
    void theLongerOfTwoLimitsWins() {
        assertLimited(Reply.withHeader(429, LIMITS, "10:session:organization, 50:session:project"),
                Duration.ofSeconds(50));
    }

    @Test
    void hugeRetryAfterDoesNotOverflowIntoNoLimitAtAll() {
        manager = manager();
        ingest.enqueue(Reply.withHeader(429, LIMITS, "1e300:session:organization"));
        manager.startSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        clock.advance(Duration.ofDays(30));
        manager.captureSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        assertEquals(1, ingest.envelopes().size(), "still limited a month later");
    }

    @Test
    void retryAfterInSecondsLimitsEverything() {
        assertLimited(Reply.withHeader(429, "Retry-After", "20"), Duration.ofSeconds(20));
    }

    @Test
    void retryAfterAsHttpDateLimitsUntilThatDate() {
        ZonedDateTime until = ZonedDateTime.ofInstant(clock.instant().plusSeconds(91), ZoneOffset.UTC);
        // an HTTP date has whole seconds: the limit ends between 90 and 91 s from now
        assertLimited(Reply.withHeader(429, "Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(until)),
                Duration.ofSeconds(90));
    }

    @Test
    void tooManyRequestsWithoutHeadersLimitsForSixtySeconds() {
        assertLimited(Reply.status(429), Duration.ofSeconds(60));
    }

    @Test
    void rateLimitHeaderOnASuccessfulResponseIsHonoured() {
        manager = manager();
        ingest.enqueue(Reply.withHeader(200, LIMITS, "30:session:organization"));
        manager.startSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        assertEquals(1, ingest.sessions().size(), "the envelope itself was accepted");

        clock.advance(Duration.ofSeconds(29));
        manager.captureSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        assertEquals(1, ingest.envelopes().size(), "nothing sent during the limit");
        assertEquals(1L, manager.stats().discarded().get(DiscardReason.RATELIMIT_BACKOFF));

        clock.advance(Duration.ofSeconds(2));
        manager.captureSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        ReceivedEnvelope resumed = ingest.envelopes().get(1);
        assertEquals(Boolean.FALSE, resumed.payloads("session").get(0).get("init"));
        assertEquals(Map.of("ratelimit_backoff", 1L), discarded(resumed));
    }

    @Test
    void limitOnlyOnOtherCategoriesDoesNotStopSessions() {
        manager = manager();
        ingest.enqueue(Reply.withHeader(200, LIMITS, "600:error:organization"));
        manager.startSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        manager.captureSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        assertEquals(2, ingest.sessions().size());
        assertTrue(manager.stats().discarded().isEmpty());
    }

    /**
     * The first envelope gets {@code reply}; until {@code limit} has passed on the clock nothing is
     * sent and updates are dropped; a second later sending resumes and reports what was dropped.
     */
    private void assertLimited(Reply reply, Duration limit) {
        manager = manager();
        ingest.enqueue(reply);
        Session session = manager.startSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        assertEquals(1, ingest.envelopes().size());
        assertEquals(429, ingest.envelopes().get(0).answered());

        clock.advance(limit.minusSeconds(1));
        manager.captureSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        assertEquals(1, ingest.envelopes().size(), "nothing sent while the limit lasts");
        // the rejected update was counted by the ingest, the one dropped during the limit by us
        assertEquals(2L, manager.stats().discarded().get(DiscardReason.RATELIMIT_BACKOFF));

        clock.advance(Duration.ofSeconds(2));
        manager.captureSession();
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        assertEquals(2, ingest.envelopes().size(), "sending resumed after the limit");
        ReceivedEnvelope resumed = ingest.envelopes().get(1);
        List<Map<String, Object>> items = resumed.payloads("session");
        assertEquals(1, items.size());
        assertEquals(session.sid(), items.get(0).get("sid"));
        assertEquals(Boolean.TRUE, items.get(0).get("init"), "the first transmission never got through: init kept");
        assertEquals(Map.of("ratelimit_backoff", 1L), discarded(resumed),
                "only what we dropped ourselves is reported; the ingest counted the 429 itself");
        SessionStats stats = manager.stats();
        assertEquals(stats.recorded(), stats.sent() + stats.pending() + stats.discardedTotal(), stats::toString);
    }

    private SessionManager manager() {
        return SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build())
                .clock(clock).build();
    }

    /** The client report of an envelope, read with io.sentry, as reason -> quantity (category session). */
    static Map<String, Long> discarded(ReceivedEnvelope envelope) {
        List<ClientReport> reports = SentryReader.clientReports(envelope.body());
        assertEquals(1, reports.size(), "one client report in " + envelope.text());
        Map<String, Long> out = new java.util.TreeMap<>();
        for (DiscardedEvent e : reports.get(0).getDiscardedEvents()) {
            assertEquals("session", e.getCategory());
            out.merge(e.getReason(), e.getQuantity(), Long::sum);
        }
        return out;
    }
}
