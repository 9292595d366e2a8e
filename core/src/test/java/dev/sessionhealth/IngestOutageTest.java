package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.ManagerAssembly;
import dev.sessionhealth.internal.send.Backoff;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.wire.Dsn;
import dev.sessionhealth.internal.wire.HttpTransport;
import dev.sessionhealth.testing.Calls;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.Poll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ingest refusing connections or answering too slowly: nothing is lost, callers never wait. */
@Timeout(120)
class IngestOutageTest extends LocalIngestTest {

    private DefaultSessionManager manager(SessionOptions.Builder options, Transport transport) {
        manager = ManagerAssembly.assemble(options.dsn(ingest.dsn()).release("shop@2.4.1").build(), clock, transport,
                null, null, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)));
        return (DefaultSessionManager) manager;
    }

    @ParameterizedTest(name = "persistence={0}")
    @ValueSource(booleans = {true, false})
    void ingestRefusingConnectionsLosesNothingAndSendsNothingTwice(boolean persistence) {
        // with persistence the undeliverable batches wait in the outbox on disk, without it in memory
        DefaultSessionManager m = manager(SessionOptions.builder().persistence(persistence), null);
        ingest.stop();
        Map<String, Integer> errors = new HashMap<>();
        List<SessionState> open = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SessionState s = m.tracker().start(SessionContext.forUser(User.of("user-" + i)), null, null);
            open.add(s);
            errors.put(s.sidHex(), 0);
        }
        assertFalse(m.flush(Duration.ofMillis(300)), "nothing can be delivered while the ingest is down");
        for (int round = 0; round < 3; round++) {
            for (SessionState s : open) {
                m.tracker().recordError(s, true);
                errors.merge(s.sidHex(), 1, Integer::sum);
            }
            assertFalse(m.flush(Duration.ofMillis(100)));
        }
        for (SessionState s : open.subList(0, 10)) {
            m.tracker().end(s, SessionStatus.EXITED);
        }
        assertTrue(m.stats().pending() > 0);
        assertTrue(m.stats().discarded().isEmpty(), "a network failure is retried, not dropped");

        ingest.restart();
        assertTrue(m.flush(Duration.ofSeconds(30)), "delivered once the ingest is back");

        List<Map<String, Object>> sent = ingest.sessions();
        Map<Object, Long> inits = new HashMap<>();
        Map<Object, Map<String, Object>> last = new HashMap<>();
        for (Map<String, Object> s : sent) {
            if (Boolean.TRUE.equals(s.get("init"))) {
                inits.merge(s.get("sid"), 1L, Long::sum);
            }
            last.put(s.get("sid"), s);
        }
        assertEquals(30, inits.size(), "every session arrived with init");
        assertTrue(inits.values().stream().allMatch(n -> n == 1), "no session started twice: " + inits);
        assertEquals(sent.size(), sent.stream().map(s -> s.get("sid") + "/" + s.get("status") + "/" + s.get("errors"))
                .distinct().count(), () -> "no update arrived twice: " + describe());
        errors.forEach((sid, n) -> assertEquals(n, last.get(sid).get("errors"), "final error count of " + sid));
        assertEquals(10, last.values().stream().filter(s -> "exited".equals(s.get("status"))).count());
        SessionStats stats = m.stats();
        assertEquals(stats.recorded(), stats.sent(), stats::toString);
        assertEquals(0, stats.pending());
        IngestLedger.of(ingest).assertExact(false); // 20 sessions are still open
    }

    @Test
    void aLongOutageSpillsToTheOutboxInsteadOfDroppingWhatExceedsTheBound() throws InterruptedException {
        // one failed attempt, then a backoff longer than the test: only the spill can make room
        manager = ManagerAssembly.assemble(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .queueCapacity(150).shutdownTimeout(Duration.ofSeconds(30)).build(), clock, null, null, null,
                new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        DefaultSessionManager m = (DefaultSessionManager) manager;
        ingest.stop();
        for (int batch = 0; batch < 10; batch++) {
            for (int i = 0; i < 100; i++) {
                m.tracker().start(SessionContext.EMPTY, null, null);
            }
            m.flush(Duration.ofMillis(1)); // wakes the sender: it takes the updates (and tries to send once)
            // until the sender has taken every update from the queue (whose bound is 150 too) and placed
            // it (in memory, on disk, or dropped and counted): updates in its hands are in no count
            Poll.atMost(Duration.ofSeconds(30)).every(Duration.ofMillis(5)).until(
                    () -> "every update taken and placed: " + m.stats(), () -> m.queued() == 0 && settled(m.stats()));
        }
        SessionStats during = m.stats();
        assertTrue(during.discarded().isEmpty(), "nothing dropped past the bound of 150: " + during);
        assertEquals(1_000, during.pending(), during::toString);

        ingest.restart();
        m.close(); // the last attempt ignores the backoff and drains the outbox first
        assertEquals(1_000, ingest.sessions().stream().filter(s -> Boolean.TRUE.equals(s.get("init")))
                .map(s -> s.get("sid")).distinct().count(), "every session's first update arrived");
        SessionStats after = m.stats();
        assertEquals(after.recorded(), after.sent(), after::toString);
        assertTrue(after.discarded().isEmpty(), after::toString);
        IngestLedger.of(ingest).assertExact(false); // sessions of tracker().start() are nobody's to end on close
    }

    private static boolean settled(SessionStats s) {
        return s.pending() + s.discardedTotal() + s.sent() == s.recorded();
    }

    @Test
    void slowIngestIsNotAnsweredInTimeAndItsEnvelopeIsNeverSentTwice() throws Exception {
        SignallingTransport transport = closedAfterManager(new SignallingTransport(ingest, Duration.ofMillis(500)));
        DefaultSessionManager m = manager(SessionOptions.builder().requestTimeout(Duration.ofMillis(500)), transport);
        ingest.enqueue(new Reply(200, Map.of(), Duration.ofSeconds(5)));
        Session first = m.startSession();
        m.flush(Duration.ofMillis(1));
        assertTrue(transport.started.await(10, TimeUnit.SECONDS), "the sender is sending");
        SessionStats during = m.stats();
        assertEquals(1, during.pending(), "an update being sent is still pending: " + during);
        assertEquals(during.recorded(), during.sent() + during.pending() + during.discardedTotal());

        // the sender hangs on the slow ingest now; callers carry on
        assertTrue(Calls.returnsWithin(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 10_000; i++) {
                if (i % 10 == 0) {
                    m.startSession();
                } else {
                    m.recordError(true);
                }
            }
        }), "10,000 calls complete while the ingest hangs");

        assertTrue(m.flush(Duration.ofSeconds(30)), "the rest delivered after the slow reply timed out");
        assertTrue(transport.failures.get() >= 1, "the timed-out request failed");
        // the envelope went out whole and the ingest stored it after its delay: sent once, never again
        assertEquals(1, ingest.sessions().stream().filter(s -> first.sid().equals(s.get("sid"))
                && Boolean.TRUE.equals(s.get("init"))).count(), "the start caught in the slow request arrived once");
        SessionStats stats = m.stats();
        assertEquals(1, stats.unconfirmed(), stats::toString);
        assertEquals(1, stats.unconfirmedEnvelopes(), stats::toString);
        assertEquals(stats.recorded(), stats.sent() + stats.unconfirmed() + stats.pending() + stats.discardedTotal(),
                stats::toString);
        IngestLedger.of(ingest).assertExact(false);
    }

    private String describe() {
        StringBuilder out = new StringBuilder();
        for (var e : ingest.envelopes()) {
            out.append("\nenvelope answered ").append(e.answered()).append(':');
            for (Map<String, Object> s : e.payloads("session")) {
                out.append("\n  ").append(s.get("sid")).append(' ').append(s.get("init")).append(' ')
                        .append(s.get("status")).append(' ').append(s.get("errors")).append(' ').append(s.get("seq"));
            }
        }
        return out.toString();
    }

    @Test
    void transportThatFailsOddlyLosesNothing() {
        AtomicInteger calls = new AtomicInteger();
        SignallingTransport http = closedAfterManager(new SignallingTransport(ingest, Duration.ofSeconds(10)));
        Transport odd = new Transport() {
            @Override
            public Response send(byte[] envelope) throws IOException {
                switch (calls.incrementAndGet()) {
                    case 1 -> throw new NoClassDefFoundError("jdk/net/Sockets");
                    case 2 -> {
                        return null;
                    }
                    default -> {
                        return http.send(envelope);
                    }
                }
            }

            @Override
            public void close() {
                http.close();
            }
        };
        DefaultSessionManager m = manager(SessionOptions.builder().persistence(false), odd);
        Session s = m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(20)), "delivered on the third attempt");
        assertTrue(calls.get() >= 3);
        assertEquals(s.sid(), ingest.sessions().get(0).get("sid"));
        SessionStats stats = m.stats();
        assertEquals(1, stats.sent(), stats::toString);
        assertEquals(0, stats.pending());
        IngestLedger.of(ingest).assertExact(false);
    }

    /** The real HTTP transport, telling the test when a request starts and how many failed. */
    private static final class SignallingTransport implements Transport {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicInteger failures = new AtomicInteger();
        private final HttpTransport http;

        SignallingTransport(FakeIngest ingest, Duration timeout) {
            this.http = new HttpTransport(Dsn.parse(ingest.dsn()), timeout, true, "test", "1");
        }

        @Override
        public Response send(byte[] envelope) throws IOException {
            started.countDown();
            try {
                return http.send(envelope);
            } catch (IOException | RuntimeException e) {
                failures.incrementAndGet();
                throw e;
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
