package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
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
 * Rate limits as the protocol defines them: while sessions are limited nothing is sent. Nothing is
 * dropped either: what the 429 refused and what is recorded meanwhile waits, merged per session, and
 * is sent once the limit ends, so the ingest counts every start and end once.
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
        assertFalse(manager.flush(Duration.ofSeconds(10)));
        clock.advance(Duration.ofDays(30));
        manager.captureSession();
        assertFalse(manager.flush(Duration.ofSeconds(10)));
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
        assertFalse(manager.flush(Duration.ofSeconds(10)), "held by the limit");
        assertEquals(1, ingest.envelopes().size(), "nothing sent during the limit");
        assertTrue(manager.stats().discarded().isEmpty(), "nothing dropped: " + manager.stats());

        clock.advance(Duration.ofSeconds(2));
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        assertEquals(2, ingest.envelopes().size());
        ReceivedEnvelope resumed = ingest.envelopes().get(1);
        assertEquals(1, resumed.payloads("session").size(), "the held update");
        assertEquals(Boolean.FALSE, resumed.payloads("session").get(0).get("init"));
        assertTrue(SentryReader.clientReports(resumed.body()).isEmpty(), "nothing to report");
        IngestLedger.of(ingest).assertExact(false);
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
        manager.close();
        IngestLedger.of(ingest).assertExact(true);
    }

    /**
     * The first envelope gets {@code reply}; until {@code limit} has passed on the clock nothing is
     * sent and nothing is dropped; a second later what waited is sent, the refused start included.
     */
    private void assertLimited(Reply reply, Duration limit) {
        manager = manager();
        ingest.enqueue(reply);
        Session session = manager.startSession();
        assertFalse(manager.flush(Duration.ofSeconds(10)), "held by the limit");
        assertEquals(1, ingest.envelopes().size());
        assertEquals(429, ingest.envelopes().get(0).answered());

        clock.advance(limit.minusSeconds(1));
        manager.captureSession();
        assertFalse(manager.flush(Duration.ofSeconds(10)), "held by the limit");
        assertEquals(1, ingest.envelopes().size(), "nothing sent while the limit lasts");
        assertTrue(manager.stats().discarded().isEmpty(), "nothing dropped: " + manager.stats());
        assertEquals(2, manager.stats().pending(), "the refused start and the update since wait");

        clock.advance(Duration.ofSeconds(2));
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        assertEquals(2, ingest.envelopes().size(), () -> "sending resumed after the limit: " + ingest.envelopes().stream()
                .map(e -> e.answered() + " " + e.text()).toList());
        ReceivedEnvelope resumed = ingest.envelopes().get(1);
        List<Map<String, Object>> items = resumed.payloads("session");
        assertEquals(1, items.size(), "merged per session");
        assertEquals(session.sid(), items.get(0).get("sid"));
        assertEquals(Boolean.TRUE, items.get(0).get("init"), "the refused start is sent once the limit ends");
        assertTrue(SentryReader.clientReports(resumed.body()).isEmpty(), "nothing was dropped, nothing to report");
        SessionStats stats = manager.stats();
        assertEquals(2, stats.recorded());
        assertEquals(stats.recorded(), stats.sent(), stats::toString);
        assertTrue(stats.discarded().isEmpty(), stats::toString);
        IngestLedger.of(ingest).assertExact(false);
        manager.close();
        IngestLedger.of(ingest).assertExact(true); // the limit is over: the end on close goes through
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
