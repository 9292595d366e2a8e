package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The application's hook can change the {@code did}, drop an update, or fail without harm. */
@Timeout(60)
class BeforeSendTest extends LocalIngestTest {

    private SessionManager manager(BeforeSend hook) {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build())
                .clock(clock).beforeSend(hook).build();
        return manager;
    }

    @Test
    void hookCanReplaceTheDistinctId() {
        SessionManager m = manager(s -> s.withDid("tenant-7"));
        m.startSession(SessionContext.forUser(User.of("alice")));
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertEquals("tenant-7", ingest.sessions().get(0).get("did"));
    }

    @Test
    void tagsReachTheHookAndTheCallerButNeverTheWire() {
        List<Map<String, String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        SessionManager m = manager(s -> {
            seen.add(s.tags());
            return s;
        });
        Session started = m.startSession(new SessionContext(User.of("alice"), Map.of("tenant", "acme-tenant"),
                null, null));
        assertEquals(Map.of("tenant", "acme-tenant"), started.tags());
        assertEquals(Map.of("tenant", "acme-tenant"), m.currentSession().orElseThrow().tags());
        m.endSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));

        assertEquals(List.of(Map.of("tenant", "acme-tenant")), seen.stream().distinct().toList(),
                "every update of the session carries its tags");
        assertTrue(ingest.sessions().size() >= 1);
        ingest.envelopes().forEach(e -> assertFalse(e.text().contains("acme-tenant"), e.text()));
        m.startSession();
        assertEquals(Map.of(), m.currentSession().orElseThrow().tags(), "a session without tags has none");
    }

    @Test
    void hookCanDropAnUpdateWhichIsCountedAndReported() {
        SessionManager m = manager(s -> s.user() != null && "bot".equals(s.user().id()) ? null : s);
        m.startSession(SessionContext.forUser(User.of("bot")));
        m.startSession(SessionContext.forUser(User.of("alice")));
        assertTrue(m.flush(Duration.ofSeconds(10)));

        List<Map<String, Object>> sent = ingest.sessions();
        assertEquals(1, sent.size(), sent::toString);
        assertEquals(Map.of(DiscardReason.BEFORE_SEND, 2L), m.stats().discarded(),
                "the bot's start and its end (coalesced) were both dropped");
        assertEquals(Map.of("before_send", 2L), RateLimitTest.discarded(ingest.envelopes().get(0)));
    }

    @Test
    void hookThatThrowsDropsTheUpdateAndNothingReachesTheCaller() {
        AtomicBoolean failing = new AtomicBoolean(true);
        SessionManager m = manager(s -> {
            if (failing.get()) {
                throw new IllegalStateException("hook bug");
            }
            return s;
        });
        Session s = m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertEquals(Map.of(DiscardReason.BEFORE_SEND, 1L), m.stats().discarded());
        assertTrue(ingest.sessions().isEmpty());

        failing.set(false);
        m.captureSession();
        assertTrue(m.flush(Duration.ofSeconds(10)), "the sender survived the hook");
        Map<String, Object> sent = ingest.sessions().get(0);
        assertEquals(s.sid(), sent.get("sid"));
        assertEquals(Boolean.TRUE, sent.get("init"), "the dropped first update passed init on");
    }

    @Test
    void hookThrowingAnErrorDoesNotStopTheSender() {
        AtomicBoolean failing = new AtomicBoolean(true);
        SessionManager m = manager(s -> {
            if (failing.getAndSet(false)) {
                throw new AssertionError("hook assertion");
            }
            return s;
        });
        m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        m.captureSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertEquals(1, ingest.sessions().size());
        SessionStats stats = m.stats();
        assertEquals(Map.of(DiscardReason.BEFORE_SEND, 1L), stats.discarded());
        assertEquals(stats.recorded(), stats.sent() + stats.pending() + stats.discardedTotal(), stats::toString);
    }

    @Test
    void onlyDidUserAgentAndIpAddressAreTakenFromTheResult() {
        List<Session> originals = new java.util.concurrent.CopyOnWriteArrayList<>();
        SessionManager m = manager(s -> {
            originals.add(s);
            return new Session("0".repeat(32), "x", false, 1, Instant.EPOCH, Instant.EPOCH.plusSeconds(5),
                    Duration.ofSeconds(5), SessionStatus.CRASHED, 99, "other@1", "elsewhere", "hook-agent/1.0",
                    "10.9.9.9", User.of("mallory"), Map.of("hook", "tag"));
        });
        clock.advance(Duration.ofSeconds(30));
        m.startSession(new SessionContext(User.of("alice"), Map.of("tenant", "acme"), null, null));
        assertTrue(m.flush(Duration.ofSeconds(10)));

        Session original = originals.get(0);
        assertEquals(Map.of("tenant", "acme"), original.tags(), "the hook sees the session's tags");
        assertEquals("alice", original.user().id(), "and its user");
        Map<String, Object> sent = ingest.sessions().get(0);
        // taken from the result
        assertEquals("x", sent.get("did"));
        assertEquals(Map.of("release", "shop@2.4.1", "environment", "production", "user_agent", "hook-agent/1.0",
                "ip_address", "10.9.9.9"), sent.get("attrs"), "release and environment kept, client details taken");
        // kept from the original
        assertEquals(original.sid(), sent.get("sid"));
        assertEquals(Boolean.TRUE, sent.get("init"));
        assertEquals(original.seq(), ((Number) sent.get("seq")).longValue());
        assertEquals(original.started().toString(), sent.get("started"));
        assertEquals(original.timestamp().toString(), sent.get("timestamp"));
        assertEquals(original.duration().toMillis() / 1000.0, ((Number) sent.get("duration")).doubleValue(), 0.0001);
        assertEquals("ok", sent.get("status"));
        assertEquals(0, sent.get("errors"));
        // never sent
        String wire = ingest.envelopes().get(0).text();
        assertFalse(wire.contains("mallory") || wire.contains("acme") || wire.contains("\"hook\""), wire);
    }

    @Test
    void hookCanRemoveTheClientDetails() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .sendDefaultPii(true).build()).clock(clock).beforeSend(Session::withoutClientInfo).build();
        manager.startSession(SessionContext.forUser(new User("alice", null, null, "10.1.2.3")));
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        Map<String, Object> sent = ingest.sessions().get(0);
        assertEquals(Map.of("release", "shop@2.4.1", "environment", "production"), sent.get("attrs"));
        assertEquals("alice", sent.get("did"), "the rest as it was");
    }
}
