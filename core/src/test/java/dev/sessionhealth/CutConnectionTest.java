package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.ManagerAssembly;
import dev.sessionhealth.internal.send.Backoff;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.wire.Dsn;
import dev.sessionhealth.internal.wire.HttpTransport;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.ReceivedEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ingest closes the connection after reading part of the body, without answering, once; then it
 * answers 200. What the client makes of it depends on whether the body had gone out whole:
 * <ul>
 * <li>A body of a few hundred bytes is in the socket's buffers before the ingest closes: the write
 * succeeds and the read of the answer finds the connection closed. The outcome is unknown, so the
 * envelope is taken as delivered, never sent again, and counted unconfirmed. (Here the ingest did
 * not store it, so its start is lost: the price of never counting a session twice.)</li>
 * <li>A body larger than the socket's buffers cannot be written once the ingest reset the
 * connection: the write fails, nothing went out whole, and the envelope is sent again.</li>
 * </ul>
 * Either way the ingest never holds a start or an end twice, and the counters add up.
 */
@Timeout(120)
class CutConnectionTest extends LocalIngestTest {

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private DefaultSessionManager manager(Transport transport) {
        manager = ManagerAssembly.assemble(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build(),
                clock, transport, null, null, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)));
        return (DefaultSessionManager) manager;
    }

    /**
     * The real HTTP transport (uncompressed, so the body's size on the wire is what the test makes
     * it), noting what it threw; with {@code padding} > 0 every envelope gets an extra item of that
     * many bytes, which the ingest ignores, to make the body larger than the socket's buffers.
     */
    private Transport observed(int padding) {
        HttpTransport http = new HttpTransport(Dsn.parse(ingest.dsn()), Duration.ofSeconds(30), false, "test", "1");
        return closedAfterManager(new Transport() {
            @Override
            public Response send(byte[] envelope) throws IOException {
                try {
                    return http.send(padding == 0 ? envelope : padded(envelope, padding));
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                    throw e;
                }
            }

            @Override
            public void close() {
                http.close();
            }
        });
    }

    private static byte[] padded(byte[] envelope, int padding) {
        String separator = envelope[envelope.length - 1] == '\n' ? "" : "\n";
        byte[] header = (separator + "{\"type\":\"padding\",\"length\":" + padding + "}\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(envelope, envelope.length + header.length + padding);
        System.arraycopy(header, 0, out, envelope.length, header.length);
        Arrays.fill(out, envelope.length + header.length, out.length, (byte) 'x');
        return out;
    }

    private static void assertCountersAddUp(SessionStats s) {
        assertEquals(s.recorded(), s.sent() + s.unconfirmed() + s.pending() + s.discardedTotal(), s::toString);
    }

    private static void assertNoDuplicates(IngestLedger ledger) {
        List<IngestLedger.Violation> twice = ledger.violations(false).stream()
                .filter(v -> v.invariant() == IngestLedger.Invariant.I1_DUPLICATE_INIT
                        || v.invariant() == IngestLedger.Invariant.I2_DUPLICATE_END
                        || v.invariant() == IngestLedger.Invariant.I2_AFTER_END)
                .toList();
        assertTrue(twice.isEmpty(), () -> "counted twice: " + twice + "\n  " + ledger.figures());
        assertEquals(0, ledger.duplicates(), ledger::figures);
    }

    /** {@code bytes}: how much of the (uncompressed, about 400 bytes) body the ingest reads before it closes. */
    @ParameterizedTest(name = "cut after {0} bytes")
    @ValueSource(ints = {0, 10, 100, 1_000_000})
    void aCutAfterASmallBodyWentOutIsAnUnknownOutcomeTakenAsDeliveredAndNeverSentAgain(int bytes) {
        DefaultSessionManager m = manager(observed(0));
        ingest.enqueue(Reply.cutOff(bytes));
        SessionState first = m.tracker().start(SessionContext.EMPTY, null, null);
        assertTrue(m.flush(Duration.ofSeconds(20)), "an unknown outcome is done with: nothing is left to send");

        assertEquals(1, failures.size(), failures::toString);
        Throwable seen = failures.get(0);
        assertInstanceOf(Transport.OutcomeUnknownException.class, seen,
                "the body went out whole before the connection closed: " + seen);
        assertNotNull(seen.getCause(), "the transport's own failure is kept as the cause");
        ReceivedEnvelope cut = ingest.history().get(0);
        assertTrue(cut.cutOff() && !cut.accepted(), "the ingest stored nothing");
        SessionStats after = m.stats();
        assertEquals(1, after.unconfirmed(), after::toString);
        assertEquals(1, after.unconfirmedEnvelopes(), after::toString);
        assertEquals(0, after.sent(), after::toString);
        assertTrue(after.discarded().isEmpty(), "unconfirmed is not a discard: " + after);
        assertCountersAddUp(after);

        // later traffic goes through; the start caught in the cut is never sent again
        SessionState second = m.tracker().start(SessionContext.EMPTY, null, null);
        m.tracker().recordError(first, true);
        assertTrue(m.flush(Duration.ofSeconds(20)));
        List<ReceivedEnvelope> later = ingest.history().subList(1, ingest.history().size());
        assertTrue(later.stream().allMatch(ReceivedEnvelope::accepted), "only the one reply was cut");
        assertTrue(later.stream().flatMap(e -> e.payloads("session").stream())
                .noneMatch(p -> first.sidHex().equals(p.get("sid")) && Boolean.TRUE.equals(p.get("init"))),
                "the start taken as delivered is not sent again");
        assertEquals(Map.of("network_error", 1L), RateLimitTest.discarded(later.get(0)),
                "the unconfirmed update is reported as network_error");
        assertCountersAddUp(m.stats());

        m.tracker().end(first, SessionStatus.EXITED);
        m.tracker().end(second, SessionStatus.EXITED);
        m.close();
        SessionStats closed = m.stats();
        assertCountersAddUp(closed);
        assertEquals(1, closed.unconfirmed(), closed::toString);
        IngestLedger ledger = IngestLedger.of(ingest);
        assertNoDuplicates(ledger);
        assertEquals(Set.of(second.sidHex()), ledger.startsAccepted(), ledger::figures);
        // what the design accepts: the cut start was never stored, so what follows of it has no init
        assertEquals(Set.of(first.sidHex()), ledger.orphans(), ledger::figures);
        assertEquals(Set.of(first.sidHex(), second.sidHex()), ledger.endsAccepted(), "each ended once");
    }

    @Test
    void aResetWhileALargeBodyIsStillBeingWrittenIsNotSentAndIsSentAgainOnce() {
        // 16 MB: more than loopback's socket buffers hold, so the write is still going when the reset comes
        DefaultSessionManager m = manager(observed(16 * 1024 * 1024));
        ingest.enqueue(Reply.cutOff(10));
        SessionState s = m.tracker().start(SessionContext.EMPTY, null, null);
        assertTrue(m.flush(Duration.ofSeconds(60)), "sent again after the backoff");

        assertEquals(1, failures.size(), failures::toString);
        Throwable seen = failures.get(0);
        assertFalse(seen instanceof Transport.OutcomeUnknownException, "the body did not go out whole: " + seen);
        assertInstanceOf(IOException.class, seen);
        List<Integer> answers = ingest.history().stream().map(ReceivedEnvelope::answered).toList();
        assertEquals(List.of(ReceivedEnvelope.CUT_OFF, 200), answers);
        SessionStats stats = m.stats();
        assertEquals(0, stats.unconfirmed(), stats::toString);
        assertEquals(1, stats.sent(), stats::toString);
        assertCountersAddUp(stats);

        m.tracker().end(s, SessionStatus.EXITED);
        m.close();
        assertCountersAddUp(m.stats());
        IngestLedger ledger = IngestLedger.of(ingest);
        assertNoDuplicates(ledger);
        ledger.assertExact(true);
        assertEquals(Set.of(s.sidHex()), ledger.startsAccepted());
    }

    @Test
    void aCutInTheMiddleOfTrafficNeverCountsASessionTwice() {
        DefaultSessionManager m = manager(null); // the default transport: gzip, the usual request timeout
        List<SessionState> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sessions.add(m.tracker().start(SessionContext.EMPTY, null, null));
        }
        assertTrue(m.flush(Duration.ofSeconds(20)));
        ingest.enqueue(Reply.cutOff(50));
        for (SessionState s : sessions) {
            m.tracker().recordError(s, true);
        }
        m.tracker().end(sessions.get(0), SessionStatus.EXITED);
        for (int i = 0; i < 3; i++) {
            sessions.add(m.tracker().start(SessionContext.EMPTY, null, null));
        }
        assertTrue(m.flush(Duration.ofSeconds(20)));
        assertEquals(1, ingest.history().stream().filter(ReceivedEnvelope::cutOff).count());
        for (SessionState s : sessions) {
            m.tracker().recordError(s, true);
            m.tracker().end(s, SessionStatus.EXITED);
        }
        assertTrue(m.flush(Duration.ofSeconds(20)));
        m.close();

        SessionStats stats = m.stats();
        assertCountersAddUp(stats);
        assertEquals(0, stats.pending(), stats::toString);
        IngestLedger ledger = IngestLedger.of(ingest);
        assertNoDuplicates(ledger);
        assertEquals(1, stats.unconfirmedEnvelopes(), "the cut envelope's outcome is unknown: " + stats);
        assertTrue(stats.unconfirmed() > 0, stats::toString);
        // a session whose start was in the cut envelope is known to the ingest without init, never twice
        for (SessionState s : sessions) {
            assertTrue(ledger.startsAccepted().contains(s.sidHex()) ^ ledger.orphans().contains(s.sidHex()),
                    () -> s.sidHex() + " " + ledger.items(s.sidHex()) + "\n  " + ledger.figures());
        }
    }
}
