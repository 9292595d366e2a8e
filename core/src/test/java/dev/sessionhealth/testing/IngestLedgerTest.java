package dev.sessionhealth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.IngestLedger.Invariant;
import dev.sessionhealth.testing.IngestLedger.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ledger finds each kind of violation in hand-built histories, and passes a clean one. */
@Timeout(60)
class IngestLedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(32);
    private static final String C = "c".repeat(32);

    // ---- hand-built envelopes ----

    /** A session item of {@code sid} started at T0, sent {@code afterMillis} later, with an honest duration. */
    private static Map<String, Object> item(String sid, boolean init, String status, long afterMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", sid);
        m.put("did", "user-" + sid.charAt(0));
        m.put("init", init);
        m.put("seq", afterMillis);
        m.put("started", T0.toString());
        m.put("timestamp", T0.plusMillis(afterMillis).toString());
        m.put("status", status);
        m.put("errors", 0);
        m.put("duration", afterMillis / 1000.0);
        m.put("attrs", Map.of("release", "shop@1.0"));
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> item, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(item);
        m.put(key, value);
        return m;
    }

    @SafeVarargs
    private static ReceivedEnvelope envelope(int status, Map<String, Object>... items) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(JSON.writeValueAsBytes(Map.of("sent_at", T0.toString())));
            for (Map<String, Object> item : items) {
                byte[] payload = JSON.writeValueAsBytes(item);
                out.write('\n');
                out.write(JSON.writeValueAsBytes(Map.of("type", "session", "length", payload.length)));
                out.write('\n');
                out.write(payload);
            }
            out.write('\n');
            return new ReceivedEnvelope("POST", "/api/1/envelope/", Map.of(), out.toByteArray(), status);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Invariant> kinds(IngestLedger ledger, boolean everySessionEnds) {
        Set<Invariant> out = new java.util.TreeSet<>();
        ledger.violations(everySessionEnds).forEach(v -> out.add(v.invariant()));
        return out;
    }

    // ---- clean histories ----

    @Test
    void cleanHistoryPassesAndCountsWhatTheIngestHolds() {
        IngestLedger ledger = IngestLedger.of(List.of(
                envelope(200, item(A, true, "ok", 0), item(B, true, "ok", 5)),
                envelope(200, item(A, false, "ok", 1_000), item(C, true, "crashed", 20)),
                envelope(503, item(B, false, "exited", 2_000)), // refused: not stored, not read
                envelope(200, item(A, false, "exited", 3_000), item(B, false, "abnormal", 2_500))));
        ledger.assertExact(true);
        assertEquals(List.of(), ledger.violations(true));
        assertEquals(Set.of(A, B, C), ledger.sids());
        assertEquals(Set.of(A, B, C), ledger.startsAccepted());
        assertEquals(Set.of(A, B, C), ledger.endsAccepted());
        assertEquals(Map.of("exited", 1, "crashed", 1, "abnormal", 1), ledger.terminalCounts());
        assertEquals("exited", ledger.statusOf(A));
        assertEquals("abnormal", ledger.statusOf(B));
        assertEquals(3, ledger.items(A).size());
        assertEquals(0, ledger.duplicates());
        assertEquals(Set.of(), ledger.orphans());
        assertEquals(Set.of(), ledger.neverEnded());
        assertEquals(1, ledger.refusedEnvelopes());
        assertEquals("envelopes=4 refusedEnvelopes=1 itemsAccepted=6 itemsRefused=1 sids=3 startsAccepted=3 "
                + "endsAccepted=3 duplicates=0 orphans=0 neverEnded=0 timeViolations=0 abnormalAfterEnd=0 "
                + "exited=1 crashed=1 abnormal=1 unhandled=0", ledger.figures());
    }

    @Test
    void sessionsStillOpenPassUnlessEverySessionMustEnd() {
        IngestLedger ledger = IngestLedger.of(List.of(envelope(200, item(A, true, "ok", 0)),
                envelope(200, item(A, false, "ok", 10), item(B, true, "exited", 3))));
        ledger.assertExact(false);
        assertEquals(Set.of(A), ledger.neverEnded());
        AssertionError e = assertThrows(AssertionError.class, () -> ledger.assertExact(true));
        assertTrue(e.getMessage().contains("I3 never ended sid=" + A), e.getMessage());
        assertFalse(e.getMessage().contains("sid=" + B), e.getMessage());
    }

    // ---- I1 ----

    @Test
    void secondAcceptedInitIsADuplicate() {
        IngestLedger ledger = IngestLedger.of(List.of(envelope(200, item(A, true, "ok", 0)),
                envelope(200, item(A, true, "ok", 0)))); // a retry of an envelope the ingest had stored
        assertEquals(Set.of(Invariant.I1_DUPLICATE_INIT), kinds(ledger, false));
        assertEquals(1, ledger.duplicates());
        AssertionError e = assertThrows(AssertionError.class, () -> ledger.assertExact(false));
        assertTrue(e.getMessage().contains("I1 init twice sid=" + A + " item#1"), e.getMessage());
    }

    @Test
    void initRefusedThenAcceptedIsNoDuplicate() {
        IngestLedger ledger = IngestLedger.of(List.of(envelope(429, item(A, true, "ok", 0)),
                envelope(200, item(A, true, "ok", 50))));
        ledger.assertExact(false);
    }

    @Test
    void itemBeforeItsInitOrWithoutAnyInitIsAnOrphan() {
        IngestLedger ledger = IngestLedger.of(List.of(
                envelope(200, item(A, false, "ok", 10), item(B, false, "exited", 10)),
                envelope(413, item(A, true, "ok", 0)),
                envelope(200, item(A, true, "ok", 20))));
        assertEquals(Set.of(A, B), ledger.orphans());
        assertEquals(2, ledger.orphanItems());
        assertEquals(Set.of(Invariant.I1_ORPHAN), kinds(ledger, false));
        AssertionError e = assertThrows(AssertionError.class, () -> ledger.assertExact(false));
        assertTrue(e.getMessage().contains("I1 orphan sid=" + A), e.getMessage());
        assertTrue(e.getMessage().contains("I1 orphan sid=" + B), e.getMessage());
        assertTrue(e.getMessage().contains("no init"), e.getMessage());
        assertTrue(e.getMessage().contains("before its init"), e.getMessage());
    }

    // ---- I2 ----

    @Test
    void secondEndIsADuplicateEvenWithAnotherStatus() {
        IngestLedger ledger = IngestLedger.of(List.of(envelope(200, item(A, true, "exited", 0)),
                envelope(200, item(A, false, "abnormal", 0)))); // a crash recovery of a session that had ended
        assertEquals(Set.of(Invariant.I2_DUPLICATE_END), kinds(ledger, true));
        assertEquals(Set.of(A), ledger.abnormalAfterEnd());
        assertEquals(Map.of("exited", 1, "abnormal", 1), ledger.terminalCounts());
        AssertionError e = assertThrows(AssertionError.class, () -> ledger.assertExact(false));
        assertTrue(e.getMessage().contains("I2 ended twice sid=" + A), e.getMessage());
    }

    @Test
    void itemAfterTheEndIsAViolation() {
        IngestLedger ledger = IngestLedger.of(List.of(envelope(200, item(A, true, "ok", 0), item(A, false, "crashed", 5)),
                envelope(200, item(A, false, "ok", 4)))); // an older update, resent late
        List<Violation> found = ledger.violations(false);
        assertEquals(1, found.size(), found::toString);
        assertEquals(Invariant.I2_AFTER_END, found.get(0).invariant());
        assertEquals(2, found.get(0).item());
        assertEquals(1, ledger.duplicates());
    }

    // ---- I4 ----

    @Test
    void timestampBeforeStartedIsDishonest() {
        Map<String, Object> early = with(with(item(A, true, "ok", 0), "timestamp", T0.minusSeconds(1).toString()),
                "duration", -1.0);
        assertOnlyTimes(IngestLedger.of(List.of(envelope(200, early))), "before started");
    }

    @Test
    void durationThatDisagreesWithTheTimesIsDishonest() {
        IngestLedger ok = IngestLedger.of(List.of(envelope(200, with(item(A, true, "ok", 1_500), "duration", 1.5009))));
        ok.assertExact(false); // within a millisecond
        IngestLedger off = IngestLedger.of(List.of(envelope(200, with(item(A, true, "ok", 1_500), "duration", 1.502))));
        assertOnlyTimes(off, "duration 1.502");
    }

    @Test
    void startedDidOrAttrsChangingWithinASessionIsDishonest() {
        assertOnlyTimes(IngestLedger.of(List.of(envelope(200, item(A, true, "ok", 0)),
                envelope(200, with(with(item(A, false, "ok", 1_000), "started", T0.plusMillis(500).toString()),
                        "duration", 0.5)))), "started changed");
        assertOnlyTimes(IngestLedger.of(List.of(envelope(200, item(A, true, "ok", 0)),
                envelope(200, with(item(A, false, "ok", 1_000), "did", "someone-else")))), "did changed");
        assertOnlyTimes(IngestLedger.of(List.of(envelope(200, item(A, true, "ok", 0)),
                envelope(200, with(item(A, false, "ok", 1_000), "attrs", Map.of("release", "shop@2.0"))))),
                "attrs changed");
    }

    @Test
    void endOlderThanAnEarlierItemIsDishonest() {
        // an abnormal end timed at the last journal write, after an update sent later than that
        IngestLedger ledger = IngestLedger.of(List.of(envelope(200, item(A, true, "ok", 0)),
                envelope(200, item(A, false, "ok", 900)), envelope(200, item(A, false, "abnormal", 800))));
        assertOnlyTimes(ledger, "is older than item#1");
        assertEquals(1, ledger.figureMap().get("timeViolations"));
    }

    private static void assertOnlyTimes(IngestLedger ledger, String detail) {
        assertEquals(Set.of(Invariant.I4_TIMES), kinds(ledger, false), () -> ledger.violations(false).toString());
        AssertionError e = assertThrows(AssertionError.class, () -> ledger.assertExact(false));
        assertTrue(e.getMessage().contains("I4 times/attributes sid=" + A), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    @Test
    void failureMessageListsEveryViolationWithItsSid() {
        IngestLedger ledger = IngestLedger.of(List.of(
                envelope(200, item(A, true, "ok", 0), item(B, false, "ok", 0), item(C, true, "exited", 0)),
                envelope(200, item(A, true, "ok", 1), item(C, false, "exited", 2))));
        AssertionError e = assertThrows(AssertionError.class, () -> ledger.assertExact(true));
        String m = e.getMessage();
        assertTrue(m.contains("I1 init twice sid=" + A), m);
        assertTrue(m.contains("I3 never ended sid=" + A), m);
        assertTrue(m.contains("I1 orphan sid=" + B), m);
        assertTrue(m.contains("I2 ended twice sid=" + C), m);
        assertTrue(m.contains("duplicates=2"), m);
    }

    // ---- through a real ingest ----

    private static HttpRequest post(FakeIngest ingest, byte[] body, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/api/" + ingest.projectId()
                + "/envelope/")).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    @Test
    void ledgerOfARealIngestReadsWhatItAcceptedAcrossAClear() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (FakeIngest ingest = FakeIngest.start()) {
            ingest.enqueue(Reply.status(500));
            for (ReceivedEnvelope e : List.of(envelope(200, item(A, true, "ok", 0)),
                    envelope(200, item(A, true, "ok", 0)), envelope(200, item(A, false, "exited", 5)))) {
                http.send(post(ingest, e.body(), Duration.ofSeconds(10)), HttpResponse.BodyHandlers.discarding());
                ingest.clear(); // a test's view is reset; what the ingest stored is not
            }
            assertEquals(List.of(), ingest.envelopes());
            assertEquals(List.of(500, 200, 200), ingest.history().stream().map(ReceivedEnvelope::answered).toList());
            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true); // the first init was refused (500): the second is the only one
            assertEquals(2, ledger.items(A).size());
        }
    }

    @Test
    void cutOffReplyClosesTheConnectionUnansweredAndIsNotAccepted() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (FakeIngest ingest = FakeIngest.start()) {
            ingest.enqueue(Reply.cutOff(10));
            byte[] body = envelope(200, item(A, true, "ok", 0), item(B, true, "ok", 0)).body();
            assertThrows(IOException.class, () -> http.send(post(ingest, body, Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.discarding()), "no answer: the client sees the connection closed");
            ReceivedEnvelope cut = ingest.envelopes().get(0);
            assertTrue(cut.cutOff());
            assertFalse(cut.accepted());
            assertEquals(ReceivedEnvelope.CUT_OFF, cut.answered());
            assertEquals(new String(body, 0, 10, StandardCharsets.UTF_8), cut.text(), "the bytes read, no more");
            assertEquals(List.of(), ingest.sessions(), "nothing readable was stored");

            // the retry is answered again
            assertEquals(200, http.send(post(ingest, body, Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(false);
            assertEquals(1, ledger.refusedEnvelopes());
            assertEquals(Set.of(A, B), ledger.startsAccepted());
        }
    }

    @Test
    void slowReplyIsStoredAlthoughTheClientGaveUpWaiting() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (FakeIngest ingest = FakeIngest.start()) {
            ingest.enqueue(Reply.slow(Duration.ofSeconds(20)));
            byte[] body = envelope(200, item(A, true, "ok", 0)).body();
            assertThrows(HttpTimeoutException.class, () -> http.send(post(ingest, body, Duration.ofMillis(300)),
                    HttpResponse.BodyHandlers.discarding()));
            assertEquals(1, ingest.envelopes().size(), "recorded when read, not when answered");
            assertTrue(ingest.envelopes().get(0).accepted(), "the ingest stored it: it answers 200 (late)");
            ingest.stop(); // interrupts the delayed answer: what was stored stays stored
            assertEquals(1, ingest.history().size());

            ingest.restart();
            http.send(post(ingest, body, Duration.ofSeconds(10)), HttpResponse.BodyHandlers.discarding());
            IngestLedger ledger = IngestLedger.of(ingest);
            List<Violation> found = ledger.violations(false);
            assertEquals(1, found.size(), found::toString);
            assertEquals(Invariant.I1_DUPLICATE_INIT, found.get(0).invariant(),
                    "a client that retries after its timeout makes the ingest count the session twice");
        }
    }

    @Test
    void itemsOfOneSidKeepArrivalOrderAcrossEnvelopes() {
        List<ReceivedEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            envelopes.add(envelope(200, item(A, i == 0, i == 4 ? "exited" : "ok", i * 100L)));
        }
        IngestLedger ledger = IngestLedger.of(envelopes);
        ledger.assertExact(true);
        assertEquals(List.of(0, 1, 2, 3, 4), ledger.items(A).stream().map(IngestLedger.Item::envelope).toList());
    }
}
