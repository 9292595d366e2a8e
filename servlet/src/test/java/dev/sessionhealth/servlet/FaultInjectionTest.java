package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.SessionStats;
import dev.sessionhealth.Transport;
import dev.sessionhealth.internal.ManagerAssembly;
import dev.sessionhealth.internal.send.Backoff;
import dev.sessionhealth.internal.wire.Dsn;
import dev.sessionhealth.internal.wire.HttpTransport;
import dev.sessionhealth.testing.EmbeddedContainer;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.Poll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection scenarios of the reliability issue, end to end: real HTTP traffic through the
 * filter on embedded Jetty, a real local ingest that fails as scripted, and the figures of each run
 * (tried, delivered, dropped by reason, duplicates) written to {@link Figures#FILE}. The outage lasts
 * {@code sessionhealth.test.outage} (default 10s; the 60 s with {@code -Dsessionhealth.test.outage=60s}).
 */
@Timeout(300)
class FaultInjectionTest {

    static final Duration OUTAGE = Duration.parse("PT" + System.getProperty("sessionhealth.test.outage", "10s")
            .toUpperCase(java.util.Locale.ROOT));
    private static final String LIMITS = "X-Sentry-Rate-Limits";

    @TempDir
    Path state;
    private final Harness h = new Harness(EmbeddedContainer.jetty());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger networkFailures = new AtomicInteger();

    /** The test's transport: the manager does not close a transport it was given. */
    private HttpTransport http;

    @AfterEach
    void tearDown() throws Exception {
        try {
            h.close();
        } finally {
            if (http != null) {
                http.close();
            }
        }
    }

    /** The manager behind the filter: short retry backoff, its outbox in a temporary directory. */
    private void start(SessionOptions.Builder options) throws Exception {
        SessionOptions o = options.dsn(h.ingest.dsn()).release("shop@1.0.0").stateDirectory(state.toString())
                .flushInterval(Duration.ofMillis(500)).build();
        http = new HttpTransport(Dsn.parse(o.dsn()), o.requestTimeout(), true, "sessionhealth.test", "1");
        h.manager = ManagerAssembly.assemble(o, h.clock, new CountingTransport(http), null, null,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
        h.startApp(new TestApp(h.manager, Map.of(), Map.of()), List.of(), null);
    }

    @Test
    void ingestRefusingConnectionsThenBackDeliversEveryUpdateOnce() throws Exception {
        start(SessionOptions.builder());
        try (Traffic traffic = new Traffic(h, 20)) {
            traffic.round();
            h.ingest.stop();
            long end = System.nanoTime() + OUTAGE.toNanos();
            int rounds = 0;
            while (System.nanoTime() < end) {
                traffic.round();
                rounds++;
                Thread.sleep(250); // paces the traffic over the outage; nothing waits for a result here
            }
            assertTrue(h.manager.stats().discarded().isEmpty(), "nothing dropped during the outage");
            h.ingest.restart();
            assertTrue(h.manager.flush(Duration.ofSeconds(60)), "delivered once the ingest is back");
            IngestTally t = new IngestTally(h.ingest);
            SessionStats stats = h.manager.stats();
            assertEquals(stats.recorded(), stats.sent(), stats::toString);
            assertEquals(0, t.duplicates);
            assertEquals(List.of(), t.initTwice());
            assertEquals(stats.started(), t.inits.size(), "every session started arrived with its init");
            Map<String, Object> f = figures(stats, t);
            f.put("outage", OUTAGE.toSeconds() + "s");
            f.put("roundsDuringOutage", rounds);
            f.putAll(traffic.takePercentiles());
            Figures.record("outage-" + OUTAGE.toSeconds() + "s", f);
            assertLedgerExactThroughClose("outage-" + OUTAGE.toSeconds() + "s");
        }
    }

    @Test
    void ingestAnsweringAfterTenSecondsDoesNotHoldUpRequests() throws Exception {
        start(SessionOptions.builder().requestTimeout(Duration.ofSeconds(30)));
        try (Traffic traffic = new Traffic(h, 20)) {
            for (int i = 0; i < 5; i++) {
                traffic.round();
            }
            assertTrue(h.manager.flush(Duration.ofSeconds(30)));
            Map<String, String> fast = traffic.takePercentiles();

            h.ingest.answerByDefault(Reply.slow(Duration.ofSeconds(10)));
            traffic.round();
            h.manager.flush(Duration.ofMillis(1));
            Poll.atMost(Duration.ofSeconds(30)).until("the sender is sending", () -> inFlight.get() > 0);
            long heapBefore = usedHeap();
            for (int i = 0; i < 5; i++) {
                traffic.round();
            }
            assertTrue(inFlight.get() > 0, "the requests completed while the sender waited for the ingest");
            Map<String, String> stuck = traffic.takePercentiles();
            long heapAfter = usedHeap();
            long pendingWhileStuck = h.manager.stats().pending();

            h.ingest.answerByDefault(Reply.status(200));
            assertTrue(h.manager.flush(Duration.ofSeconds(60)), "delivered once the ingest answers fast again");
            IngestTally t = new IngestTally(h.ingest);
            SessionStats stats = h.manager.stats();
            assertEquals(stats.recorded(), stats.sent() + stats.discardedTotal(), stats::toString);
            assertEquals(0, t.duplicates);
            Map<String, Object> f = figures(stats, t);
            f.put("pendingWhileStuck", pendingWhileStuck);
            f.put("heapDeltaKiB", (heapAfter - heapBefore) / 1024);
            fast.forEach((k, v) -> f.put("fast." + k, v));
            stuck.forEach((k, v) -> f.put("stuck." + k, v));
            Figures.record("slow-ingest-10s", f);
            assertLedgerExactThroughClose("slow-ingest-10s");
        }
    }

    @Test
    void rateLimitHoldsEverythingUntilItEndsAndDropsNothing() throws Exception {
        start(SessionOptions.builder());
        try (Traffic traffic = new Traffic(h, 20)) {
            h.ingest.enqueue(Reply.withHeader(429, LIMITS, "60:session:organization:quota_exceeded"));
            traffic.round();
            assertFalse(h.manager.flush(Duration.ofSeconds(30)), "held by the limit");
            int limitedAt = h.ingest.envelopes().size();
            assertEquals(1, limitedAt);
            assertEquals(429, h.ingest.envelopes().get(0).answered());
            h.clock.advance(Duration.ofSeconds(30));
            traffic.round();
            assertFalse(h.manager.flush(Duration.ofSeconds(30)), "held by the limit");
            assertEquals(limitedAt, h.ingest.envelopes().size(), "nothing sent while the limit lasts");
            SessionStats held = h.manager.stats();
            assertTrue(held.discarded().isEmpty(), "nothing dropped while limited: " + held);
            assertTrue(held.pending() > 0, held::toString);

            h.clock.advance(Duration.ofSeconds(31));
            traffic.round();
            assertTrue(h.manager.flush(Duration.ofSeconds(30)));
            IngestTally t = new IngestTally(h.ingest);
            assertTrue(t.envelopes > limitedAt, "sending resumed after the limit");
            SessionStats stats = h.manager.stats();
            assertEquals(stats.recorded(), stats.sent(), stats::toString);
            assertTrue(stats.discarded().isEmpty(), stats::toString);
            assertEquals(0, t.duplicates);
            assertEquals(List.of(), t.initTwice());
            assertEquals(stats.started(), t.inits.size(), "every start refused by the 429 arrived after the limit");
            assertEquals(Map.of(), t.reported, "nothing dropped, nothing to report");
            Figures.record("rate-limit-429", figures(stats, t));
            assertLedgerExactThroughClose("rate-limit-429");
        }
    }

    @Test
    void burstOfServerErrorsLosesNothing() throws Exception {
        start(SessionOptions.builder());
        try (Traffic traffic = new Traffic(h, 20)) {
            for (int i = 0; i < 5; i++) {
                h.ingest.enqueue(Reply.status(500));
            }
            h.ingest.enqueue(Reply.status(503), Reply.status(502));
            for (int i = 0; i < 3; i++) {
                traffic.round();
            }
            assertTrue(h.manager.flush(Duration.ofSeconds(60)));
            IngestTally t = new IngestTally(h.ingest);
            SessionStats stats = h.manager.stats();
            assertEquals(7, t.refusedEnvelopes);
            assertTrue(stats.discarded().isEmpty(), stats::toString);
            assertEquals(stats.recorded(), stats.sent());
            assertEquals(0, t.duplicates);
            assertEquals(List.of(), t.initTwice());
            assertEquals(stats.started(), t.inits.size());
            Figures.record("server-errors-5xx", figures(stats, t));
            assertLedgerExactThroughClose("server-errors-5xx");
        }
    }

    @Test
    void payloadTooLargeDropsThatEnvelopeCountsItAndReportsIt() throws Exception {
        start(SessionOptions.builder());
        try (Traffic traffic = new Traffic(h, 20)) {
            h.ingest.enqueue(Reply.status(413));
            traffic.round();
            assertTrue(h.manager.flush(Duration.ofSeconds(30)));
            traffic.round();
            assertTrue(h.manager.flush(Duration.ofSeconds(30)));
            IngestTally t = new IngestTally(h.ingest);
            SessionStats stats = h.manager.stats();
            assertEquals(1, t.refusedEnvelopes);
            long dropped = stats.discarded().get(DiscardReason.SEND_ERROR);
            assertTrue(dropped >= t.refusedUpdates, "every update of the refused items counted: " + stats);
            assertEquals(dropped, t.reported.get("send_error"), "reported in a later client report");
            assertEquals(stats.recorded(), stats.sent() + stats.discardedTotal());
            assertEquals(0, t.duplicates);
            assertEquals(List.of(), t.initTwice());
            Figures.record("payload-too-large-413", figures(stats, t));
            assertLedgerExactThroughClose("payload-too-large-413");
        }
    }

    /**
     * The ingest's ledger holds (init once, one end, honest times) while visitors are still active;
     * once the container and the manager stopped, every session it started has ended there too.
     */
    private void assertLedgerExactThroughClose(String scenario) throws Exception {
        IngestLedger.of(h.ingest).assertExact(false);
        h.stopContainer();
        h.manager.close();
        IngestLedger ledger = IngestLedger.of(h.ingest);
        Figures.record(scenario + "-ledger", ledger.figureMap());
        ledger.assertExact(true);
    }

    private Map<String, Object> figures(SessionStats stats, IngestTally t) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("sessions", stats.started());
        f.put("tried", stats.recorded());
        f.put("delivered", stats.sent());
        f.put("itemsAccepted", t.accepted.size());
        f.put("dropped", stats.discarded().isEmpty() ? "none" : stats.discarded().toString().replace(" ", ""));
        f.put("reportedToIngest", t.reported.isEmpty() ? "none" : t.reported.toString().replace(" ", ""));
        f.put("duplicates", t.duplicates);
        f.put("envelopes", t.envelopes);
        f.put("refusedEnvelopes", t.refusedEnvelopes);
        f.put("sendAttempts", attempts.get());
        f.put("networkFailures", networkFailures.get());
        return f;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** The real transport, counting the sends in flight so the test knows when the sender is stuck. */
    private final class CountingTransport implements Transport {
        private final HttpTransport http;

        CountingTransport(HttpTransport http) {
            this.http = http;
        }

        @Override
        public Response send(byte[] envelope) throws IOException {
            inFlight.incrementAndGet();
            attempts.incrementAndGet();
            try {
                return http.send(envelope);
            } catch (IOException e) {
                networkFailures.incrementAndGet();
                throw e;
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
