package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.session.RequestAggregator;
import dev.sessionhealth.internal.session.RequestAggregator.Outcome;
import dev.sessionhealth.testing.GatedThreads;
import dev.sessionhealth.testing.MovableClock;
import dev.sessionhealth.testing.ReceivedEnvelope;
import dev.sessionhealth.testing.SentryReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request mode: one session per request, counted per minute into {@code sessions} items. */
@Timeout(60)
class RequestAggregatesTest extends LocalIngestTest {

    private final GatedThreads threads = GatedThreads.open();

    RequestAggregatesTest() {
        super(new MovableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(10)));
    }

    /** Runs before the fixture closes the manager: a held sender thread could not stop. */
    @AfterEach
    void openGate() {
        threads.openGate();
    }

    private DefaultSessionManager manager(GatedThreads factory) {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .environment("staging").build()).clock(clock).threadFactory(factory).build();
        return (DefaultSessionManager) manager;
    }

    @Test
    void requestsAreCountedPerMinuteAndEveryOneIsSentByClose() {
        DefaultSessionManager m = manager(threads);
        RequestAggregator aggregator = m.aggregator();
        Instant minute0 = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        record(aggregator, Outcome.EXITED, 5);
        record(aggregator, Outcome.ERRORED, 3);
        record(aggregator, Outcome.ABNORMAL, 1);
        record(aggregator, Outcome.CRASHED, 2);
        clock.advance(Duration.ofMinutes(1));
        record(aggregator, Outcome.EXITED, 4);
        record(aggregator, Outcome.CRASHED, 1);
        clock.advance(Duration.ofMinutes(1));
        assertTrue(m.flush(Duration.ofSeconds(10)));

        Map<Instant, Map<String, Object>> buckets = buckets();
        assertEquals(2, buckets.size(), "two complete minutes: " + buckets);
        assertEquals(Map.of("started", minute0.toString(), "exited", 5, "errored", 3, "abnormal", 1, "crashed", 2),
                buckets.get(minute0));
        assertEquals(Map.of("started", minute0.plusSeconds(60).toString(), "exited", 4, "crashed", 1),
                buckets.get(minute0.plusSeconds(60)));

        record(aggregator, Outcome.EXITED, 7);
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertEquals(2, buckets().size(), "the current minute is not sent before it is over");

        m.close();
        buckets = buckets();
        assertEquals(3, buckets.size());
        assertEquals(7, buckets.get(minute0.plusSeconds(120)).get("exited"));
        assertEquals(23, total(buckets), "every request recorded is in exactly one counter");
        assertEquals(23, m.stats().aggregatedRequests());
        for (ReceivedEnvelope e : ingest.envelopes()) {
            int read = 0;
            for (Object item : SentryReader.read(e.body()).getItems()) {
                read++;
            }
            assertEquals(e.items().size(), read, "io.sentry reads envelopes with sessions items: " + e.text());
            for (Map<String, Object> item : e.payloads("sessions")) {
                assertEquals(Map.of("release", "shop@2.4.1", "environment", "staging"), item.get("attrs"));
            }
        }
    }

    @Test
    void requestOutcomeFollowsPrecedence() {
        DefaultSessionManager m = manager(threads);
        RequestTracking crashedAfterHandled = new RequestTracking(m.tracker());
        crashedAfterHandled.recordError(m.tracker(), true);
        crashedAfterHandled.recordError(m.tracker(), true);
        crashedAfterHandled.recordError(m.tracker(), false);
        RequestTracking crashedTwice = new RequestTracking(m.tracker());
        crashedTwice.recordError(m.tracker(), false);
        crashedTwice.recordError(m.tracker(), false);
        RequestTracking errored = new RequestTracking(m.tracker());
        errored.recordError(m.tracker(), true);
        RequestTracking clean = new RequestTracking(m.tracker());
        for (RequestTracking t : List.of(crashedAfterHandled, crashedTwice, errored, clean)) {
            m.aggregator().record(t.outcome());
        }
        m.close();
        Map<Instant, Map<String, Object>> buckets = buckets();
        assertEquals(1, buckets.size());
        Map<String, Object> bucket = buckets.values().iterator().next();
        assertEquals(2, bucket.get("crashed"));
        assertEquals(1, bucket.get("errored"));
        assertEquals(1, bucket.get("exited"));
    }

    @Test
    void oneItemHoldsAtMostOneHundredBuckets() {
        GatedThreads gated = GatedThreads.closed();
        DefaultSessionManager m = manager(gated);
        for (int i = 0; i < 150; i++) {
            m.aggregator().record(Outcome.EXITED);
            clock.advance(Duration.ofMinutes(1));
        }
        gated.openGate();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        List<Integer> sizes = new ArrayList<>();
        for (ReceivedEnvelope e : ingest.envelopes()) {
            for (Map<String, Object> item : e.payloads("sessions")) {
                sizes.add(((List<?>) item.get("aggregates")).size());
            }
        }
        assertEquals(List.of(100, 50), sizes);
        assertEquals(150, total(buckets()));
    }

    private static void record(RequestAggregator aggregator, Outcome outcome, int times) {
        for (int i = 0; i < times; i++) {
            aggregator.record(outcome);
        }
    }

    /** Every bucket received, by its start; a minute must not arrive twice. */
    @SuppressWarnings("unchecked")
    private Map<Instant, Map<String, Object>> buckets() {
        Map<Instant, Map<String, Object>> out = new java.util.TreeMap<>();
        for (Map<String, Object> item : ingest.payloads("sessions")) {
            for (Object o : (List<Object>) item.get("aggregates")) {
                Map<String, Object> bucket = (Map<String, Object>) o;
                String started = (String) bucket.get("started");
                Instant at = Instant.parse(started);
                assertEquals(at.truncatedTo(ChronoUnit.MINUTES), at, "started is rounded to the minute");
                assertTrue(started.endsWith("Z"));
                assertEquals(null, out.put(at, bucket), "minute " + at + " sent twice");
            }
        }
        return out;
    }

    private static long total(Map<Instant, Map<String, Object>> buckets) {
        return buckets.values().stream().flatMap(b -> b.entrySet().stream())
                .filter(e -> !e.getKey().equals("started"))
                .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    }
}
