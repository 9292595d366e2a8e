package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.ReceivedEnvelope;
import dev.sessionhealth.testing.SentryReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest extends LocalIngestTest {

    private SessionManager manager(SessionOptions.Builder options) {
        manager = SessionManager.builder(options.dsn(ingest.dsn()).release("shop@2.4.1").build()).clock(clock).build();
        return manager;
    }

    private SessionOptions.Builder options() {
        return SessionOptions.builder();
    }

    @Test
    void firstTransmissionCarriesInitAndLaterOnesDoNot() {
        SessionManager m = manager(options());
        Session started = m.startSession(SessionContext.forUser(User.of("alice")));
        assertTrue(m.flush(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(42));
        m.endSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));

        List<Map<String, Object>> sent = ingest.sessions();
        assertEquals(2, sent.size(), sent::toString);
        assertEquals(Boolean.TRUE, sent.get(0).get("init"));
        assertEquals("ok", sent.get(0).get("status"));
        assertEquals(Boolean.FALSE, sent.get(1).get("init"));
        assertEquals("exited", sent.get(1).get("status"));
        assertEquals(42.0, ((Number) sent.get(1).get("duration")).doubleValue(), 0.001);
        assertEquals(started.sid(), sent.get(0).get("sid"));
        assertEquals(sent.get(0).get("sid"), sent.get(1).get("sid"));
        assertEquals(sent.get(0).get("started"), sent.get(1).get("started"));
        assertEquals(sent.get(0).get("did"), sent.get(1).get("did"));
    }

    @Test
    void didIsASaltedHashUnlessPersonalDataIsEnabled() {
        SessionManager m = manager(options().didSalt("cluster-salt"));
        m.startSession(SessionContext.forUser(new User("alice", "alice@example.com", "alice", "10.1.2.3")));
        m.flush(Duration.ofSeconds(10));
        Map<String, Object> s = ingest.sessions().get(0);
        String did = (String) s.get("did");
        assertEquals(32, did.length());
        assertNotEquals("alice", did);
        assertFalse(ingest.envelopes().get(0).text().contains("alice"), "no raw user data on the wire");
        assertFalse(ingest.envelopes().get(0).text().contains("10.1.2.3"));

        manager.close();
        ingest.clear();
        SessionManager again = manager(options().didSalt("cluster-salt"));
        again.startSession(SessionContext.forUser(User.of("alice")));
        again.flush(Duration.ofSeconds(10));
        assertEquals(did, ingest.sessions().get(0).get("did"), "same salt, same did on every node");
    }

    @Test
    void rawUserIdAndIpOnlyWhenOptedIn() {
        SessionManager m = manager(options().sendDefaultPii(true));
        m.startSession(SessionContext.forUser(new User("alice", null, null, "10.1.2.3")));
        m.flush(Duration.ofSeconds(10));
        Map<String, Object> s = ingest.sessions().get(0);
        assertEquals("alice", s.get("did"));
        assertEquals("10.1.2.3", ((Map<?, ?>) s.get("attrs")).get("ip_address"));
    }

    @Test
    void userAgentGivenWithoutAFilterIsSentCleanedAndOnlyWhenOptedIn() {
        SessionManager m = manager(options().sendDefaultPii(true));
        Session s = m.startSession(SessionContext.EMPTY.withUserAgent(" App/2.0\u0007 (iOS) ").withIpAddress("10.4.5.6"));
        assertEquals("App/2.0 (iOS)", s.userAgent());
        m.flush(Duration.ofSeconds(10));
        Map<?, ?> attrs = (Map<?, ?>) ingest.sessions().get(0).get("attrs");
        assertEquals("App/2.0 (iOS)", attrs.get("user_agent"));
        assertEquals("10.4.5.6", attrs.get("ip_address"));

        manager.close();
        ingest.clear();
        SessionManager without = manager(options());
        Session anonymous = without.startSession(SessionContext.EMPTY.withUserAgent("App/2.0").withIpAddress("10.4.5.6"));
        assertNull(anonymous.userAgent());
        without.flush(Duration.ofSeconds(10));
        assertEquals(Map.of("release", "shop@2.4.1", "environment", "production"),
                ingest.sessions().get(0).get("attrs"), "no personal data unless opted in");
    }

    @Test
    void nothingIsSentAfterATerminalStatus() {
        SessionManager m = manager(options());
        m.startSession();
        m.recordError(false);
        m.recordError(false);
        m.recordError(true);
        m.endSession();
        m.captureSession();
        m.flush(Duration.ofSeconds(10));

        List<Map<String, Object>> sent = ingest.sessions();
        // start and crash were coalesced into one update: crashed, counted once, init kept
        assertEquals(1, sent.size(), sent::toString);
        assertEquals("crashed", sent.get(0).get("status"));
        assertEquals(1, sent.get(0).get("errors"));
        assertEquals(Boolean.TRUE, sent.get(0).get("init"));
    }

    @Test
    void handledErrorsCountAndTheSessionStaysOpen() {
        SessionManager m = manager(options());
        m.startSession();
        m.flush(Duration.ofSeconds(10));
        m.recordError(true);
        m.recordError(true);
        m.flush(Duration.ofSeconds(10));
        m.endSession();
        m.flush(Duration.ofSeconds(10));
        List<Map<String, Object>> sent = ingest.sessions();
        assertEquals(List.of("ok", "ok", "exited"), sent.stream().map(s -> s.get("status")).toList());
        assertEquals(2, sent.get(2).get("errors"));
    }

    @Test
    void crashedSessionCarriesAtLeastOneError() {
        SessionManager m = manager(options());
        m.startSession();
        m.flush(Duration.ofSeconds(10));
        m.recordError(false);
        m.flush(Duration.ofSeconds(10));
        Map<String, Object> last = ingest.sessions().get(ingest.sessions().size() - 1);
        assertEquals("crashed", last.get("status"));
        assertEquals(1, last.get("errors"));
        assertTrue(m.currentSession().orElseThrow().status().isTerminal());
    }

    @Test
    void unhandledStatusOnlyWhenOptedIn() {
        SessionManager m = manager(options().reportUnhandled(true));
        m.startSession();
        m.recordError(false);
        m.flush(Duration.ofSeconds(10));
        assertEquals("unhandled", ingest.sessions().get(0).get("status"));
    }

    @Test
    void startingASessionForAUserEndsTheAnonymousOne() {
        SessionManager m = manager(options());
        Session anonymous = m.startSession();
        Session alice = m.startSession(SessionContext.forUser(User.of("alice")));
        m.flush(Duration.ofSeconds(10));
        List<Map<String, Object>> sent = ingest.sessions();
        assertEquals(2, sent.size());
        Map<String, Object> first = sent.stream().filter(s -> anonymous.sid().equals(s.get("sid"))).findFirst().orElseThrow();
        Map<String, Object> second = sent.stream().filter(s -> alice.sid().equals(s.get("sid"))).findFirst().orElseThrow();
        assertEquals("exited", first.get("status"));
        assertNull(first.get("did"));
        assertEquals("ok", second.get("status"));
        assertEquals(Boolean.TRUE, second.get("init"));
        assertEquals(Boolean.TRUE, first.get("init"), "the anonymous session was never sent before: init kept");
    }

    @Test
    void envelopesAreReadByTheOfficialSentryReader() throws Exception {
        SessionManager m = manager(options().environment("staging"));
        Session s = m.startSession(SessionContext.forUser(User.of("bob")));
        m.flush(Duration.ofSeconds(10));
        clock.advance(Duration.ofMillis(1500));
        m.recordError(true);
        m.endSession();
        m.flush(Duration.ofSeconds(10));

        List<io.sentry.Session> read = ingest.envelopes().stream()
                .flatMap(e -> SentryReader.sessions(e.body()).stream()).toList();
        assertEquals(2, read.size());
        io.sentry.Session first = read.get(0);
        io.sentry.Session last = read.get(1);
        assertEquals(s.sid(), first.getSessionId().replace("-", ""));
        assertEquals(io.sentry.Session.State.Ok, first.getStatus());
        assertEquals(Boolean.TRUE, first.getInit());
        assertEquals("shop@2.4.1", first.getRelease());
        assertEquals("staging", first.getEnvironment());
        assertEquals(s.did(), first.getDistinctId());
        assertEquals(s.started(), first.getStarted().toInstant());
        assertEquals(io.sentry.Session.State.Exited, last.getStatus());
        assertEquals(1, last.errorCount());
        assertEquals(1.5, last.getDuration(), 0.0001);
        assertEquals(s.started().plusMillis(1500), last.getTimestamp().toInstant());
    }

    @Test
    void envelopeHeadersAndAuthAreWhatSentryExpects() {
        SessionManager m = manager(options().compress(true));
        m.startSession();
        m.flush(Duration.ofSeconds(10));
        ReceivedEnvelope e = ingest.envelopes().get(0);
        assertEquals("POST", e.method());
        assertEquals("/api/" + ingest.projectId() + "/envelope/", e.path());
        assertEquals("application/x-sentry-envelope", e.headers().get("content-type"));
        assertEquals("gzip", e.headers().get("content-encoding"));
        assertTrue(e.headers().get("x-sentry-auth").startsWith("Sentry sentry_version=7,sentry_client=sessionhealth.java/"));
        assertTrue(e.headers().get("x-sentry-auth").endsWith(",sentry_key=publickey"));
        Map<String, Object> header = e.envelopeHeader();
        Instant sentAt = Instant.parse((String) header.get("sent_at"));
        assertEquals(clock.instant(), sentAt);
        assertEquals("sessionhealth.java", ((Map<?, ?>) header.get("sdk")).get("name"));
        assertFalse(e.text().contains("\r"));
    }

    @Test
    void closeEndsOpenSessionsDeliversThemAndLeavesNoThread() {
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        manager = SessionManager.builder(options().dsn(ingest.dsn()).release("shop@2.4.1").build()).clock(clock)
                .threadFactory(r -> {
                    Thread t = new Thread(r, "test-sender");
                    t.setDaemon(true);
                    threads.add(t);
                    return t;
                }).build();
        manager.startSession();
        manager.close();
        List<Map<String, Object>> sent = ingest.sessions();
        assertEquals(1, sent.size());
        assertEquals("exited", sent.get(0).get("status"));
        manager.close(); // idempotent
        assertEquals(1, threads.size());
        assertFalse(threads.get(0).isAlive(), "the sender thread ended");
    }
}
